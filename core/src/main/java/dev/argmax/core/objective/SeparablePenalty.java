package dev.argmax.core.objective;

/**
 * A penalty {@code P(b) = sum_j P_j(b_j)} with a closed-form proximal operator per coordinate,
 * which is what coordinate descent and proximal gradient methods need.
 */
public interface SeparablePenalty extends Penalty {

    /** {@code P_j(b)}. */
    double value(int j, double b);

    /** {@code prox_{t P_j}(z) = argmin_b (1/(2t)) (b - z)^2 + P_j(b)}, {@code t > 0}. */
    double prox(int j, double z, double step);

    /**
     * The coordinate-descent update {@code argmin_b (h/2) b^2 - g b + P_j(b)} for curvature
     * {@code h > 0}: glmnet's one formula that folds soft-thresholding, the ridge part, penalty
     * factors and box limits.
     */
    default double coordinateMinimizer(int j, double g, double h) {
        return prox(j, g / h, 1.0 / h);
    }

    /**
     * The KKT violation of coordinate j: the distance from {@code -gradient} (the gradient of the
     * smooth part of the objective in b_j) to the subdifferential of {@code P_j} at {@code b}.
     * Zero exactly when b_j is optimal given the other coordinates.
     */
    double subdifferentialDistance(int j, double b, double gradient);

    /**
     * The largest {@code |gradient|} at which {@code b_j = 0} is still optimal (for the lasso
     * part {@code lambda * alpha * v_j}); used to find {@code lambda_max} and for screening.
     */
    double zeroThreshold(int j);
}
