package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Datafit;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The sums one Newton (IRLS, Fisher scoring) step needs over a set of observations, kept
 * <em>unnormalised</em> so that the sums of disjoint sets of rows add up to the sums of their
 * union: the same kernel serves one machine (all rows at once) and a cluster (one call per
 * partition, then {@link #plus}).
 *
 * <p>With prior weights {@code w_i}, per-observation loss {@code l_i(eta_i)}, its derivatives
 * {@code l'_i, l''_i} in the linear predictor, offset {@code o_i} and design rows {@code a_i}
 * (a leading 1 with an intercept):
 * <pre>
 *   information = sum_i w_i l''_i a_i a_i'                          (A' W A, R's X'WX)
 *   rhs         = sum_i w_i a_i (l''_i (eta_i - o_i) - l'_i)        (A' W z, z = eta - o - l'/l'')
 *   loss        = sum_i w_i l_i(eta_i),   saturatedLoss = sum_i w_i l_i(saturated),   weightSum = sum_i w_i
 * </pre>
 * so that the datafit {@code F = loss / weightSum}, the deviance is
 * {@code 2 (loss - saturatedLoss)}, and the Newton step for {@code F + P} with a smooth separable
 * penalty of Hessian diagonal {@code d} solves
 * {@code (information / weightSum + diag(d)) beta_new = rhs / weightSum}.
 *
 * @param coefficients number of coefficients k (intercept included)
 * @param information the k x k information matrix, column-major (null when {@code loss} is infinite)
 * @param rhs the k-vector {@code A' W z} (null when {@code loss} is infinite)
 * @param loss {@code sum w_i l_i}; {@code +infinity} when the linear predictor left the domain
 * @param saturatedLoss {@code sum w_i l_i} of the saturated model
 * @param weightSum {@code sum w_i}
 * @param observations number of rows summed
 */
public record NewtonSums(int coefficients, double[] information, double[] rhs, double loss, double saturatedLoss,
        double weightSum, long observations) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The sums over no rows: the neutral element of {@link #plus}. */
    public static NewtonSums zero(int coefficients) {
        return new NewtonSums(coefficients, new double[coefficients * coefficients], new double[coefficients], 0, 0, 0, 0);
    }

    /**
     * The sums over the rows of one design at {@code beta}: one pass of {@code A beta}, one of the
     * datafit's derivatives and one panelled SYRK ({@link Design#weightedNormalEquations}).
     *
     * @param offset length n, or null for none
     */
    public static NewtonSums of(Design design, Datafit datafit, double[] offset, double[] beta) {
        int n = design.rows();
        int k = design.coefficients();
        double[] eta = new double[n];
        design.multiply(beta, eta);
        if (offset != null) {
            for (int i = 0; i < n; i++) {
                eta[i] += offset[i];
            }
        }
        double total = datafit.weightSum();
        double value = datafit.value(eta);
        double saturated = total * datafit.saturatedValue();
        if (!Double.isFinite(value)) {
            return new NewtonSums(k, null, null, Double.POSITIVE_INFINITY, saturated, total, n);
        }
        double[] gradient = new double[n];
        double[] hessian = new double[n];
        datafit.derivatives(eta, gradient, hessian);
        double[] weights = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double h = hessian[i];
            double linear = offset == null ? eta[i] : eta[i] - offset[i];
            weights[i] = total * h;
            z[i] = h > 0 ? linear - gradient[i] / h : linear;
        }
        Design.NormalEquations normal = design.weightedNormalEquations(weights, z);
        return new NewtonSums(k, normal.gram().toColumnMajor(), normal.rhs(), total * value, saturated, total, n);
    }

    /** The sums over the union of two disjoint sets of rows. */
    public NewtonSums plus(NewtonSums other) {
        if (other.coefficients != coefficients) {
            throw new IllegalArgumentException("cannot add sums over " + other.coefficients + " coefficients to sums over "
                    + coefficients);
        }
        double loss = this.loss + other.loss;
        double[] info = null;
        double[] r = null;
        if (Double.isFinite(loss)) {
            info = information.clone();
            r = rhs.clone();
            for (int i = 0; i < info.length; i++) {
                info[i] += other.information[i];
            }
            for (int i = 0; i < r.length; i++) {
                r[i] += other.rhs[i];
            }
        }
        return new NewtonSums(coefficients, info, r, loss, saturatedLoss + other.saturatedLoss,
                weightSum + other.weightSum, observations + other.observations);
    }

    /** Whether the loss is finite (the linear predictor stayed in the datafit's domain). */
    public boolean finite() {
        return Double.isFinite(loss);
    }

    /** The information matrix {@code A' W A} (unnormalised, prior weights included). */
    public Matrix informationMatrix() {
        return Matrix.fromColumnMajor(coefficients, coefficients, information);
    }

    /** The deviance {@code 2 (loss - saturatedLoss)}. */
    public double deviance() {
        return 2 * (loss - saturatedLoss);
    }

    @Override
    public double[] information() {
        return information == null ? null : information.clone();
    }

    @Override
    public double[] rhs() {
        return rhs == null ? null : rhs.clone();
    }

    @Override
    public String toString() {
        return "NewtonSums[k=" + coefficients + ", n=" + observations + ", loss=" + loss + ", rhs="
                + Arrays.toString(rhs) + "]";
    }
}
