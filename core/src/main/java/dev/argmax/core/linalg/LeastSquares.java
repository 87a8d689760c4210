package dev.argmax.core.linalg;

import dev.argmax.core.data.InvalidDataException;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weighted linear least squares, {@code min sum_i w_i (y_i - o_i - x0 - x_i'b)^2}, solved to
 * close to full double precision even on the ill-conditioned NIST StRD designs.
 *
 * <p>Method:
 * <ol>
 *   <li>The design is centred (weighted column means, when there is an intercept) and each column
 *       scaled to unit weighted norm; both are exact reparametrisations, undone on the
 *       coefficients.</li>
 *   <li>Householder QR with column pivoting (LAPACK dgeqp3) of that matrix. Columns that are
 *       linear combinations of earlier ones (R's aliasing test, relative tolerance
 *       {@code aliasTolerance}) are dropped and reported.</li>
 *   <li>Iterative refinement on the augmented system {@code [I A; A' 0][r; x] = [b; 0]}
 *       (Björck 1967), with both residuals {@code b - r - Ax} and {@code -A'r} accumulated in
 *       double-double arithmetic from the original, uncentred data. Each step reuses the QR
 *       factors. Refinement corrects the solution and the residual together, so it works for
 *       large-residual problems where refining x alone does not.</li>
 * </ol>
 *
 * <p>The refinement costs a few extended-precision passes over X (about 10 flops per element
 * per pass); {@link Options#maxRefinements()} = 0 skips it.
 */
public final class LeastSquares {

    /**
     * @param intercept whether to fit an unpenalised constant term
     * @param aliasTolerance relative tolerance of the aliasing test (R's {@code lm} uses 1e-7)
     * @param maxRefinements cap on refinement steps (0 = plain pivoted QR)
     */
    public record Options(boolean intercept, double aliasTolerance, int maxRefinements) {
        public Options {
            if (!(aliasTolerance > 0 && aliasTolerance < 1)) {
                throw new IllegalArgumentException("aliasTolerance must lie in (0, 1), got " + aliasTolerance);
            }
            if (maxRefinements < 0) {
                throw new IllegalArgumentException("maxRefinements must be >= 0, got " + maxRefinements);
            }
        }

        /** Intercept as given, tolerance 1e-7, up to 10 refinement steps. */
        public static Options defaults(boolean intercept) {
            return new Options(intercept, 1e-7, 10);
        }
    }

    /**
     * @param coefficients intercept first (when fitted), then one per predictor; NaN for aliased
     * @param aliased indices into {@code coefficients} of the aliased terms
     * @param unscaledCovariance {@code (A'WA)^-1} over the coefficients (NaN rows/columns for
     *     aliased terms); times the dispersion it is the covariance of the estimate
     * @param weightedResiduals {@code sqrt(w_i) (y_i - o_i - fitted_i)}
     * @param residualSumOfSquares {@code sum_i w_i (y_i - o_i - fitted_i)^2}, accumulated in
     *     double-double
     * @param rank number of non-aliased coefficients
     * @param reciprocalCondition LAPACK's 1-norm estimate of 1/cond of the centred, scaled design
     * @param refinementSteps refinement steps taken
     * @param refinementConverged whether the last correction was below rounding level
     */
    public record Solution(double[] coefficients, int[] aliased, Matrix unscaledCovariance,
                           double[] weightedResiduals, double residualSumOfSquares, int rank,
                           double reciprocalCondition, int refinementSteps, boolean refinementConverged) {
    }

    private LeastSquares() {
    }

    /**
     * Solves the weighted least-squares problem.
     *
     * @param x {@code n x p} predictors (dense column-major DOUBLE)
     * @param y response, length n
     * @param weights observation weights (>= 0), or null for unit weights
     * @param offset known part of the fit, or null
     * @throws InvalidDataException if there are fewer rows than coefficients, or nothing to fit
     */
    public static Solution solve(INDArray x, double[] y, double[] weights, double[] offset, Options options) {
        int n = (int) x.rows();
        int p = (int) x.columns();
        int k = p + (options.intercept() ? 1 : 0);
        if (k == 0) {
            throw new InvalidDataException("nothing to estimate: no predictors and no intercept");
        }
        if (y.length != n) {
            throw new InvalidDataException("response has length " + y.length + " but x has " + n + " rows");
        }
        int positive = 0;
        for (int i = 0; i < n; i++) {
            if (weights == null || weights[i] > 0) {
                positive++;
            }
        }
        if (positive < k) {
            throw new InvalidDataException("too few rows: " + positive + " observations with positive weight for "
                    + k + " coefficients");
        }
        Problem problem = new Problem(x, y, weights, offset, options.intercept());
        int[] keep = new int[k];
        for (int j = 0; j < k; j++) {
            keep[j] = j;
        }
        Factored f = problem.factor(keep);
        int[] aliasedLocal = f.qr.aliasedColumns(options.aliasTolerance());
        if (aliasedLocal.length > 0) {
            boolean[] drop = new boolean[k];
            for (int a : aliasedLocal) {
                drop[a] = true;
            }
            keep = java.util.stream.IntStream.range(0, k).filter(j -> !drop[j]).toArray();
            f = problem.factor(keep);
        }
        Problem.Refined refined = problem.refine(f, keep, k, options.maxRefinements());
        Solution solution = refined.solution();
        if (refined.interceptCancellation() > 10 && options.maxRefinements() > 0) {
            solution = withAccurateInterceptVariance(x, weights, solution, keep, options);
        }
        return solution;
    }

    /**
     * Recomputes the intercept row of the covariance without cancellation, by the block inverse
     * of {@code A'WA} for {@code A = [1, X]}: with {@code gamma} the weighted least-squares
     * coefficients of the constant 1 on the kept predictors (no intercept) and {@code s0} its
     * residual sum of squares, {@code Var(b0) = 1/s0} and {@code Cov(b0, b) = -gamma/s0}. That
     * auxiliary problem is solved with the same refinement, so s0 and gamma are accurate even
     * when the centred form {@code 1/W + m'Sm} is a small difference of large terms (Wampler3).
     */
    private static Solution withAccurateInterceptVariance(INDArray x, double[] weights, Solution s, int[] keep,
                                                          Options options) {
        int n = (int) x.rows();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        Problem aux = new Problem(x, ones, weights, null, false);
        int[] slopes = new int[keep.length - 1];
        for (int c = 1; c < keep.length; c++) {
            slopes[c - 1] = keep[c] - 1;
        }
        Problem.Refined r = aux.refine(aux.factor(slopes), slopes, (int) x.columns(), options.maxRefinements());
        double s0 = r.solution().residualSumOfSquares();
        if (!(s0 > 0)) {
            return s;
        }
        int k = s.coefficients().length;
        double[] cov = s.unscaledCovariance().toColumnMajor();
        cov[0] = 1 / s0;
        for (int c = 1; c < keep.length; c++) {
            double v = -r.solution().coefficients()[keep[c] - 1] / s0;
            cov[keep[c] * k] = v;
            cov[keep[c]] = v;
        }
        return new Solution(s.coefficients(), s.aliased(), Matrix.wrap(k, k, cov), s.weightedResiduals(),
                s.residualSumOfSquares(), s.rank(), s.reciprocalCondition(), s.refinementSteps(),
                s.refinementConverged());
    }

    /** The data of one problem and the extended-precision operations on the original design. */
    private static final class Problem {
        final INDArray x;
        final DoublePointer xp;
        final int n;
        final double[] yMinusOffsetHi;
        final double[] yMinusOffsetLo;
        final double[] sqrtW;
        final boolean intercept;

        Problem(INDArray x, double[] y, double[] weights, double[] offset, boolean intercept) {
            this.x = x;
            this.xp = NativeArrays.pointer(x);
            this.n = y.length;
            this.intercept = intercept;
            this.sqrtW = new double[n];
            this.yMinusOffsetHi = new double[n];
            this.yMinusOffsetLo = new double[n];
            for (int i = 0; i < n; i++) {
                sqrtW[i] = weights == null ? 1.0 : Math.sqrt(weights[i]);
                double a = y[i];
                double b = offset == null ? 0.0 : -offset[i];
                double s = a + b;
                double bp = s - a;
                yMinusOffsetHi[i] = s;
                yMinusOffsetLo[i] = (a - (s - bp)) + (b - bp);
            }
        }

        /** Term j of the full design (0 = intercept when fitted) into {@code out}, unweighted. */
        void term(int j, double[] out) {
            if (intercept && j == 0) {
                Arrays.fill(out, 1.0);
            } else {
                NativeArrays.getColumn(xp, n, intercept ? j - 1 : j, out);
            }
        }

        /** Centres (weighted) and scales the kept terms, then factors them. */
        Factored factor(int[] keep) {
            int kk = keep.length;
            double sumW = 0;
            for (int i = 0; i < n; i++) {
                sumW += sqrtW[i] * sqrtW[i];
            }
            boolean centre = intercept && keep.length > 0 && keep[0] == 0;
            double[] mean = new double[kk];
            double[] scale = new double[kk];
            INDArray a = NativeArrays.matrix(n, kk);
            DoublePointer ap = NativeArrays.pointer(a);
            double[] col = new double[n];
            for (int c = 0; c < kk; c++) {
                int j = keep[c];
                term(j, col);
                boolean isIntercept = intercept && j == 0;
                if (centre && !isIntercept) {
                    double m = 0;
                    for (int i = 0; i < n; i++) {
                        m += sqrtW[i] * sqrtW[i] * col[i];
                    }
                    m /= sumW;
                    // second pass removes the rounding error of the first
                    double corr = 0;
                    for (int i = 0; i < n; i++) {
                        corr += sqrtW[i] * sqrtW[i] * (col[i] - m);
                    }
                    mean[c] = m + corr / sumW;
                }
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    col[i] = sqrtW[i] * (col[i] - mean[c]);
                    ss += col[i] * col[i];
                }
                scale[c] = isIntercept || ss == 0 ? 1.0 : Math.sqrt(ss);
                if (scale[c] != 1.0) {
                    for (int i = 0; i < n; i++) {
                        col[i] /= scale[c];
                    }
                }
                NativeArrays.putColumn(ap, n, c, col);
            }
            return new Factored(QrDecomposition.ofOwned(a), mean, scale, centre);
        }

        /**
         * {@code u = (y - o) - X_keep x} in double-double, returned rounded, for unweighted rows.
         */
        double[] residual(int[] keep, double[] xKeep) {
            double[] hi = yMinusOffsetHi.clone();
            double[] lo = yMinusOffsetLo.clone();
            double[] col = new double[n];
            for (int c = 0; c < keep.length; c++) {
                term(keep[c], col);
                DoubleDouble.axpy(-xKeep[c], col, hi, lo, n);
            }
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = hi[i] + lo[i];
            }
            return u;
        }

        /** {@code A_keep' v} with A = sqrt(W) X_full, in double-double per entry. */
        double[] transposeTimes(int[] keep, double[] v) {
            double[] sv = new double[n];
            for (int i = 0; i < n; i++) {
                sv[i] = sqrtW[i] * v[i];
            }
            double[] col = new double[n];
            double[] out = new double[keep.length];
            for (int c = 0; c < keep.length; c++) {
                term(keep[c], col);
                out[c] = DoubleDouble.dot(col, sv, n);
            }
            return out;
        }

        double sumOfWeights() {
            double s = 0;
            for (double v : sqrtW) {
                s += v * v;
            }
            return s;
        }

        /** A refined solution and the cancellation factor of its centred intercept variance. */
        record Refined(Solution solution, double interceptCancellation) {
        }

        Refined refine(Factored f, int[] keep, int k, int maxSteps) {
            int kk = keep.length;
            QrDecomposition qr = f.qr;
            // initial solve in the centred, scaled coordinates z, then x = T z
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = sqrtW[i] * (yMinusOffsetHi[i] + yMinusOffsetLo[i]);
            }
            double[] x = f.toOriginal(qr.solve(b));
            double[] u = residual(keep, x);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = sqrtW[i] * u[i];
            }
            int steps = 0;
            boolean converged = maxSteps == 0;
            double previous = Double.POSITIVE_INFINITY;
            while (steps < maxSteps) {
                u = residual(keep, x);
                double[] fr = new double[n];
                for (int i = 0; i < n; i++) {
                    fr[i] = sqrtW[i] * u[i] - r[i];
                }
                double[] g = transposeTimes(keep, r);
                for (int c = 0; c < kk; c++) {
                    g[c] = -g[c];
                }
                // solve [I A''; A''' 0][dr; dz] = [f; T'g] with A'' P = Q R
                double[] gz = f.transposeT(g);
                int[] piv = qr.pivot();
                double[] pg = new double[kk];
                for (int c = 0; c < kk; c++) {
                    pg[c] = gz[piv[c]];
                }
                double[] h = qr.solveRTranspose(pg);
                double[] d = qr.applyQTranspose(fr);
                double[] rhs = new double[kk];
                for (int c = 0; c < kk; c++) {
                    rhs[c] = d[c] - h[c];
                }
                double[] w = qr.solveR(rhs);
                double[] dz = new double[kk];
                for (int c = 0; c < kk; c++) {
                    dz[piv[c]] = w[c];
                }
                double[] dx = f.toOriginal(dz);
                System.arraycopy(h, 0, d, 0, kk);
                double[] dr = qr.applyQ(d);
                double dxNorm = 0;
                double xNorm = 0;
                for (int c = 0; c < kk; c++) {
                    x[c] += dx[c];
                    dxNorm = Math.max(dxNorm, Math.abs(dx[c]));
                    xNorm = Math.max(xNorm, Math.abs(x[c]));
                }
                for (int i = 0; i < n; i++) {
                    r[i] += dr[i];
                }
                steps++;
                if (dxNorm <= 2 * Math.ulp(xNorm) || dxNorm == 0) {
                    converged = true;
                    break;
                }
                if (dxNorm >= previous) {
                    // no longer contracting: rounding level reached for this conditioning
                    converged = true;
                    break;
                }
                previous = dxNorm;
            }
            // final residual and RSS from the refined coefficients, in double-double
            u = residual(keep, x);
            DoubleDouble rss = new DoubleDouble();
            double[] wr = new double[n];
            for (int i = 0; i < n; i++) {
                wr[i] = sqrtW[i] * u[i];
                rss.addProduct(wr[i], wr[i]);
            }
            double[] coefficients = new double[k];
            Arrays.fill(coefficients, Double.NaN);
            for (int c = 0; c < kk; c++) {
                coefficients[keep[c]] = x[c];
            }
            Matrix g = qr.inverseGram();
            Matrix covKeep = f.covariance(g, sumOfWeights());
            double[] cov = new double[k * k];
            Arrays.fill(cov, Double.NaN);
            for (int a = 0; a < kk; a++) {
                for (int c = 0; c < kk; c++) {
                    cov[keep[a] + keep[c] * k] = covKeep.get(a, c);
                }
            }
            int[] aliased = java.util.stream.IntStream.range(0, k)
                    .filter(j -> Arrays.stream(keep).noneMatch(v -> v == j)).toArray();
            return new Refined(new Solution(coefficients, aliased, Matrix.wrap(k, k, cov), wr, rss.value(), kk,
                    qr.reciprocalCondition(), steps, converged), f.interceptCancellation(g, sumOfWeights()));
        }
    }

    /**
     * QR factors of {@code A'' = A T}, where A'' has centred (column means {@code mean}) and
     * scaled (column norms {@code scale}) columns: {@code x_c = z_c / scale_c} for slopes and
     * {@code x_0 = z_0 - sum_c mean_c x_c} for the intercept.
     */
    private record Factored(QrDecomposition qr, double[] mean, double[] scale, boolean centred) {

        double[] toOriginal(double[] z) {
            double[] x = new double[z.length];
            double shift = 0;
            for (int c = 0; c < z.length; c++) {
                x[c] = z[c] / scale[c];
                shift += mean[c] * x[c];
            }
            if (centred) {
                x[0] = z[0] - shift;
            }
            return x;
        }

        /** {@code T' g}. */
        double[] transposeT(double[] g) {
            double[] out = new double[g.length];
            for (int c = 0; c < g.length; c++) {
                out[c] = g[c] / scale[c];
                if (centred && c > 0) {
                    out[c] -= mean[c] / scale[c] * g[0];
                }
            }
            return out;
        }

        /**
         * For a centred fit, {@code (1/W + |m'| |G| |m'|) / (1/W + m' G m')} with
         * {@code m'_c = mean_c / scale_c} over the slopes: how many times larger the terms of the
         * intercept variance are than their sum (1 = no cancellation).
         */
        double interceptCancellation(Matrix g, double sumOfWeights) {
            if (!centred) {
                return 1;
            }
            double signed = 1 / sumOfWeights;
            double absolute = 1 / sumOfWeights;
            for (int a = 1; a < scale.length; a++) {
                for (int b = 1; b < scale.length; b++) {
                    double t = mean[a] / scale[a] * g.get(a, b) * mean[b] / scale[b];
                    signed += t;
                    absolute += Math.abs(t);
                }
            }
            return absolute / signed;
        }

        /**
         * {@code T G T'}. When centred, the intercept column {@code sqrt(w)} of A'' is orthogonal
         * to the centred columns, so {@code G} is block diagonal with {@code G_00 = 1 / sum w};
         * setting those entries exactly (instead of the rounding noise QR leaves there) keeps the
         * intercept variance {@code 1/W + m' G m} free of cancellation.
         */
        Matrix covariance(Matrix g, double sumOfWeights) {
            int kk = scale.length;
            if (centred) {
                double[][] exact = g.toArray();
                exact[0][0] = 1 / sumOfWeights;
                for (int c = 1; c < kk; c++) {
                    exact[0][c] = 0;
                    exact[c][0] = 0;
                }
                g = Matrix.of(exact);
            }
            double[][] t = new double[kk][kk];
            for (int c = 0; c < kk; c++) {
                t[c][c] = 1 / scale[c];
                if (centred && c > 0) {
                    t[0][c] = -mean[c] / scale[c];
                }
            }
            Matrix tm = Matrix.of(t);
            return tm.times(g).times(tm.transpose());
        }
    }
}
