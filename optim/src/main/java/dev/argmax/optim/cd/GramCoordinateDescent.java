package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.SeparablePenalty;
import java.util.Arrays;

/**
 * Cyclic coordinate descent on a quadratic model given by its Gram matrix ("covariance updates"):
 *
 * <pre>
 *   m(b) = -gamma0'(b - b0) + (b - b0)' G (b - b0) / 2 + sum_{c penalized} P_{j(c)}(b_c)
 * </pre>
 *
 * over m coordinates, G symmetric positive semi-definite (m x m, column-major). Coordinate c is
 * either a slope with penalty index {@code j(c) >= 0}, updated by
 * {@link SeparablePenalty#coordinateMinimizer}{@code (j, gamma_c + G_cc b_c, G_cc)}, or
 * unpenalized ({@code j(c) = -1}, an intercept), updated by the exact step
 * {@code b_c + gamma_c / G_cc}. The negative model gradient {@code gamma = gamma0 - G (b - b0)}
 * is kept up to date in O(m) per move, so a pass costs O(m^2) whatever the number of observations
 * behind G.
 *
 * <p>This is the one inner solver on a Gram of the library: the Gaussian covariance mode of
 * {@link CoordinateDescentWorkspace} (G the centered weighted Gram formed once), its proximal-Newton
 * mode for other datafits (G the weighted Gram of the strong set at a recent linear predictor) and
 * {@code newton.ProximalNewton} (G the aggregated information of a cluster) all call it.
 *
 * <p>Passes: one full pass over the eligible coordinates, then passes over the active set (the
 * coordinates that are or have been non-zero) until the largest violation seen in a pass is at
 * most the tolerance, then a full pass to confirm. The violation of a coordinate is measured
 * before its update: {@link SeparablePenalty#subdifferentialDistance} at {@code -gamma_c} (or
 * {@code |gamma_c|} unpenalized), so a pass in which no coordinate exceeds the tolerance ends at a
 * point whose model KKT violation is at most the tolerance to first order. A penalized coordinate
 * at zero whose violation is within the caller's activation threshold is left at zero (a gradient
 * that crosses the zero threshold by rounding does not make it active). During active-set
 * passes, every {@value Anderson#DEPTH} + 1 passes the iterates are extrapolated (Anderson, as
 * skglm does) and the extrapolated point is kept only when it lowers the model, whose change is
 * known exactly: {@code -gamma'd + d'Gd/2 + P(b + d) - P(b)}.
 */
public final class GramCoordinateDescent {

    /** Called after every pass with the model's change since the start and the pass's largest violation. */
    @FunctionalInterface
    public interface PassListener {
        void pass(int pass, double modelChange, double violation);
    }

    /**
     * @param passes the passes made
     * @param violation the largest violation seen in the last pass
     * @param modelChange {@code m(b) - m(b0)} at the end (non-positive)
     */
    public record Outcome(int passes, double violation, double modelChange) {
    }

    private final double[] gram;
    private final int m;
    private final int[] penaltyIndex;

    /**
     * @param gram the m x m Gram, column-major (not copied: the caller must not change it while
     *     solving)
     * @param m its order
     * @param penaltyIndex for each coordinate, its slope index in the penalty, or -1 when unpenalized
     */
    public GramCoordinateDescent(double[] gram, int m, int[] penaltyIndex) {
        if (gram.length < (long) m * m) {
            throw new IllegalArgumentException("the Gram has " + gram.length + " entries, expected " + m + " x " + m);
        }
        if (penaltyIndex.length != m) {
            throw new IllegalArgumentException("penalty index has length " + penaltyIndex.length + ", expected " + m);
        }
        this.gram = gram;
        this.m = m;
        this.penaltyIndex = penaltyIndex.clone();
    }

    /** The identity map (every coordinate a penalized slope with its own index). */
    public static int[] slopes(int m) {
        int[] idx = new int[m];
        for (int c = 0; c < m; c++) {
            idx[c] = c;
        }
        return idx;
    }

    /**
     * Minimizes the model from {@code b}.
     *
     * @param penalty the separable penalty of the penalized coordinates
     * @param b the starting coordinates b0, overwritten by the minimizer
     * @param gamma the negative model gradient at b0, kept up to date (at the minimizer on return)
     * @param eligible which coordinates may move (null for all)
     * @param tolerance the violation at which the passes stop
     * @param activation a penalized coordinate at zero whose violation is at most this stays at
     *     zero (the caller's target KKT tolerance: a gradient that crosses the zero threshold by
     *     less does not make the coordinate active); 0 for none
     * @param maxPasses cap on passes
     * @param listener called after every pass, or null
     */
    public Outcome minimize(SeparablePenalty penalty, double[] b, double[] gamma, boolean[] eligible,
                            double tolerance, double activation, int maxPasses, PassListener listener) {
        double[] gamma0 = gamma.clone();
        double[] b0 = b.clone();
        boolean[] inActive = new boolean[m];
        int[] active = new int[m];
        int nActive = 0;
        for (int c = 0; c < m; c++) {
            if ((eligible == null || eligible[c]) && (b[c] != 0 || penaltyIndex[c] < 0)) {
                inActive[c] = true;
                active[nActive++] = c;
            }
        }
        Anderson anderson = new Anderson();
        int passes = 0;
        boolean full = true;
        double viol = 0;
        double change = 0;
        while (passes < maxPasses) {
            viol = 0;
            int count = full ? m : nActive;
            for (int idx = 0; idx < count; idx++) {
                int c = full ? idx : active[idx];
                if (eligible != null && !eligible[c]) {
                    continue;
                }
                int col = c * m;
                double gcc = gram[col + c];
                if (!(gcc > 0)) {
                    continue;
                }
                double bc = b[c];
                double gr = gamma[c];
                int j = penaltyIndex[c];
                double bn;
                if (j < 0) {
                    viol = Math.max(viol, Math.abs(gr));
                    bn = bc + gr / gcc;
                } else {
                    double v = penalty.subdifferentialDistance(j, bc, -gr);
                    if (bc == 0 && v <= activation) {
                        continue;
                    }
                    viol = Math.max(viol, v);
                    bn = penalty.coordinateMinimizer(j, gr + gcc * bc, gcc);
                }
                double d = bn - bc;
                if (d != 0) {
                    for (int r = 0; r < m; r++) {
                        gamma[r] -= gram[col + r] * d;
                    }
                    b[c] = bn;
                    if (!inActive[c]) {
                        inActive[c] = true;
                        active[nActive++] = c;
                    }
                }
            }
            passes++;
            if (!full && viol > tolerance && anderson.record(b)) {
                extrapolate(penalty, anderson, b, gamma, active, nActive);
            }
            change = 0;
            for (int idx = 0; idx < nActive; idx++) {
                int c = active[idx];
                double db = b[c] - b0[c];
                change -= 0.5 * db * (gamma0[c] + gamma[c]);
                int j = penaltyIndex[c];
                if (j >= 0 && db != 0) {
                    change += penalty.value(j, b[c]) - penalty.value(j, b0[c]);
                }
            }
            if (listener != null) {
                listener.pass(passes, change, viol);
            }
            if (viol <= tolerance) {
                if (full) {
                    break;
                }
                full = true;
            } else {
                full = false;
            }
        }
        return new Outcome(passes, viol, change);
    }

    /** Moves b to the extrapolated point when that lowers the model; restarts the history either way. */
    private void extrapolate(SeparablePenalty penalty, Anderson anderson, double[] b, double[] gamma, int[] active,
                             int nActive) {
        double[] target = anderson.extrapolate(active, nActive);
        anderson.reset();
        if (target == null) {
            return;
        }
        double[] d = new double[nActive];
        boolean any = false;
        double change = 0;
        for (int idx = 0; idx < nActive; idx++) {
            int c = active[idx];
            int j = penaltyIndex[c];
            d[idx] = target[idx] - b[c];
            any |= d[idx] != 0;
            if (j >= 0) {
                change += penalty.value(j, target[idx]) - penalty.value(j, b[c]);
            }
        }
        if (!any || !(change < Double.POSITIVE_INFINITY)) {
            return;
        }
        double[] gd = new double[m];
        for (int idx = 0; idx < nActive; idx++) {
            double dj = d[idx];
            if (dj != 0) {
                int col = active[idx] * m;
                for (int r = 0; r < m; r++) {
                    gd[r] += gram[col + r] * dj;
                }
            }
        }
        for (int idx = 0; idx < nActive; idx++) {
            int c = active[idx];
            change += -gamma[c] * d[idx] + 0.5 * d[idx] * gd[c];
        }
        if (change < 0) {
            for (int idx = 0; idx < nActive; idx++) {
                b[active[idx]] = target[idx];
            }
            for (int r = 0; r < m; r++) {
                gamma[r] -= gd[r];
            }
        }
    }
}
