package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Datafit;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The sums one Newton (IRLS, Fisher scoring) step needs over a set of observations, kept
 * <em>unnormalized</em> so that the sums of disjoint sets of rows add up to the sums of their
 * union: the same kernel serves one machine (all rows at once) and a cluster (one call per
 * partition, then {@link #plus}).
 *
 * <p>With prior weights {@code w_i}, per-observation loss {@code l_i(eta_i)}, its derivatives
 * {@code l'_i, l''_i} in the linear predictor, offset {@code o_i} and design rows {@code a_i}
 * (a leading 1 with an intercept):
 * <pre>
 *   information = sum_i w_i l''_i a_i a_i'          (A' W A, R's X'WX)
 *   score       = sum_i w_i l'_i a_i                (the gradient of the loss in beta)
 *   loss        = sum_i w_i l_i(eta_i),   saturatedLoss = sum_i w_i l_i(saturated),   weightSum = sum_i w_i
 * </pre>
 * so that the datafit {@code F = loss / weightSum}, the deviance is
 * {@code 2 (loss - saturatedLoss)}, and the Newton step for {@code F + P} with a smooth separable
 * penalty {@code P} solves {@code (information / weightSum + diag(P'')) delta = -(score / weightSum + P')}.
 * Keeping the score itself (rather than R's working response {@code A' W z}) makes each step an
 * iterative refinement: for the Gaussian family a second step corrects the rounding of the
 * first normal-equations solve with a residual computed from the data.
 *
 * @param coefficients number of coefficients k (intercept included)
 * @param information the k x k information matrix, column-major (null when {@code loss} is infinite)
 * @param score the k-vector {@code sum w_i l'_i a_i} (null when {@code loss} is infinite)
 * @param loss {@code sum w_i l_i}; {@code +infinity} when the linear predictor left the domain
 * @param saturatedLoss {@code sum w_i l_i} of the saturated model
 * @param weightSum {@code sum w_i}
 * @param observations number of rows summed
 */
public record NewtonSums(int coefficients, double[] information, double[] score, double loss, double saturatedLoss,
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
        double[] eta = new double[n];
        design.multiply(beta, eta);
        if (offset != null) {
            for (int i = 0; i < n; i++) {
                eta[i] += offset[i];
            }
        }
        return atLinearPredictor(design, datafit, eta, null);
    }

    /**
     * The sums over the rows of one design at a linear predictor {@code eta} (offset included).
     *
     * <p>With {@code workingOffset} null they are the sums at the coefficients that gave eta. With
     * it given, this is R's start from a linear predictor ({@code mustart}): the information is
     * {@code A' W A} at eta and the score is that of the weighted least-squares model of the
     * working response {@code z = eta - workingOffset - l'/l''} at {@code beta = 0},
     * {@code -A' W z}, so that one Newton step from {@code beta = 0} solves R's first IRLS
     * problem.
     *
     * <p>Rows where {@code l''} is zero or not finite, or where {@code l'/l''} is not finite, get
     * weight 0; their gradient, if any, is added to the score by a separate {@code A' l'} pass
     * (Newton form only), so that the score is always the exact gradient of the loss.
     *
     * @param eta the linear predictor, length n (not modified)
     * @param workingOffset the offset for R's working-response start, or null for the sums at eta
     */
    public static NewtonSums atLinearPredictor(Design design, Datafit datafit, double[] eta, double[] workingOffset) {
        return atLinearPredictor(design, datafit, eta, workingOffset, datafit.value(eta));
    }

    /**
     * {@link #atLinearPredictor(Design, Datafit, double[], double[])} with the datafit's value at eta
     * already known (a solver has just evaluated it to accept the step), which saves a pass of
     * per-observation {@code exp}/{@code log} work.
     *
     * @param value {@code datafit.value(eta)}
     */
    public static NewtonSums atLinearPredictor(Design design, Datafit datafit, double[] eta, double[] workingOffset,
            double value) {
        int n = design.rows();
        int k = design.coefficients();
        double total = datafit.weightSum();
        double saturated = total * datafit.saturatedValue();
        if (!Double.isFinite(value)) {
            return new NewtonSums(k, null, null, Double.POSITIVE_INFINITY, saturated, total, n);
        }
        double[] gradient = new double[n];
        double[] weights = new double[n];
        datafit.derivatives(eta, gradient, weights);
        // weights := W l'' (datafit derivatives carry w_i / W); z := working response; A' W z = -score
        double[] z = new double[n];
        boolean flatRows = false;
        for (int i = 0; i < n; i++) {
            double h = weights[i];
            double zi = h > 0 && Double.isFinite(h) ? -gradient[i] / h : Double.NaN;
            if (Double.isFinite(zi)) {
                z[i] = workingOffset == null ? zi : zi + eta[i] - workingOffset[i];
                weights[i] = total * h;
                gradient[i] = 0;
            } else {
                weights[i] = 0;
                flatRows |= gradient[i] != 0;
            }
        }
        Design.NormalEquations normal = design.weightedNormalEquations(weights, z);
        double[] score = normal.rhs();
        for (int j = 0; j < k; j++) {
            score[j] = -score[j];
        }
        if (flatRows && workingOffset == null) {
            double[] extra = new double[k];
            design.transposeMultiply(gradient, extra);
            for (int j = 0; j < k; j++) {
                score[j] += total * extra[j];
            }
        }
        return new NewtonSums(k, normal.gram().toColumnMajor(), score, total * value, saturated, total, n);
    }

    /**
     * The sums over the rows of one design at a linear predictor {@code eta} with the
     * <em>observed</em> information: {@code information = sum_i w_i l''_i a_i a_i'} with the exact
     * second derivative ({@link Datafit#observedHessianDiagonal}, which may be negative where the
     * loss is not convex, so the matrix may be indefinite), {@code score = sum_i w_i l'_i a_i}.
     * Equal to {@link #atLinearPredictor(Design, Datafit, double[], double[])} (up to rounding)
     * when the datafit's curvature is already the exact one (a canonical link).
     *
     * @param eta the linear predictor, length n (not modified)
     */
    public static NewtonSums observedAt(Design design, Datafit datafit, double[] eta) {
        int n = design.rows();
        int k = design.coefficients();
        double total = datafit.weightSum();
        double saturated = total * datafit.saturatedValue();
        double value = datafit.value(eta);
        if (!Double.isFinite(value)) {
            return new NewtonSums(k, null, null, Double.POSITIVE_INFINITY, saturated, total, n);
        }
        double[] gradient = new double[n];
        datafit.gradient(eta, gradient);
        double[] curvature = new double[n];
        datafit.observedHessianDiagonal(eta, curvature);
        for (int i = 0; i < n; i++) {
            curvature[i] *= total;
        }
        double[] score = new double[k];
        design.transposeMultiply(gradient, score);
        for (int j = 0; j < k; j++) {
            score[j] *= total;
        }
        return new NewtonSums(k, design.signedWeightedGram(curvature).toColumnMajor(), score, total * value,
                saturated, total, n);
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
            r = score.clone();
            for (int i = 0; i < info.length; i++) {
                info[i] += other.information[i];
            }
            for (int i = 0; i < r.length; i++) {
                r[i] += other.score[i];
            }
        }
        return new NewtonSums(coefficients, info, r, loss, saturatedLoss + other.saturatedLoss,
                weightSum + other.weightSum, observations + other.observations);
    }

    /** Whether the loss is finite (the linear predictor stayed in the datafit's domain). */
    public boolean finite() {
        return Double.isFinite(loss);
    }

    /** The information matrix {@code A' W A} (unnormalized, prior weights included). */
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
    public double[] score() {
        return score == null ? null : score.clone();
    }

    @Override
    public String toString() {
        return "NewtonSums[k=" + coefficients + ", n=" + observations + ", loss=" + loss + ", score="
                + Arrays.toString(score) + "]";
    }
}
