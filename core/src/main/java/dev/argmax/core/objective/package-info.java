/**
 * The contracts solvers see: a {@link dev.argmax.core.objective.Datafit} (a loss as a function of
 * the linear predictor, with its derivatives), a {@link dev.argmax.core.objective.Penalty} (separable
 * with a coordinate minimizer and prox, or smooth), and the
 * {@link dev.argmax.core.objective.Capability} each solver asks of them.
 */
package dev.argmax.core.objective;
