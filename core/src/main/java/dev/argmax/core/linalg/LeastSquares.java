package dev.argmax.core.linalg;

import dev.argmax.core.data.InvalidDataException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weighted linear least squares, {@code min sum_i w_i (y_i - o_i - x0 - x_i'b)^2}, solved to
 * close to full double precision even on the ill-conditioned NIST StRD designs.
 *
 * <p>Both methods work on the centered and scaled design {@code A'' = A T} (weighted column means
 * removed when there is an intercept, every column scaled to unit weighted norm), an exact
 * reparametrization undone on the coefficients, and both end in iterative refinement whose
 * residual {@code b - Ax} and gradient {@code A'r} are accumulated in double-double from the
 * original, uncentered data ({@link ExtendedResidual}). Because the residual is exact to about
 * 32 digits, the refinement converges to the least-squares solution rounded to double whatever
 * the first solve's error, as long as each correction contracts the error; the two methods
 * differ in how the corrections are solved and so in how ill-conditioned a design they carry.
 *
 * <ol>
 *   <li><b>Corrected semi-normal equations</b> (the default when they apply). The Gram
 *       {@code G = A''' A''} ({@link CenteredGram}) comes from one read of X as stored (SYRK, column
 *       sums and {@code X'b} per row panel), centered
 *       afterwards (unweighted problems), or from one pass of panelled SYRK over the centered,
 *       weighted columns (weighted problems, or when centering afterwards cancels too much); its
 *       Cholesky factor {@code U} gives the first solve and every correction
 *       {@code dz = (U'U)^-1 T' A' r}. A correction multiplies the error by about
 *       {@code rho = k u cond(G)} ({@code u = 2^-53}, times the Gram's cancellation factor); the
 *       method is used only when the condition estimate of G (times {@code 3k}, the slack of the
 *       1-norm estimate against the 2-norm) puts {@code rho} below {@value #MAX_CONTRACTION},
 *       i.e. at least two digits a step, and when no column can be near enough to the span of the
 *       others to count as aliased. A refinement step whose correction bounds the remaining error
 *       ({@code rho / (1 - rho)} times it) below every coefficient's ulp ends the refinement, so a
 *       well-conditioned problem costs that read, one double-double pass (rows in parallel blocks)
 *       that also gives the exact residuals, and the final pass below.
 *       Beyond {@link #DOUBLE_REFINEMENT_ENTRIES} entries of X, a well-conditioned problem is
 *       refined in double instead: the Gram's read, one pass for the correction and the final pass,
 *       R's accuracy.</li>
 *   <li><b>Pivoted QR</b> (LAPACK dgeqp3) of A'' with Björck's refinement of the augmented system
 *       {@code [I A; A' 0][r; x] = [b; 0]}, whose corrections contract by about
 *       {@code u cond(A)} instead of {@code u cond(A)^2}: used when the semi-normal equations do
 *       not apply or their refinement does not converge.</li>
 * </ol>
 *
 * <p>Every solution ends with one pass in double at the returned coefficients
 * ({@link ExtendedResidual#finalPass}), reading X once in row panels: the fitted values, the
 * normal-equations residual {@code A'W(y - o - A beta)} that a caller's convergence check needs,
 * and, for a solution refined in double, the residuals and their sum of squares.
 *
 * <p><b>Aliasing.</b> Column j is aliased (NaN coefficient, R's NA) when the part of it that is
 * orthogonal to the earlier non-aliased columns has a norm of at most {@code tau} times its own
 * ({@link QrDecomposition#orthogonalFractions R's sequential test}). With the default
 * {@link #ROUNDING_LEVEL} {@code tau = max(n, k) u} relative to the column as stored (see
 * {@link AliasRule}), the rounding level of the stored data and of the Householder factorization
 * (LAPACK's and NumPy's numerical-rank convention): a column below it cannot be told from an
 * exact linear combination (a duplicated column, a sum of others) in double precision, while for
 * a column above it {@code u cond(A'')} stays below about {@code 1/max(n, k)}, which the QR
 * refinement overcomes. Should the refinement nevertheless stop contracting short of
 * {@code sqrt(u)} relative accuracy, the column with the smallest orthogonal fraction is aliased
 * and the fit repeated. Kept columns whose fraction is below R's {@value #NEARLY_COLLINEAR} are
 * reported as {@link Solution#nearlyCollinear() nearly collinear}. An explicit tolerance (R's
 * {@code lm} uses 1e-7) reproduces R's choice.
 */
public final class LeastSquares {

    /** Alias tolerance meaning "the rounding level {@code max(n, k) u}" (the default). */
    public static final double ROUNDING_LEVEL = 0.0;

    /** R's {@code lm} aliasing tolerance; a kept column below it is reported as nearly collinear. */
    public static final double NEARLY_COLLINEAR = 1e-7;

    /** Largest error contraction per correction for which the semi-normal equations are used. */
    static final double MAX_CONTRACTION = 1e-2;

    /**
     * Largest relative error of the covariance {@code G^-1} (about {@code u cond(G)}) for which the
     * semi-normal equations are used: standard errors to 12 significant digits, the minimum LRE
     * the NIST StRD reference table suggests for them.
     */
    static final double COVARIANCE_ERROR = 1e-12;

    private static final double UNIT_ROUNDOFF = 0x1p-53;

    /**
     * Entries of X beyond which a well-conditioned problem ({@code rho^2 <= u}, i.e.
     * {@code cond(G) <= 1 / (k sqrt(u))}) is refined in double rather than in double-double: one
     * correction from the residual's gradient (one read of X), then the final pass.
     * The first solve is good to about {@code rho} (relative, in the scaled coefficients), the
     * correction removes that error up to {@code rho^2 <= u} and the rounding of the residual in
     * double, which leaves the forward error of a backward-stable solution (about
     * {@code u cond(A'')}, plus {@code u cond(A'')^2 ||r|| / (||A''|| ||z||)}): the accuracy of
     * R's {@code lm.fit} (Householder QR), at the cost of one Gram and two passes (the correction's and the final one) instead of
     * one Gram, a compute-bound double-double pass and the final pass. Below this size (2^24 entries, the NIST StRD
     * sets among them) every problem is refined in double-double to its rounded solution.
     */
    static final long DOUBLE_REFINEMENT_ENTRIES = 1L << 24;

    /** The factorization that produced a solution. */
    public enum Method {
        /** Cholesky of the centered, scaled Gram, with double-double refinement. */
        SEMI_NORMAL_EQUATIONS("Cholesky of the centered, scaled Gram (corrected semi-normal equations)"),
        /**
         * Cholesky of the centered, scaled Gram with one correction from the residual in double: the
         * large, well-conditioned problems of {@link #DOUBLE_REFINEMENT_ENTRIES}.
         */
        SEMI_NORMAL_EQUATIONS_REFINED_IN_DOUBLE("Cholesky of the centered, scaled Gram (corrected semi-normal "
                + "equations, refined in double)"),
        /** Householder QR with column pivoting, with double-double refinement. */
        PIVOTED_QR("pivoted QR");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        /** A short description for messages. */
        public String description() {
            return description;
        }
    }

    /**
     * @param intercept whether to fit an unpenalized constant term
     * @param aliasTolerance relative tolerance of the aliasing test, or {@link #ROUNDING_LEVEL}
     *     (0, the default) for {@code max(n, k) u}; R's {@code lm} uses 1e-7
     * @param maxRefinements cap on refinement steps (0 = plain pivoted QR)
     */
    public record Options(boolean intercept, double aliasTolerance, int maxRefinements) {
        public Options {
            if (!(aliasTolerance >= 0 && aliasTolerance < 1)) {
                throw new IllegalArgumentException("aliasTolerance must lie in [0, 1) (0 = rounding level), got "
                        + aliasTolerance);
            }
            if (maxRefinements < 0) {
                throw new IllegalArgumentException("maxRefinements must be >= 0, got " + maxRefinements);
            }
        }

        /** Intercept as given, aliasing at the rounding level, up to 10 refinement steps. */
        public static Options defaults(boolean intercept) {
            return new Options(intercept, ROUNDING_LEVEL, 10);
        }

        /** The aliasing rule in effect for {@code rows} observations and {@code k} coefficients. */
        AliasRule aliasRule(int rows, int k) {
            return new AliasRule(aliasTolerance, Math.max(rows, k) * UNIT_ROUNDOFF);
        }
    }

    /**
     * The tolerance of the aliasing test per column of the centered, scaled design: the explicit
     * one when given; otherwise the rounding level {@code max(n, k) u} relative to the column as
     * stored, i.e. {@code max(n, k) u sqrt(1 + W m_c^2 / s_c^2)} relative to its centered norm
     * {@code s_c} (m_c its weighted mean): an exact sum of stored columns is off by rounding of
     * the stored values, which centering does not shrink.
     *
     * @param explicit the user's tolerance, or 0 for the rounding level
     * @param roundingLevel {@code max(n, k) u}
     */
    record AliasRule(double explicit, double roundingLevel) {

        /** No aliasing test (auxiliary problems). */
        static final AliasRule NONE = new AliasRule(0, 0);

        double[] tolerances(Transform t, double sumOfWeights) {
            double[] mean = t.mean();
            double[] scale = t.scale();
            double[] out = new double[scale.length];
            for (int c = 0; c < out.length; c++) {
                double ratio = Math.sqrt(1 + sumOfWeights * (mean[c] / scale[c]) * (mean[c] / scale[c]));
                out[c] = explicit > 0 ? explicit : roundingLevel * ratio;
            }
            return out;
        }
    }

    /**
     * @param coefficients intercept first (when fitted), then one per predictor; NaN for aliased
     * @param aliased indices into {@code coefficients} of the aliased terms
     * @param nearlyCollinear indices of fitted terms whose column's orthogonal fraction is below
     *     {@link #NEARLY_COLLINEAR} (R's {@code lm} would alias them); empty when the tolerance in
     *     effect is at least that
     * @param unscaledCovariance {@code (A'WA)^-1} over the coefficients (NaN rows/columns for
     *     aliased terms); times the dispersion it is the covariance of the estimate
     * @param weightedResiduals {@code sqrt(w_i) (y_i - o_i - fitted_i)}, from the last refinement
     *     step's exact residual (taken before a last correction at rounding level: within 2 ulps of
     *     each coefficient, or bounded below them by the contraction)
     * @param residualSumOfSquares {@code sum_i w_i (y_i - o_i - fitted_i)^2}, accumulated in
     *     double-double (same point)
     * @param fittedValues {@code o + A beta} at the returned coefficients (aliased ones taken as 0),
     *     in double: R's {@code fitted.values}
     * @param normalEquationsResidual {@code A' W (y - o - A beta)} over all terms at the returned
     *     coefficients, in double from the same pass: the residual of the normal equations, zero
     *     at the exact solution (its size is what rounding left)
     * @param rank number of non-aliased coefficients
     * @param reciprocalCondition estimate of 1/cond of the centered, scaled design of the fitted
     *     terms (QR: LAPACK's 1-norm estimate for R; semi-normal equations: the square root of
     *     {@link Cholesky#reciprocalCondition()} of its Gram)
     * @param method the factorization used
     * @param refinementSteps refinement steps taken
     * @param refinementConverged whether the corrections reached rounding level
     */
    public record Solution(double[] coefficients, int[] aliased, int[] nearlyCollinear, Matrix unscaledCovariance,
                           double[] weightedResiduals, double residualSumOfSquares, double[] fittedValues,
                           double[] normalEquationsResidual, int rank,
                           double reciprocalCondition, Method method, int refinementSteps,
                           boolean refinementConverged) {
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
        ExtendedResidual problem = new ExtendedResidual(x, y, weights, offset, options.intercept());
        int[] all = IntStream.range(0, k).toArray();
        AliasRule rule = options.aliasRule(positive, k);
        Refined refined = null;
        if (options.maxRefinements() > 0) {
            refined = semiNormal(problem, all, k, rule, options.maxRefinements());
        }
        if (refined == null) {
            refined = pivotedQr(problem, k, rule, options.maxRefinements());
        }
        Solution solution = refined.solution();
        if (refined.interceptCancellation() > 10 && options.maxRefinements() > 0) {
            solution = withAccurateInterceptVariance(x, weights, solution, options);
        }
        return solution;
    }

    /**
     * The corrected semi-normal equations on the kept terms, or null when they do not apply (the
     * Gram too ill-conditioned for the refinement to contract by {@value #MAX_CONTRACTION} a step,
     * or some column possibly within its aliasing tolerance, or R's {@value #NEARLY_COLLINEAR}, of
     * the span of the others) or their refinement did not converge. An unweighted problem over all
     * terms first tries the Gram of one SYRK over X as stored ({@link CenteredGram#ofUncentered});
     * when centering it afterwards cancels enough (a factor above 2) to be what fails, the
     * panelled, centered Gram is formed instead.
     */
    private static Refined semiNormal(ExtendedResidual problem, int[] keep, int k, AliasRule rule, int maxSteps) {
        CenteredGram fast = problem.coversAllTerms(keep) ? CenteredGram.ofUncentered(problem) : null;
        if (fast != null) {
            Refined refined = semiNormal(problem, keep, k, rule, maxSteps, fast);
            if (refined != null || fast.cancellation() <= 2) {
                return refined;
            }
        }
        return semiNormal(problem, keep, k, rule, maxSteps, CenteredGram.of(problem, keep));
    }

    /**
     * The corrected semi-normal equations from a given Gram. The contraction of a correction is
     * {@code rho = k u cond(G)} times the Gram's {@link CenteredGram#cancellation()}. When
     * {@code rho^2} is above the unit roundoff, the first correction is computed from the
     * residual in plain double (one read of X): the first solve is then only good to about
     * {@code rho}, and one double-double step from it could not bound its error below the ulps;
     * otherwise the double-double steps start from the first solve.
     */
    private static Refined semiNormal(ExtendedResidual problem, int[] keep, int k, AliasRule rule, int maxSteps,
                                      CenteredGram gram) {
        Cholesky chol;
        try {
            chol = Cholesky.factor(gram.gram());
        } catch (NotPositiveDefiniteException e) {
            return null;
        }
        int kk = keep.length;
        double rcond = chol.reciprocalCondition();
        // 2-norm condition of G, allowing for the 1-norm estimate's slack
        double condition = 3.0 * kk / rcond;
        double contraction = kk * UNIT_ROUNDOFF * condition * gram.cancellation();
        double minFraction = 0;
        if (rule != AliasRule.NONE) {
            minFraction = NEARLY_COLLINEAR;
            for (double tau : rule.tolerances(gram.transform(), problem.sumOfWeights())) {
                minFraction = Math.max(minFraction, tau);
            }
        }
        // every orthogonal fraction is at least sigma_min(A'') >= 1/cond(A'') = 1/sqrt(cond(G))
        if (!(rcond > 0) || contraction > MAX_CONTRACTION || 1 / Math.sqrt(condition) <= minFraction
                || UNIT_ROUNDOFF * gram.cancellation() / rcond > COVARIANCE_ERROR) {
            return null;
        }
        Transform t = gram.transform();
        double[] x = t.toOriginal(chol.solve(gram.rhs()));
        if (problem.coversAllTerms(keep) && maxSteps > 0 && contraction * contraction <= UNIT_ROUNDOFF
                && (long) problem.rows() * kk > DOUBLE_REFINEMENT_ENTRIES) {
            double[] dx = t.toOriginal(chol.solve(t.transposeT(problem.roundedGradient(x))));
            for (int c = 0; c < kk; c++) {
                x[c] += dx[c];
            }
            Matrix inverse = chol.inverse();
            return assemble(problem, keep, k, new Refinement(x, null, 1, true),
                    t.covariance(inverse, problem.sumOfWeights()), new int[0], Math.sqrt(rcond),
                    Method.SEMI_NORMAL_EQUATIONS_REFINED_IN_DOUBLE, t.interceptCancellation(inverse,
                            problem.sumOfWeights()));
        }
        int steps = 0;
        if (problem.coversAllTerms(keep) && maxSteps > 1 && contraction * contraction > UNIT_ROUNDOFF) {
            double[] dx = t.toOriginal(chol.solve(t.transposeT(problem.roundedGradient(x))));
            for (int c = 0; c < kk; c++) {
                x[c] += dx[c];
            }
            steps = 1;
        }
        Corrector corrector = exact -> chol.solve(t.transposeT(exact.gradient()));
        Refinement r = refine(problem, keep, x, t, corrector, true, contraction, steps, maxSteps);
        if (!r.converged()) {
            return null;
        }
        Matrix inverse = chol.inverse();
        return assemble(problem, keep, k, r, t.covariance(inverse, problem.sumOfWeights()), new int[0],
                Math.sqrt(rcond), Method.SEMI_NORMAL_EQUATIONS,
                t.interceptCancellation(inverse, problem.sumOfWeights()));
    }

    /**
     * Pivoted QR with R's sequential aliasing test at {@code tolerance}, then refinement; a column
     * is added to the aliased ones while the refinement fails to converge.
     */
    private static Refined pivotedQr(ExtendedResidual problem, int k, AliasRule rule, int maxSteps) {
        int[] keep = IntStream.range(0, k).toArray();
        FactoredQr f = FactoredQr.of(problem, keep);
        double[] tolerance = rule.tolerances(f.transform(), problem.sumOfWeights());
        double[] fraction = f.qr().orthogonalFractions(tolerance);
        int[] kept = IntStream.range(0, k).filter(c -> fraction[c] > tolerance[c]).toArray();
        while (true) {
            if (kept.length == 0) {
                return assemble(problem, kept, k, Refinement.unrefined(new double[0]), Matrix.wrap(0, 0, new double[0]),
                        new int[0], 0.0, Method.PIVOTED_QR, 1);
            }
            if (kept.length < keep.length) {
                keep = kept;
                f = FactoredQr.of(problem, keep);
            }
            QrDecomposition qr = f.qr();
            Transform t = f.transform();
            double[] x = t.toOriginal(qr.solve(problem.weightedResponse()));
            Refinement r = maxSteps == 0 ? Refinement.unrefined(x)
                    : refine(problem, keep, x, t, augmentedCorrector(qr, t, problem, keep), false, Double.NaN, 0,
                            maxSteps);
            if (r.converged() || keep.length <= 1) {
                int[] nearly = Arrays.stream(keep).filter(c -> fraction[c] <= NEARLY_COLLINEAR).toArray();
                Matrix g = qr.inverseGram();
                return assemble(problem, keep, k, r, t.covariance(g, problem.sumOfWeights()), nearly,
                        qr.reciprocalCondition(), Method.PIVOTED_QR, t.interceptCancellation(g, problem.sumOfWeights()));
            }
            // the refinement could not overcome the conditioning: alias the most dependent column
            int worst = keep[0];
            for (int c : keep) {
                if (fraction[c] < fraction[worst]) {
                    worst = c;
                }
            }
            int dropped = worst;
            kept = Arrays.stream(keep).filter(c -> c != dropped).toArray();
        }
    }

    /**
     * Solves for the correction {@code dz} of the centered, scaled coefficients ({@code dx = T dz})
     * from the exact residual and gradient at the current x.
     */
    private interface Corrector {
        double[] correction(ExtendedResidual.Evaluation exact);
    }

    /**
     * Björck's correction from the QR factors: solves {@code [I A''; A''' 0][dr; dz] = [f; T'g]}
     * with {@code A'' P = Q R}, where {@code f = r_true - r} is the gap between the exact weighted
     * residual and the running one; the running residual is kept inside the corrector.
     */
    private static Corrector augmentedCorrector(QrDecomposition qr, Transform t, ExtendedResidual problem,
                                                int[] keep) {
        int kk = keep.length;
        int[] piv = qr.pivot();
        return new Corrector() {
            double[] running;

            @Override
            public double[] correction(ExtendedResidual.Evaluation exact) {
                double[] hi = exact.weightedResiduals();
                double[] lo = exact.weightedResidualsLo();
                int n = hi.length;
                if (running == null) {
                    running = hi.clone();
                }
                // f = exact - running, with the exact residual's trailing part
                double[] fr = new double[n];
                for (int i = 0; i < n; i++) {
                    fr[i] = (hi[i] - running[i]) + lo[i];
                }
                double[] gr = problem.transposeTimes(keep, running);
                double[] gz = t.transposeT(gr);
                for (int c = 0; c < kk; c++) {
                    gz[c] = -gz[c];
                }
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
                System.arraycopy(h, 0, d, 0, kk);
                double[] dr = qr.applyQ(d);
                for (int i = 0; i < n; i++) {
                    running[i] += dr[i];
                }
                return dz;
            }
        };
    }

    /** The refined coefficients (kept terms), the final exact residual and how the iteration ended. */
    private record Refinement(double[] x, ExtendedResidual.Evaluation last, int steps, boolean converged) {
        static Refinement unrefined(double[] x) {
            return new Refinement(x, null, 0, true);
        }
    }

    /**
     * Iterative refinement: each step evaluates the exact weighted residual and gradient at the
     * current x in double-double and adds the corrector's {@code dx = T dz}. Stops when every
     * coefficient's correction is within 2 ulps of it; or, given the correction's contraction
     * factor {@code rho} (from the condition estimate), when the error it leaves, at most
     * {@code rho / (1 - rho) ||dz||_2} in z and so {@code |T| 1} times that in x, is below every
     * coefficient's ulp; or when the corrections stop shrinking (rounding level reached: converged
     * if the last correction is below {@code sqrt(u)} relative to the largest coefficient,
     * otherwise the conditioning has not been overcome).
     *
     * @param contraction {@code rho}, or NaN when not known
     * @param stepsTaken steps already taken before this call (counted against {@code maxSteps})
     */
    private static Refinement refine(ExtendedResidual problem, int[] keep, double[] x, Transform t,
                                     Corrector corrector, boolean gradient, double contraction, int stepsTaken,
                                     int maxSteps) {
        int kk = keep.length;
        int steps = stepsTaken;
        boolean converged = false;
        double previous = Double.POSITIVE_INFINITY;
        ExtendedResidual.Evaluation last = null;
        while (steps < maxSteps) {
            ExtendedResidual.Evaluation e = problem.evaluate(keep, x, gradient);
            double[] dz = corrector.correction(e);
            double[] dx = t.toOriginal(dz);
            double dzNorm = 0;
            for (double v : dz) {
                dzNorm += v * v;
            }
            double[] left = contraction < 1 ? t.absoluteBound(contraction / (1 - contraction) * Math.sqrt(dzNorm))
                    : null;
            double dxNorm = 0;
            double xNorm = 0;
            boolean withinUlps = true;
            boolean boundedBelowUlps = left != null;
            for (int c = 0; c < kk; c++) {
                x[c] += dx[c];
                dxNorm = Math.max(dxNorm, Math.abs(dx[c]));
                xNorm = Math.max(xNorm, Math.abs(x[c]));
                withinUlps &= Math.abs(dx[c]) <= 2 * Math.ulp(x[c]);
                boundedBelowUlps &= left != null && left[c] <= Math.ulp(x[c]);
            }
            steps++;
            if (withinUlps || boundedBelowUlps || dxNorm == 0) {
                // the residual just evaluated is that of x before a correction at rounding level
                converged = true;
                last = e;
                break;
            }
            if (dxNorm >= previous) {
                converged = dxNorm <= Math.sqrt(UNIT_ROUNDOFF) * xNorm;
                break;
            }
            previous = dxNorm;
        }
        if (steps == maxSteps && !converged) {
            converged = previous <= Math.sqrt(UNIT_ROUNDOFF) * Arrays.stream(x).map(Math::abs).max().orElse(0);
        }
        return new Refinement(x, last != null ? last : problem.evaluate(keep, x, false), steps, converged);
    }

    /** The solution over all k terms from the refined kept terms. */
    private static Refined assemble(ExtendedResidual problem, int[] keep, int k, Refinement r, Matrix covKeep,
                                    int[] nearlyCollinear, double reciprocalCondition, Method method,
                                    double interceptCancellation) {
        int kk = keep.length;
        double[] coefficients = new double[k];
        double[] atZero = new double[k];
        Arrays.fill(coefficients, Double.NaN);
        for (int c = 0; c < kk; c++) {
            coefficients[keep[c]] = r.x()[c];
            atZero[keep[c]] = r.x()[c];
        }
        ExtendedResidual.FinalPass pass = problem.finalPass(atZero);
        // exact residuals (double-double) except for a solution refined in double, whose are the pass's
        ExtendedResidual.Evaluation last = r.last() != null || method == Method.SEMI_NORMAL_EQUATIONS_REFINED_IN_DOUBLE
                ? r.last() : problem.evaluate(keep, r.x(), false);
        double[] cov = new double[k * k];
        Arrays.fill(cov, Double.NaN);
        for (int a = 0; a < kk; a++) {
            for (int c = 0; c < kk; c++) {
                cov[keep[a] + keep[c] * k] = covKeep.get(a, c);
            }
        }
        int[] aliased = IntStream.range(0, k).filter(j -> Arrays.stream(keep).noneMatch(v -> v == j)).toArray();
        double[] residuals = last != null ? last.weightedResiduals() : pass.residuals();
        double rss = last != null ? last.residualSumOfSquares() : pass.residualSumOfSquares();
        return new Refined(new Solution(coefficients, aliased, nearlyCollinear, Matrix.wrap(k, k, cov), residuals,
                rss, pass.fittedValues(), pass.normalEquationsResidual(), kk, reciprocalCondition, method,
                r.steps(), r.converged()), interceptCancellation);
    }

    /** A solution and the cancellation factor of its centered intercept variance. */
    private record Refined(Solution solution, double interceptCancellation) {
    }

    /**
     * Recomputes the intercept row of the covariance without cancellation, by the block inverse
     * of {@code A'WA} for {@code A = [1, X]}: with {@code gamma} the weighted least-squares
     * coefficients of the constant 1 on the kept predictors (no intercept) and {@code s0} its
     * residual sum of squares, {@code Var(b0) = 1/s0} and {@code Cov(b0, b) = -gamma/s0}. That
     * auxiliary problem is solved in the same way, so s0 and gamma are accurate even when the
     * centered form {@code 1/W + m'Sm} is a small difference of large terms (Wampler3).
     */
    private static Solution withAccurateInterceptVariance(INDArray x, double[] weights, Solution s, Options options) {
        int n = (int) x.rows();
        int k = s.coefficients().length;
        int[] keep = IntStream.range(0, k).filter(j -> !Double.isNaN(s.coefficients()[j])).toArray();
        if (keep.length < 2 || keep[0] != 0) {
            return s;
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        ExtendedResidual aux = new ExtendedResidual(x, ones, weights, null, false);
        int[] slopes = new int[keep.length - 1];
        for (int c = 1; c < keep.length; c++) {
            slopes[c - 1] = keep[c] - 1;
        }
        int p = (int) x.columns();
        Refined r = semiNormal(aux, slopes, p, AliasRule.NONE, options.maxRefinements());
        if (r == null) {
            FactoredQr f = FactoredQr.of(aux, slopes);
            QrDecomposition qr = f.qr();
            double[] start = f.transform().toOriginal(qr.solve(aux.weightedResponse()));
            Refinement ref = refine(aux, slopes, start, f.transform(), augmentedCorrector(qr, f.transform(), aux,
                    slopes), false, Double.NaN, 0, options.maxRefinements());
            r = assemble(aux, slopes, p, ref, f.transform().covariance(qr.inverseGram(), aux.sumOfWeights()),
                    new int[0], qr.reciprocalCondition(), Method.PIVOTED_QR, 1);
        }
        double s0 = r.solution().residualSumOfSquares();
        if (!(s0 > 0)) {
            return s;
        }
        double[] cov = s.unscaledCovariance().toColumnMajor();
        cov[0] = 1 / s0;
        for (int c = 1; c < keep.length; c++) {
            double v = -r.solution().coefficients()[keep[c] - 1] / s0;
            cov[keep[c] * k] = v;
            cov[keep[c]] = v;
        }
        return new Solution(s.coefficients(), s.aliased(), s.nearlyCollinear(), Matrix.wrap(k, k, cov),
                s.weightedResiduals(), s.residualSumOfSquares(), s.fittedValues(), s.normalEquationsResidual(),
                s.rank(), s.reciprocalCondition(), s.method(),
                s.refinementSteps(), s.refinementConverged());
    }

    /** Pivoted QR of the centered, scaled kept terms and the transform back to the original ones. */
    private record FactoredQr(QrDecomposition qr, Transform transform) {

        static FactoredQr of(ExtendedResidual problem, int[] keep) {
            int n = problem.rows();
            int kk = keep.length;
            double[] sqrtW = problem.sqrtWeights();
            double sumW = problem.sumOfWeights();
            boolean center = problem.hasIntercept() && kk > 0 && keep[0] == 0;
            double[] mean = new double[kk];
            double[] scale = new double[kk];
            INDArray a = NativeArrays.matrix(n, kk);
            org.bytedeco.javacpp.DoublePointer ap = NativeArrays.pointer(a);
            double[] col = new double[n];
            for (int c = 0; c < kk; c++) {
                int j = keep[c];
                problem.term(j, col);
                boolean isIntercept = problem.hasIntercept() && j == 0;
                if (center && !isIntercept) {
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
            return new FactoredQr(QrDecomposition.ofOwned(a), new Transform(mean, scale, center));
        }
    }
}
