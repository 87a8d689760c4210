package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;

/**
 * A penalty {@code P(b) = sum_j P_j(b_j)} with a closed-form proximal operator per coordinate,
 * which is what coordinate descent and proximal gradient methods need, scaled by an overall
 * strength lambda, which is what a regularization path needs ({@link #withLambda},
 * {@link #lambdaMax}).
 *
 * <p>A new penalty implements the per-coordinate value, proximal operator, subdifferential
 * distance and zero threshold, and {@link #withLambda}; a path, cross-validation and every
 * solver that needs {@link Capability#SEPARABLE_PROX} then take it as they take the elastic net.
 */
public interface SeparablePenalty extends Penalty {

    /** The overall strength lambda. */
    double lambda();

    /** The same penalty (shape, factors, limits) with another lambda (for paths). */
    SeparablePenalty withLambda(double lambda);

    /**
     * Whether slope j is penalized at all (false for a penalty factor of 0): a path fits the
     * unpenalized slopes in its null model.
     */
    default boolean penalizes(int j) {
        return withLambda(1.0).zeroThreshold(j) > 0;
    }

    /**
     * The smallest lambda at which every penalized slope is exactly 0, given the datafit gradient
     * {@code gradient} (length p, the slopes' gradient at the model with every penalized slope at
     * 0): {@code max_j |gradient_j| / t_j} over the penalized slopes, with {@code t_j} the zero
     * threshold of slope j at lambda = 1 (zero thresholds are proportional to lambda).
     *
     * @throws InvalidDataException when no slope is penalized
     */
    default double lambdaMax(double[] gradient) {
        SeparablePenalty unit = withLambda(1.0);
        double best = 0;
        boolean any = false;
        for (int j = 0; j < gradient.length; j++) {
            if (penalizes(j)) {
                any = true;
                best = Math.max(best, Math.abs(gradient[j]) / unit.zeroThreshold(j));
            }
        }
        if (!any) {
            throw new InvalidDataException("every penalty factor is 0: there is nothing to penalize, so no lambda path");
        }
        return best;
    }

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
