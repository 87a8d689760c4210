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
 * @param elapsedNanos wall time of the solve, from the moment {@code solve} was entered: setup
 *     (Gram, standardization, step-size estimate, workspace) included
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

    /**
     * The same result with {@code nanos} more wall time, and every trace entry that much later:
     * for work done for this solve before its {@code solve} call (a path's shared setup).
     */
    public SolverResult withSetupNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("setup time must be >= 0, got " + nanos);
        }
        return new SolverResult(solver, coefficients, objective, optimality, iterations, stopReason, message,
                trace.delayedBy(nanos), elapsedNanos + nanos);
    }

    /** Wall time in seconds, setup included (see {@link #elapsedNanos()}). */
    public double seconds() {
        return elapsedNanos / 1e9;
    }
}
