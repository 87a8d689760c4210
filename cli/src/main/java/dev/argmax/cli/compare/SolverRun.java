package dev.argmax.cli.compare;

import dev.argmax.optim.SolverResult;

/**
 * One solver's run in a {@link SolverComparison}, judged against the best objective any solver
 * reached.
 *
 * @param solver the solver's name
 * @param result what it returned, or null when it threw
 * @param error the exception's message when it threw, else null
 * @param converged the solver reported convergence (and, with a KKT target, its final violation
 *     is within it)
 * @param gap {@code F(beta) - F_best >= 0} (NaN when it failed)
 * @param maxCoefficientDifference {@code max_j |beta_j - beta_best_j|} (NaN when it failed)
 */
public record SolverRun(String solver, SolverResult result, String error, boolean converged, double gap,
                        double maxCoefficientDifference) {

    /** Iterations, or 0 when it failed. */
    public int iterations() {
        return result == null ? 0 : result.iterations();
    }

    /** Wall time in seconds (NaN when it failed). */
    public double seconds() {
        return result == null ? Double.NaN : result.seconds();
    }

    /** Final objective (NaN when it failed). */
    public double objective() {
        return result == null ? Double.NaN : result.objective();
    }

    /** Final KKT violation (NaN when it failed). */
    public double optimality() {
        return result == null ? Double.NaN : result.optimality();
    }
}
