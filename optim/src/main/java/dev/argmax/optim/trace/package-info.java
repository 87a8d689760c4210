/**
 * The convergence trace every solver records: objective, KKT violation, step and elapsed time per
 * iteration.
 */
package dev.argmax.optim.trace;
