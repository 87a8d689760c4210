package dev.argmax.optim;

import dev.argmax.optim.trace.Trace;

/**
 * What every solver returns: the coefficients (intercept first when fitted), the objective
 * {@code F(beta)} in glmnet's scaling, the optimality measure ({@link Problem#kktViolation}) at
 * the end, how it stopped, and the per-iteration trace.
 *
 * @param solver the solver's name
 * @param coefficients the last iterate (the solution when converged)
 * @param objective {@code F} at {@code coefficients}
 * @param optimality largest KKT violation at {@code coefficients}
 * @param iterations iterations (or passes) performed
 * @param stopReason why it stopped; {@link #converged()} is derived from it
 * @param message a human-readable account of the stop (tolerance met, cap reached, ...)
 * @param trace one entry per iteration
 * @param elapsedNanos wall time of the solve
 */
public record SolverResult(String solver, double[] coefficients, double objective, double optimality, int iterations,
                           StopReason stopReason, String message, Trace trace, long elapsedNanos) {

    public SolverResult {
        coefficients = coefficients.clone();
    }

    /** Whether the solver reached its convergence criterion. */
    public boolean converged() {
        return stopReason.converged();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Wall time in seconds. */
    public double seconds() {
        return elapsedNanos / 1e9;
    }
}
