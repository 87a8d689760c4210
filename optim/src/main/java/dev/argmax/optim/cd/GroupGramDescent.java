package dev.argmax.optim.cd;

import dev.argmax.core.objective.GroupSeparablePenalty;

/**
 * Block coordinate descent on a quadratic model given by its Gram matrix, for a penalty separable
 * over groups (the group lasso, glmnet's grouped multinomial):
 *
 * <pre>
 *   m(v) = -gamma0'(v - v0) + (v - v0)' S (v - v0) / 2 + sum_g P_g(v_g)
 * </pre>
 *
 * over q coordinates partitioned into groups, S symmetric positive semi-definite (q x q,
 * column-major). Each group g is moved to the exact minimizer of the model in its coordinates,
 * {@link GroupSeparablePenalty#blockMinimizer} with the block {@code S_gg} and
 * {@code r = gamma_g + S_gg v_g}; the negative model gradient {@code gamma = gamma0 - S (v - v0)}
 * is kept up to date in O(q |g|) per move. The group counterpart of {@link GramCoordinateDescent}
 * (same passes: a full pass, passes over the groups that are or have been non-zero until the
 * largest violation seen in a pass is at most the tolerance, a full pass to confirm; the
 * violation of a group, measured before its update, is
 * {@link GroupSeparablePenalty#subdifferentialDistance} at {@code -gamma_g}; a group at zero whose
 * violation is within the activation threshold stays at zero).
 */
final class GroupGramDescent {

    private final double[] gram;
    private final int q;
    private final int[][] groups;
    private final int[] penaltyGroup;
    private final double[][] blocks;

    /**
     * @param gram S, q x q column-major (not copied)
     * @param q its order
     * @param groups the model's groups, as lists of model coordinates (disjoint, covering 0..q-1)
     * @param penaltyGroup for each model group, its index among the penalty's groups
     */
    GroupGramDescent(double[] gram, int q, int[][] groups, int[] penaltyGroup) {
        this.gram = gram;
        this.q = q;
        this.groups = groups;
        this.penaltyGroup = penaltyGroup;
        this.blocks = new double[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            int[] idx = groups[g];
            int s = idx.length;
            double[] b = new double[s * s];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    b[i * s + j] = gram[idx[i] + idx[j] * q];
                }
            }
            blocks[g] = b;
        }
    }

    /**
     * Minimizes the model from v.
     *
     * @return the passes made and the largest violation of the last pass
     */
    GramCoordinateDescent.Outcome minimize(GroupSeparablePenalty penalty, double[] v, double[] gamma, double tolerance,
                                           double activation, int maxPasses) {
        int ng = groups.length;
        boolean[] active = new boolean[ng];
        for (int g = 0; g < ng; g++) {
            for (int c : groups[g]) {
                active[g] |= v[c] != 0;
            }
        }
        int passes = 0;
        boolean full = true;
        double viol = 0;
        while (passes < maxPasses) {
            viol = 0;
            for (int g = 0; g < ng; g++) {
                if (!full && !active[g]) {
                    continue;
                }
                int[] idx = groups[g];
                int s = idx.length;
                double[] vg = new double[s];
                double[] minusGamma = new double[s];
                boolean zero = true;
                for (int i = 0; i < s; i++) {
                    vg[i] = v[idx[i]];
                    minusGamma[i] = -gamma[idx[i]];
                    zero &= vg[i] == 0;
                }
                double vio = penalty.subdifferentialDistance(penaltyGroup[g], vg, minusGamma);
                if (zero && vio <= activation) {
                    continue;
                }
                viol = Math.max(viol, vio);
                double[] block = blocks[g];
                double[] r = new double[s];
                for (int i = 0; i < s; i++) {
                    double t = -minusGamma[i];
                    for (int j = 0; j < s; j++) {
                        t += block[i * s + j] * vg[j];
                    }
                    r[i] = t;
                }
                double[] u = new double[s];
                penalty.blockMinimizer(penaltyGroup[g], block, r, u);
                for (int i = 0; i < s; i++) {
                    double d = u[i] - vg[i];
                    if (d != 0) {
                        int col = idx[i] * q;
                        for (int row = 0; row < q; row++) {
                            gamma[row] -= gram[col + row] * d;
                        }
                        v[idx[i]] = u[i];
                        active[g] = true;
                    }
                }
            }
            passes++;
            if (viol <= tolerance) {
                if (full) {
                    break;
                }
                full = true;
            } else {
                full = false;
            }
        }
        return new GramCoordinateDescent.Outcome(passes, viol, Double.NaN);
    }
}
