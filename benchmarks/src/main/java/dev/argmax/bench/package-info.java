/**
 * JMH benchmarks: the machine's reference rates (GEMM, SYRK, one streaming pass), one Newton and one
 * gradient step, whole fits by family, scenario and solver, regularization paths, and the peers'
 * problems.
 */
package dev.argmax.bench;
