package dev.argmax.optim.leastsquares;

import dev.argmax.core.linalg.LeastSquares;
import dev.argmax.optim.SolverResult;

/**
 * A direct least-squares fit: the common {@link SolverResult} (aliased coefficients 0 there) and
 * the core {@link LeastSquares.Solution} with the NaN-marked coefficients, the unscaled
 * covariance {@code (A'WA)^-1} and the residual sum of squares in double-double, and the linear
 * predictor {@code eta = o + A beta} at the result's coefficients (computed once, for the caller's
 * statistics).
 */
public record LeastSquaresFit(SolverResult result, LeastSquares.Solution solution, double[] linearPredictor) {
}
