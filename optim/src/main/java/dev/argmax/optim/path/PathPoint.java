package dev.argmax.optim.path;

import dev.argmax.optim.SolverResult;

/**
 * The solution at one lambda of a regularization path.
 *
 * @param lambda the penalty strength
 * @param result the solver's result (coefficients intercept first, objective, KKT violation over
 *     all coordinates, passes, convergence)
 * @param nonzero number of non-zero slopes
 * @param deviance the deviance {@code 2 W (D - D_saturated)} at the solution
 * @param devianceRatio fraction of the null deviance explained, {@code 1 - deviance / nullDeviance}
 */
public record PathPoint(double lambda, SolverResult result, int nonzero, double deviance, double devianceRatio) {

    /** Coefficients, intercept first. */
    public double[] coefficients() {
        return result.coefficients();
    }

    public double objective() {
        return result.objective();
    }

    public boolean converged() {
        return result.converged();
    }

    public int iterations() {
        return result.iterations();
    }
}
