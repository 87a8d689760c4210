/**
 * Solver comparison: every solver that handles a problem is run on it, and the runs are set side by
 * side (convergence, iterations, time, objective, gap, coefficient difference, KKT violation); the
 * synthetic problems of {@code compare --synthetic} as argmax types.
 */
package dev.argmax.cli.compare;
