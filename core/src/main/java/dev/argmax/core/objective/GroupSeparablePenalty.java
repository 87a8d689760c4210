package dev.argmax.core.objective;

/**
 * A penalty that is a sum over disjoint groups of slopes, {@code P(b) = sum_g P_g(b_g)}, each with a
 * closed-form proximal operator on its group (the group lasso: glmnet's grouped multinomial
 * penalty). Proximal-gradient methods apply the prox group by group.
 */
public interface GroupSeparablePenalty extends Penalty {

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
}
