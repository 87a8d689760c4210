package dev.argmax.optim;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.core.objective.SmoothPenalty;
import java.util.Arrays;

/**
 * What every solver minimises, in glmnet's convention:
 *
 * <pre>
 *   F(beta) = D(offset + A beta) + P(b),     A = [1, X] (or X), beta = (b0, b)
 * </pre>
 *
 * where D is the {@link Datafit} (weighted mean negative log-likelihood), P the {@link Penalty}
 * on the slopes b, and the intercept b0, when present, is never penalised. A solver sees only
 * this: the design operator, the datafit and the penalty, never a concrete model.
 *
 * @param design the design operator (X and whether there is an intercept)
 * @param datafit the data term, of the same length n as the design
 * @param penalty the penalty on the p slopes ({@link ElasticNet#none()} for maximum likelihood)
 * @param offset a known term in the linear predictor, length n (zeros when there is none)
 */
public record Problem(Design design, Datafit datafit, Penalty penalty, double[] offset) {

    public Problem {
        if (datafit.size() != design.rows()) {
            throw new InvalidDataException("datafit has " + datafit.size() + " observations but the design has "
                    + design.rows() + " rows");
        }
        if (offset == null) {
            offset = new double[design.rows()];
        } else if (offset.length != design.rows()) {
            throw new InvalidDataException("offset has length " + offset.length + ", expected " + design.rows());
        }
        if (penalty instanceof ElasticNet e) {
            e.requireSize(design.predictors());
        }
    }

    /** A problem without offset. */
    public Problem(Design design, Datafit datafit, Penalty penalty) {
        this(design, datafit, penalty, null);
    }

    /** Number of coefficients (intercept included). */
    public int coefficients() {
        return design.coefficients();
    }

    /** Number of observations. */
    public int rows() {
        return design.rows();
    }

    /** The slopes b of a coefficient vector (the intercept removed). */
    public double[] slopes(double[] beta) {
        return Arrays.copyOfRange(beta, design.firstSlope(), beta.length);
    }

    /** {@code eta = offset + A beta} into {@code out}. */
    public void linearPredictor(double[] beta, double[] out) {
        design.multiply(beta, out);
        for (int i = 0; i < out.length; i++) {
            out[i] += offset[i];
        }
    }

    /** {@code F(beta)}. */
    public double objective(double[] beta) {
        double[] eta = new double[rows()];
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
        double[] g = new double[rows()];
        datafit.gradient(eta, g);
        double[] out = new double[coefficients()];
        design.transposeMultiply(g, out);
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
     *   <li>slope j, smooth penalty: {@code |dD/db_j + dP/db_j|}.</li>
     * </ul>
     *
     * It is zero exactly at a minimiser, and is on the scale of the objective's gradient (the
     * objective is already divided by the weight sum, so it does not grow with n).
     */
    public double kktViolation(double[] beta, double[] eta) {
        double[] g = datafitGradient(eta);
        return kktViolationFromGradient(beta, g);
    }

    /** {@link #kktViolation} given the datafit gradient {@code A' D'(eta)} already computed. */
    public double kktViolationFromGradient(double[] beta, double[] gradient) {
        return kktViolation(penalty, design.firstSlope(), beta, gradient);
    }

    /**
     * {@link #kktViolation} for any source of the gradient (the sums over a cluster's partitions,
     * say): the same measure, given the penalty, the index of the first penalised coefficient and
     * the datafit gradient in beta.
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
