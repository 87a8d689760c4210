package dev.argmax.optim.gradient;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.GroupSeparablePenalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.optim.Problem;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Problem} seen by a gradient method in standardized coordinates (a diagonal-plus-shift
 * preconditioner, glmnet's internal standardization applied to the optimization only):
 *
 * <pre>
 *   gamma_j = s_j b_j,   gamma_0 = b_0 + sum_j m_j b_j,   so   A beta = gamma_0 + sum_j z_ij gamma_j,
 *   z_ij = (x_ij - m_j) / s_j
 * </pre>
 *
 * with m_j the column mean and s_j the 1/n standard deviation (without an intercept: m_j = 0 and
 * s_j the root mean square; for methods that take a smooth penalty into the gradient, see the
 * constructor). The objective is the same function, {@code F(beta(gamma))}, so the
 * minimizer is the same; only the conditioning changes (the Hessian in gamma is close to a
 * correlation matrix instead of {@code X'X} with columns of very different scale and a large
 * mean). The penalty in gamma is {@code P_j(gamma_j / s_j)}, still separable, with
 * {@code prox_{t P_j(./s)}(z) = s prox_{(t/s^2) P_j}(z / s)} (the same prox coordinate descent
 * uses). Gradients: {@code dF/dgamma_0 = dF/db_0}, {@code dF/dgamma_j = (dF/db_j - m_j dF/db_0) / s_j}.
 * The data are never copied or centered: {@code Z gamma} is {@code A beta(gamma)} and
 * {@code Z' v} is computed from {@code A' v}, each one pass over X by OpenBLAS {@code dgemv}
 * through {@link Design}. Measured against plain loops over a primitive column-major copy of X
 * (this machine, 2 shared cores, per pass): 442 x 10: dgemv 1.0-1.1 us, loops 1.9-2.5 us;
 * 20,000 x 10: 61-64 us vs 153-205 us; 100,000 x 100: 1.7-4.3 ms vs 10-11 ms. dgemv wins at every
 * size tried, so it is used throughout.
 *
 * <p>A vector-valued linear predictor ({@link Problem#predictorColumns()} {@code = m > 1}) has one
 * block of coefficients per column; each block is transformed the same way (the same m_j and s_j),
 * and eta-space vectors have length {@code n m}.
 *
 * <p>Not thread-safe (it owns work buffers).
 */
final class StandardizedObjective {

    final Problem problem;
    final int dim;
    final int off;
    final int p;
    private final int columns;
    private final int block;
    private final Design design;
    private final double[] mean;
    private final double[] scale;
    private final double[] offset;
    private final double[] betaBuffer;
    private final double[] rowBuffer;
    private final double[] penaltyGradient;

    /**
     * @param standardize iterate in standardized coordinates (else gamma = beta)
     * @param smoothPenaltyInGradient whether the method treats a smooth penalty as part of the
     *     gradient (plain gradient descent, L-BFGS) rather than through its prox: the scale then also
     *     levels the penalty's curvature, {@code s_j^2 = c var(x_j) + P_j''} (a Jacobi
     *     preconditioner of the whole smooth objective, c the datafit's curvature bound or 1), so that
     *     a strong ridge on a column of small variance does not dictate the step
     */
    StandardizedObjective(Problem problem, boolean standardize, boolean smoothPenaltyInGradient) {
        this.problem = problem;
        this.dim = problem.coefficients();
        this.off = problem.design().firstSlope();
        this.p = problem.design().predictors();
        this.columns = problem.predictorColumns();
        this.block = problem.design().coefficients();
        this.design = problem.design().copy(); // own native buffers
        this.offset = problem.offset();
        this.mean = new double[p];
        this.scale = new double[p];
        Arrays.fill(scale, 1.0);
        if (standardize && p > 0) {
            INDArray x = problem.design().x();
            double n = problem.rows();
            double[] means = x.mean(0).toDoubleVector();
            double[] norms = x.norm2(0).toDoubleVector();
            for (int j = 0; j < p; j++) {
                double ms = norms[j] * norms[j] / n;
                double var = off == 1 ? ms - means[j] * means[j] : ms;
                if (off == 1) {
                    mean[j] = means[j];
                }
                double s = Math.sqrt(Math.max(var, 0));
                scale[j] = s > 0 && Double.isFinite(s) && s > 1e-10 * Math.sqrt(ms) ? s : 1.0;
            }
            if (smoothPenaltyInGradient && problem.penalty() instanceof SmoothPenalty smooth
                    && problem.penalty().isSmooth()) {
                double c = problem.datafit().curvatureBound().orElse(1.0);
                for (int j = 0; j < p; j++) {
                    double curvature = 0;
                    for (int col = 0; col < columns; col++) {
                        curvature = Math.max(curvature, smooth.hessianDiagonal(col * p + j, 0.0));
                    }
                    if (curvature > 0) {
                        scale[j] = Math.sqrt(c * scale[j] * scale[j] + curvature);
                    }
                }
            }
        }
        this.betaBuffer = new double[dim];
        this.rowBuffer = new double[problem.predictorLength()];
        this.penaltyGradient = new double[problem.slopeCount()];
    }

    int rows() {
        return rowBuffer.length;
    }

    /** The original coefficients {@code beta(gamma)} (a linear map). */
    void toBeta(double[] gamma, double[] beta) {
        for (int c = 0; c < columns; c++) {
            int base = c * block;
            double shift = 0;
            for (int j = 0; j < p; j++) {
                double b = gamma[base + j + off] / scale[j];
                beta[base + j + off] = b;
                shift += mean[j] * b;
            }
            if (off == 1) {
                beta[base] = gamma[base] - shift;
            }
        }
    }

    double[] toBeta(double[] gamma) {
        double[] beta = new double[dim];
        toBeta(gamma, beta);
        return beta;
    }

    /** The standardized coefficients of {@code beta}. */
    double[] toGamma(double[] beta) {
        double[] gamma = new double[dim];
        for (int c = 0; c < columns; c++) {
            int base = c * block;
            double shift = 0;
            for (int j = 0; j < p; j++) {
                gamma[base + j + off] = scale[j] * beta[base + j + off];
                shift += mean[j] * beta[base + j + off];
            }
            if (off == 1) {
                gamma[base] = beta[base] + shift;
            }
        }
        return gamma;
    }

    /** {@code out = offset + Z gamma}: one pass. */
    void linearPredictor(double[] gamma, double[] out) {
        toBeta(gamma, betaBuffer);
        multiply(betaBuffer, out);
        for (int i = 0; i < out.length; i++) {
            out[i] += offset[i];
        }
    }

    /** {@code out = Z d} (no offset): one pass. */
    void apply(double[] d, double[] out) {
        toBeta(d, betaBuffer);
        multiply(betaBuffer, out);
    }

    /** {@code out = A beta}, block by block for a vector-valued predictor: one pass per column. */
    private void multiply(double[] beta, double[] out) {
        design.multiplyBlocks(beta, columns, out);
    }

    /** {@code Z' v} in gamma into {@code gammaOut} and {@code A' v} into {@code betaOut}: one pass. */
    void applyTranspose(double[] v, double[] gammaOut, double[] betaOut) {
        design.transposeMultiplyBlocks(v, columns, betaOut);
        for (int c = 0; c < columns; c++) {
            int base = c * block;
            double g0 = off == 1 ? betaOut[base] : 0.0;
            if (off == 1) {
                gammaOut[base] = g0;
            }
            for (int j = 0; j < p; j++) {
                gammaOut[base + j + off] = (betaOut[base + j + off] - mean[j] * g0) / scale[j];
            }
        }
    }

    /** The datafit {@code D(eta)}. */
    double datafit(double[] eta) {
        return problem.datafit().value(eta);
    }

    /**
     * The datafit gradient at {@code eta}: in gamma into {@code gammaOut}, in beta
     * ({@code A' D'(eta)}, what {@link Problem#kktViolationFromGradient} takes) into {@code betaOut}.
     * One pass.
     */
    void datafitGradient(double[] eta, double[] gammaOut, double[] betaOut) {
        problem.datafit().gradient(eta, rowBuffer);
        applyTranspose(rowBuffer, gammaOut, betaOut);
    }

    /** Per-observation derivative {@code D'(eta)} into a shared buffer (no pass over X). */
    double[] rowGradient(double[] eta) {
        problem.datafit().gradient(eta, rowBuffer);
        return rowBuffer;
    }

    /** {@code P(b(gamma))}. */
    double penalty(double[] gamma) {
        toBeta(gamma, betaBuffer);
        return problem.penalty().value(problem.slopes(betaBuffer));
    }

    /** Adds the gradient in gamma of a smooth penalty, {@code P'(b_j) / s_j}, to {@code g}. */
    void addPenaltyGradient(double[] gamma, double[] g) {
        SmoothPenalty smooth = (SmoothPenalty) problem.penalty();
        toBeta(gamma, betaBuffer);
        smooth.gradient(problem.slopes(betaBuffer), penaltyGradient);
        for (int j = 0; j < penaltyGradient.length; j++) {
            g[problem.slopeIndex(j)] += penaltyGradient[j] / scale[j % p];
        }
    }

    /** The largest curvature of a smooth penalty in gamma, {@code max_j P_j''(b_j) / s_j^2} (0 if none). */
    double penaltyCurvature() {
        SmoothPenalty smooth = (SmoothPenalty) problem.penalty();
        double m = 0;
        for (int j = 0; j < penaltyGradient.length; j++) {
            m = Math.max(m, smooth.hessianDiagonal(j, 0.0) / (scale[j % p] * scale[j % p]));
        }
        return m;
    }

    /** The proximal step {@code prox_{t P}(z)} in gamma, in place (the intercept is unpenalized). */
    void prox(double[] z, double t) {
        if (problem.penalty() instanceof GroupSeparablePenalty grouped) {
            groupProx(grouped, z, t);
            return;
        }
        SeparablePenalty sep = (SeparablePenalty) problem.penalty();
        for (int j = 0; j < penaltyGradient.length; j++) {
            double s = scale[j % p];
            int at = problem.slopeIndex(j);
            z[at] = s * sep.prox(j, z[at] / s, t / (s * s));
        }
    }

    /**
     * The group prox in gamma: {@code gamma_g = s prox_{(t/s^2) P_g}(gamma_g / s)}, exact when every
     * member of the group has the same scale s (the multinomial groups: one predictor's
     * coefficients in every class); a group mixing scales is refused.
     */
    private void groupProx(GroupSeparablePenalty grouped, double[] z, double t) {
        int[][] groups = grouped.groups();
        for (int q = 0; q < groups.length; q++) {
            int[] g = groups[q];
            if (g.length == 0) {
                continue;
            }
            double s = scale[g[0] % p];
            double[] values = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                if (scale[g[i] % p] != s) {
                    throw new IllegalArgumentException("group " + q + " mixes predictors of different scales: "
                            + "turn standardization off for this group penalty");
                }
                values[i] = z[problem.slopeIndex(g[i])] / s;
            }
            grouped.prox(q, values, t / (s * s));
            for (int i = 0; i < g.length; i++) {
                z[problem.slopeIndex(g[i])] = s * values[i];
            }
        }
    }

    /** The shared optimality measure {@link Problem#kktViolationFromGradient} at {@code beta(gamma)}. */
    double kktViolation(double[] gamma, double[] betaGradient) {
        return problem.kktViolationFromGradient(toBeta(gamma), betaGradient);
    }

    /**
     * An estimate of the largest eigenvalue of {@code Z' diag(v) Z} by power iteration (each
     * iteration two passes): a lower estimate that converges from below, so callers certify
     * the step it gives by a sufficient-decrease test.
     */
    double largestEigenvalue(double[] v, int maxIterations, double relativeTolerance) {
        double[] u = new double[dim];
        Random random = new Random(20_231_201L);
        for (int k = 0; k < dim; k++) {
            u[k] = 1.0 + 0.1 * random.nextGaussian();
        }
        normalize(u);
        double[] zu = new double[rows()];
        double[] next = new double[dim];
        double[] scratch = new double[dim];
        double lambda = 0;
        for (int it = 0; it < maxIterations; it++) {
            apply(u, zu);
            for (int i = 0; i < zu.length; i++) {
                zu[i] *= v[i];
            }
            applyTranspose(zu, next, scratch);
            double norm = normalize(next);
            boolean done = Math.abs(norm - lambda) <= relativeTolerance * norm;
            lambda = norm;
            System.arraycopy(next, 0, u, 0, dim);
            if (done || norm == 0) {
                break;
            }
        }
        return lambda;
    }

    /**
     * The Lipschitz constant of the datafit gradient in gamma, {@code c lambda_max(Z' diag(w/W) Z)}
     * (c the datafit's curvature bound), estimated by power iteration; empty when the datafit has
     * no curvature bound (Poisson) or does not expose its weights.
     */
    Optional<Double> datafitLipschitz() {
        var bound = problem.datafit().curvatureBound();
        Optional<double[]> weights = problem.datafit().normalizedWeights();
        if (bound.isEmpty() || weights.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bound.getAsDouble() * largestEigenvalue(weights.get(), 30, 1e-3));
    }

    /** The local curvature {@code lambda_max(Z' diag(D''(eta)) Z)} at {@code eta}, by power iteration. */
    double localCurvature(double[] eta) {
        double[] h = new double[rows()];
        problem.datafit().hessianDiagonal(eta, h);
        return largestEigenvalue(h, 30, 1e-3);
    }

    private static double normalize(double[] u) {
        double s = 0;
        for (double x : u) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int k = 0; k < u.length; k++) {
                u[k] /= norm;
            }
        }
        return norm;
    }
}
