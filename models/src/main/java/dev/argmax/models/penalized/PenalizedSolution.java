package dev.argmax.models.penalized;

/**
 * A penalized fit at one lambda, on the original scale of the predictors.
 *
 * @param lambda penalty strength (glmnet's convention)
 * @param intercept the intercept (NaN without one)
 * @param coefficients slopes in predictor order
 * @param objective the minimized objective {@code D + P} (on the standardized scale when
 *     standardizing; for the lasso this equals the original-scale objective with penalty
 *     {@code lambda sum v_j s_j |b_j|})
 * @param nonzero number of non-zero slopes
 * @param deviance deviance at the solution
 * @param devianceRatio fraction of the null (intercept-only) deviance explained
 * @param iterations coordinate passes (0 for a direct solve)
 * @param converged whether the solver met its tolerance
 * @param message the solver's account of the stop
 * @param trace the solver's per-iteration trace (objective, KKT violation, step, time) at this lambda
 */
public record PenalizedSolution(double lambda, double intercept, double[] coefficients, double objective, int nonzero,
                                double deviance, double devianceRatio, int iterations, boolean converged,
                                String message, dev.argmax.optim.trace.Trace trace) {

    public PenalizedSolution {
        coefficients = coefficients.clone();
        if (trace == null) {
            trace = dev.argmax.optim.trace.Trace.empty();
        }
    }

    /** A solution without a trace. */
    public PenalizedSolution(double lambda, double intercept, double[] coefficients, double objective, int nonzero,
                             double deviance, double devianceRatio, int iterations, boolean converged,
                             String message) {
        this(lambda, intercept, coefficients, objective, nonzero, deviance, devianceRatio, iterations, converged,
                message, null);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Intercept first (when there is one), then the slopes. */
    public double[] allCoefficients() {
        if (Double.isNaN(intercept)) {
            return coefficients.clone();
        }
        double[] out = new double[coefficients.length + 1];
        out[0] = intercept;
        System.arraycopy(coefficients, 0, out, 1, coefficients.length);
        return out;
    }
}
