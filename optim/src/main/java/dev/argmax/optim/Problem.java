package dev.argmax.optim;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupSeparablePenalty;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.core.objective.SmoothPenalty;
import java.util.Arrays;

/**
 * What every solver minimizes, in glmnet's convention:
 *
 * <pre>
 *   F(beta) = D(offset + A beta) + P(b),     A = [1, X] (or X), beta = (b0, b)
 * </pre>
 *
 * where D is the {@link Datafit} (weighted mean negative log-likelihood), P the {@link Penalty}
 * on the slopes b, and the intercept b0, when present, is never penalized. A solver sees only
 * this: the design operator, the datafit and the penalty, never a concrete model.
 *
 * <p><b>Vector-valued linear predictor.</b> When the datafit has {@code m > 1} predictor columns
 * ({@link Datafit#predictorColumns()}, e.g. the multinomial logit), beta holds one block of
 * {@code design.coefficients()} coefficients per column, block after block (class-major, as R's
 * {@code vcov(multinom)}): {@code eta_.c = offset_.c + A beta_c}, with eta and the offset stacked
 * column by column (length {@code n m}). The slopes b are the blocks' slopes in the same order
 * ({@code m p} of them, slope j of column c at {@code c p + j}), which the penalty sees. With
 * {@code m = 1} everything is as above.
 *
 * @param design the design operator (X and whether there is an intercept)
 * @param datafit the data term, of the same length n as the design
 * @param penalty the penalty on the p slopes ({@link ElasticNet#none()} for maximum likelihood)
 * @param offset a known term in the linear predictor, length n m (zeros when there is none)
 */
public record Problem(Design design, Datafit datafit, Penalty penalty, double[] offset) {

    public Problem {
        if (datafit.size() != design.rows()) {
            throw new InvalidDataException("datafit has " + datafit.size() + " observations but the design has "
                    + design.rows() + " rows");
        }
        int length = design.rows() * datafit.predictorColumns();
        if (offset == null) {
            offset = new double[length];
        } else if (offset.length != length) {
            throw new InvalidDataException("offset has length " + offset.length + ", expected " + length);
        }
        penalty.requireSize(design.predictors() * datafit.predictorColumns());
    }

    /** A problem without offset. */
    public Problem(Design design, Datafit datafit, Penalty penalty) {
        this(design, datafit, penalty, null);
    }

    /** Number of coefficients (intercepts included; {@code m} blocks for a vector-valued predictor). */
    public int coefficients() {
        return design.coefficients() * datafit.predictorColumns();
    }

    /** Number of columns m of the linear predictor (1 for a scalar model). */
    public int predictorColumns() {
        return datafit.predictorColumns();
    }

    /** Length of eta and of the offset, {@code n m}. */
    public int predictorLength() {
        return design.rows() * datafit.predictorColumns();
    }

    /** Number of penalized slopes, {@code m p}. */
    public int slopeCount() {
        return design.predictors() * datafit.predictorColumns();
    }

    /** The position in beta of slope {@code j} ({@code 0 <= j < m p}, slope {@code j % p} of column {@code j / p}). */
    public int slopeIndex(int j) {
        int p = design.predictors();
        return j / p * design.coefficients() + design.firstSlope() + j % p;
    }

    /** Number of observations. */
    public int rows() {
        return design.rows();
    }

    /** The slopes b of a coefficient vector (the intercept removed). */
    public double[] slopes(double[] beta) {
        if (predictorColumns() == 1) {
            return Arrays.copyOfRange(beta, design.firstSlope(), beta.length);
        }
        double[] b = new double[slopeCount()];
        for (int j = 0; j < b.length; j++) {
            b[j] = beta[slopeIndex(j)];
        }
        return b;
    }

    /** {@code eta = offset + A beta} into {@code out}. */
    public void linearPredictor(double[] beta, double[] out) {
        design.multiplyBlocks(beta, predictorColumns(), out);
        for (int i = 0; i < out.length; i++) {
            out[i] += offset[i];
        }
    }

    /** {@code F(beta)}. */
    public double objective(double[] beta) {
        double[] eta = new double[predictorLength()];
        linearPredictor(beta, eta);
        return datafit.value(eta) + penalty.value(slopes(beta));
    }

    /** {@code F} at a linear predictor already computed for {@code beta}. */
    public double objective(double[] beta, double[] eta) {
        return datafit.value(eta) + penalty.value(slopes(beta));
    }

    /**
     * The gradient of the data term in beta, {@code A' D'(eta)}, at a linear predictor already
     * computed for beta.
     */
    public double[] datafitGradient(double[] eta) {
        double[] g = new double[predictorLength()];
        datafit.gradient(eta, g);
        return transposeMultiply(g);
    }

    /**
     * The Hessian of the data term in beta at a linear predictor already computed for beta:
     * {@code A' diag(D''(eta)) A} for a scalar predictor; for m columns the {@code m x m} grid of
     * blocks {@code A' diag(D''_cd(eta)) A} ({@link Datafit#hessianBlocks}), in beta's block order.
     * For a negative log-likelihood scaled by {@code 1/W}, {@code W} times this is the observed
     * information.
     */
    public Matrix datafitHessian(double[] eta) {
        int m = predictorColumns();
        int n = rows();
        if (m == 1) {
            double[] h = new double[n];
            datafit.hessianDiagonal(eta, h);
            return design.weightedCrossProducts(new double[][] {h})[0];
        }
        double[] blocks = new double[n * m * m];
        datafit.hessianBlocks(eta, blocks);
        int pairs = m * (m + 1) / 2;
        double[][] weights = new double[pairs][];
        int q = 0;
        for (int c = 0; c < m; c++) {
            for (int d = c; d < m; d++) {
                weights[q++] = Arrays.copyOfRange(blocks, (c * m + d) * n, (c * m + d + 1) * n);
            }
        }
        Matrix[] grams = design.weightedCrossProducts(weights);
        int k = design.coefficients();
        int size = m * k;
        double[][] full = new double[size][size];
        q = 0;
        for (int c = 0; c < m; c++) {
            for (int d = c; d < m; d++) {
                Matrix g = grams[q++];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        double v = g.get(i, j);
                        full[c * k + i][d * k + j] = v;
                        full[d * k + j][c * k + i] = v;
                    }
                }
            }
        }
        return Matrix.of(full);
    }

    /**
     * {@code A' v} for an eta-space vector v (length {@code n m}): block c of the result is
     * {@code A' v_.c}.
     */
    public double[] transposeMultiply(double[] v) {
        double[] out = new double[coefficients()];
        design.transposeMultiplyBlocks(v, predictorColumns(), out);
        return out;
    }

    /**
     * The optimality measure shared by every solver, so that traces of different solvers on one
     * problem can be compared: the largest violation of the first-order (KKT) conditions,
     *
     * <ul>
     *   <li>intercept: {@code |dD/db0|};</li>
     *   <li>slope j, separable penalty: the distance from {@code -dD/db_j} to the
     *       subdifferential of {@code P_j} at {@code b_j};</li>
     *   <li>slope j, smooth penalty: {@code |dD/db_j + dP/db_j|};</li>
     *   <li>group g of a group-separable penalty: the Euclidean distance from {@code -dD/db_g} to
     *       the subdifferential of {@code P_g} at {@code b_g}.</li>
     * </ul>
     *
     * It is zero exactly at a minimizer, and is on the scale of the objective's gradient (the
     * objective is already divided by the weight sum, so it does not grow with n).
     */
    public double kktViolation(double[] beta, double[] eta) {
        double[] g = datafitGradient(eta);
        return kktViolationFromGradient(beta, g);
    }

    /** {@link #kktViolation} given the datafit gradient {@code A' D'(eta)} already computed. */
    public double kktViolationFromGradient(double[] beta, double[] gradient) {
        if (predictorColumns() == 1 && !(penalty instanceof GroupSeparablePenalty)) {
            return kktViolation(penalty, design.firstSlope(), beta, gradient);
        }
        double worst = 0.0;
        if (design.hasIntercept()) {
            for (int c = 0; c < predictorColumns(); c++) {
                worst = Math.max(worst, Math.abs(gradient[c * design.coefficients()]));
            }
        }
        if (penalty instanceof GroupSeparablePenalty grouped) {
            int[][] groups = grouped.groups();
            for (int q = 0; q < groups.length; q++) {
                int[] g = groups[q];
                double[] b = new double[g.length];
                double[] gr = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    b[i] = beta[slopeIndex(g[i])];
                    gr[i] = gradient[slopeIndex(g[i])];
                }
                worst = Math.max(worst, grouped.subdifferentialDistance(q, b, gr));
            }
        } else if (penalty instanceof SeparablePenalty sep) {
            for (int j = 0; j < slopeCount(); j++) {
                int at = slopeIndex(j);
                worst = Math.max(worst, sep.subdifferentialDistance(j, beta[at], gradient[at]));
            }
        } else if (penalty instanceof SmoothPenalty smooth) {
            double[] pg = new double[slopeCount()];
            smooth.gradient(slopes(beta), pg);
            for (int j = 0; j < pg.length; j++) {
                worst = Math.max(worst, Math.abs(gradient[slopeIndex(j)] + pg[j]));
            }
        } else {
            throw new IllegalStateException("penalty " + penalty.name() + " is neither separable nor smooth");
        }
        return worst;
    }

    /**
     * {@link #kktViolation} for any source of the gradient (the sums over a cluster's partitions,
     * say): the same measure, given the penalty, the index of the first penalized coefficient and
     * the datafit gradient in beta (a scalar linear predictor).
     */
    public static double kktViolation(Penalty penalty, int firstSlope, double[] beta, double[] gradient) {
        int off = firstSlope;
        int p = beta.length - off;
        double worst = off == 1 ? Math.abs(gradient[0]) : 0.0;
        if (penalty instanceof SeparablePenalty sep) {
            for (int j = 0; j < p; j++) {
                worst = Math.max(worst, sep.subdifferentialDistance(j, beta[j + off], gradient[j + off]));
            }
        } else if (penalty instanceof SmoothPenalty smooth) {
            double[] pg = new double[p];
            smooth.gradient(Arrays.copyOfRange(beta, off, beta.length), pg);
            for (int j = 0; j < pg.length; j++) {
                worst = Math.max(worst, Math.abs(gradient[j + off] + pg[j]));
            }
        } else {
            throw new IllegalStateException("penalty " + penalty.name() + " is neither separable nor smooth");
        }
        return worst;
    }

    /** Whether the datafit and penalty together offer every capability in {@code required}. */
    public boolean offers(Capability capability) {
        return datafit.capabilities().contains(capability) || penalty.capabilities().contains(capability);
    }
}
