package dev.argmax.core.objective;

/**
 * A penalty that is a sum over disjoint groups of slopes, {@code P(b) = sum_g P_g(b_g)}, each with a
 * closed-form proximal operator on its group (the group lasso: glmnet's grouped multinomial
 * penalty). Proximal-gradient methods apply the prox group by group.
 */
public interface GroupSeparablePenalty extends Penalty {

    /** The overall strength lambda. */
    double lambda();

    /** The same penalty (shape, groups) with another lambda (for paths). */
    GroupSeparablePenalty withLambda(double lambda);

    /**
     * The largest Euclidean norm of a group's gradient {@code ||gradient_g||_2} at which
     * {@code b_g = 0} is still optimal (for the group lasso {@code lambda * alpha}); used to find
     * lambda_max and for screening. Zero thresholds are proportional to lambda.
     */
    double zeroThreshold(int group);

    /** The groups, disjoint sets of slope indices covering 0..size-1. */
    int[][] groups();

    /** {@code prox_{t P_g}(z)} on the values of group g, in place. */
    void prox(int group, double[] z, double step);

    /**
     * The KKT violation of group g: the Euclidean distance from {@code -gradient_g} (the gradient of
     * the smooth part of the objective in the group's slopes) to the subdifferential of {@code P_g}
     * at {@code b_g}. Zero exactly when the group is optimal given the others.
     */
    double subdifferentialDistance(int group, double[] b, double[] gradient);

    /**
     * The exact block update of block coordinate descent on a quadratic model:
     * {@code out = argmin_u (1/2) u'Hu - r'u + P_g(u)} for the group's Hessian H (symmetric
     * positive semi-definite, {@code s x s} row-major, s the group's size) and the vector r
     * ({@code r = H b_g - gradient_g} for a model expanded at {@code b_g}). The group analogue of
     * {@link SeparablePenalty#coordinateMinimizer}: with {@code H = h I} it is the prox of step 1/h.
     *
     * @throws IllegalArgumentException when the subproblem is unbounded below (r has more weight
     *     than the penalty can hold along a direction of zero curvature)
     */
    void blockMinimizer(int group, double[] hessian, double[] r, double[] out);
}
