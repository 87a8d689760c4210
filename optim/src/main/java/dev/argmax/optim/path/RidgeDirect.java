package dev.argmax.optim.path;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;

/**
 * Gaussian ridge by a direct solve, for a whole path: the centered weighted Gram
 * {@code G = X~' H X~} and cross products {@code c = X~' H (y - offset)} ({@code H = diag(w)/W},
 * {@code X~} the columns centered at their weighted means) are formed once, and each lambda is
 * one Cholesky solve of
 *
 * <pre>
 *   (G + lambda diag(v)) b = c,    b0 = (weighted mean of y - offset) - m'b
 * </pre>
 *
 * followed by one step of iterative refinement. This is the exact minimizer of
 * {@code (1/(2W)) sum w_i (y_i - offset_i - b0 - x_i'b)^2 + (lambda/2) sum_j v_j b_j^2}.
 */
public final class RidgeDirect {

    private final Design design;
    private final Datafit datafit;
    private final double[] offset;
    private final int p;
    private final int off;
    private final double[] gram;
    private final double[] cross;
    private final double[] means;
    private final double interceptAtZero;

    /**
     * @param datafit must be a {@link QuadraticDatafit}
     */
    public RidgeDirect(Design design, Datafit datafit, double[] offset) {
        if (!(datafit instanceof QuadraticDatafit)) {
            throw new IllegalArgumentException("the direct ridge solve needs a quadratic datafit, got " + datafit.name());
        }
        this.design = design;
        this.datafit = datafit;
        int n = design.rows();
        this.offset = offset == null ? new double[n] : offset.clone();
        this.p = design.predictors();
        this.off = design.firstSlope();
        double[] g0 = new double[n];
        double[] h = new double[n];
        datafit.derivatives(this.offset.clone(), g0, h);
        Matrix s = design.weightedGram(h);
        double[] sg = new double[p + off];
        design.transposeMultiply(g0, sg);
        gram = new double[p * p];
        cross = new double[p];
        means = new double[p];
        if (off == 1) {
            double s00 = s.get(0, 0);
            for (int j = 0; j < p; j++) {
                means[j] = s.get(0, j + 1) / s00;
            }
            for (int k = 0; k < p; k++) {
                for (int j = 0; j < p; j++) {
                    gram[j + k * p] = s.get(j + 1, k + 1) - s.get(0, j + 1) * s.get(0, k + 1) / s00;
                }
                cross[k] = -(sg[k + 1] - means[k] * sg[0]);
            }
            interceptAtZero = -sg[0] / s00;
        } else {
            for (int k = 0; k < p; k++) {
                for (int j = 0; j < p; j++) {
                    gram[j + k * p] = s.get(j, k);
                }
                cross[k] = -sg[k];
            }
            interceptAtZero = 0.0;
        }
    }

    /** {@code c_j = x~_j' H (y - offset)}: minus the slope gradient of the null model. */
    public double[] centeredCrossProducts() {
        return cross.clone();
    }

    /**
     * The ridge solution for a penalty with {@code alpha = 0} and no finite limits, or null when
     * {@code G + lambda diag(v)} is not positive definite (a singular design with unpenalized
     * columns; the caller falls back to coordinate descent).
     */
    public SolverResult solve(ElasticNet penalty) {
        if (penalty.alpha() != 0) {
            throw new IllegalArgumentException("the direct ridge solve needs alpha = 0, got " + penalty.alpha());
        }
        long start = System.nanoTime();
        double[] a = gram.clone();
        for (int j = 0; j < p; j++) {
            a[j + j * p] += penalty.lambda() * penalty.factor(j);
        }
        double[] b;
        if (p == 0) {
            b = new double[0];
        } else {
            Matrix am = Matrix.fromColumnMajor(p, p, a);
            Cholesky chol;
            try {
                chol = Cholesky.factor(am);
            } catch (NotPositiveDefiniteException e) {
                return null;
            }
            b = chol.solve(cross);
            double[] ab = am.times(b);
            double[] r = new double[p];
            for (int j = 0; j < p; j++) {
                r[j] = cross[j] - ab[j];
            }
            double[] db = chol.solve(r);
            for (int j = 0; j < p; j++) {
                b[j] += db[j];
            }
        }
        double[] beta = new double[p + off];
        System.arraycopy(b, 0, beta, off, p);
        if (off == 1) {
            double mb = 0;
            for (int j = 0; j < p; j++) {
                mb += means[j] * b[j];
            }
            beta[0] = interceptAtZero - mb;
        }
        Problem prob = new Problem(design, datafit, penalty, offset);
        double[] eta = new double[design.rows()];
        prob.linearPredictor(beta, eta);
        double objective = prob.objective(beta, eta);
        double kkt = prob.kktViolation(beta, eta);
        return new SolverResult("ridge-direct", beta, objective, kkt, 0, StopReason.CONVERGED_DIRECT,
                "direct solve: Cholesky of the centered X'WX + lambda diag(v) with one refinement step",
                Trace.empty(), System.nanoTime() - start);
    }
}
