package dev.argmax.optim.path;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupSeparablePenalty;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.cd.BlockCoordinateDescent;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.cd.CoordinateDescentWorkspace;
import dev.argmax.optim.newton.InterceptOnlyNewton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regularization paths in glmnet's manner for any {@link SeparablePenalty} scaled by lambda: the
 * elastic net {@code lambda * sum_j v_j (alpha |b_j| + (1 - alpha)/2 b_j^2)}, MCP, SCAD, or a
 * penalty of the user's (the path asks it for {@link SeparablePenalty#withLambda},
 * {@link SeparablePenalty#lambdaMax}, {@link SeparablePenalty#penalizes} and its zero thresholds).
 *
 * <ul>
 *   <li><b>lambda_max</b>, exactly: the model with every penalized slope at 0 (intercept and
 *       slopes with {@code v_j = 0} fitted) is solved, and
 *       {@code lambda_max = max_{v_j > 0} |x~_j' g| / (alpha v_j)} with g the datafit gradient
 *       there; at {@code lambda_max} coordinate j's zero threshold equals its gradient, so every
 *       penalized slope is exactly 0. For {@code alpha = 0} (ridge, where no finite lambda zeroes
 *       the slopes) glmnet's convention is used: lambda_max is computed with alpha = 0.001.
 *       Box limits are not taken into account (as in glmnet).</li>
 *   <li><b>Sequence</b>: {@code count} values (default 100) geometric from lambda_max down to
 *       {@code minRatio * lambda_max} (default 1e-4 when n > p, else 1e-2), or the user's list,
 *       solved in the order given.</li>
 *   <li><b>Warm starts</b> from the previous solution, and the <b>sequential strong rule</b>
 *       (Tibshirani et al. 2012): slope j is eligible at {@code lambda_k} when
 *       {@code |x~_j' g(lambda_{k-1})| >= alpha v_j (2 lambda_k - lambda_{k-1})}, or it is non-zero,
 *       or unpenalized. After each solve the KKT conditions are checked over <em>all</em>
 *       variables with the exact gradient; violators are added and the lambda is solved again.</li>
 *   <li><b>Gaussian ridge</b> ({@code alpha = 0}, no limits): a direct Cholesky solve per lambda
 *       on a Gram formed once ({@link RidgeDirect}).</li>
 *   <li><b>Vector-valued predictors and group penalties</b> (the multinomial logit, glmnet's
 *       ungrouped and grouped multinomial lasso): {@link #fitBlocks}, the same path with
 *       {@link BlockCoordinateDescent}; the strong rule and the KKT check act on each slope of
 *       each column (separable penalty) or on each group as a whole ({@code ||g_g||_2} against the
 *       group's zero threshold), and lambda_max is {@code max |g_j| / t_j} or
 *       {@code max ||g_g||_2 / t_g} at the fit with every penalized slope at 0.</li>
 * </ul>
 */
public final class RegularizationPath {

    private static final Logger LOG = LoggerFactory.getLogger(RegularizationPath.class);

    /** alpha used for lambda_max when alpha = 0 (glmnet); see {@link ElasticNet#lambdaMax}. */
    public static final double RIDGE_ALPHA_FOR_LAMBDA_MAX = ElasticNet.RIDGE_ALPHA_FOR_LAMBDA_MAX;

    /**
     * @param count number of lambdas of a generated sequence (default 100)
     * @param minRatio smallest lambda as a fraction of lambda_max; NaN for the default (1e-4 when
     *     n > p, else 1e-2)
     * @param lambdas the user's lambdas (solved in this order), or null for a generated sequence
     * @param solver coordinate-descent settings
     */
    public record Settings(int count, double minRatio, double[] lambdas, CoordinateDescent.Settings solver) {
        public Settings {
            if (lambdas == null && count < 1) {
                throw new IllegalArgumentException("the number of lambdas must be >= 1, got " + count);
            }
            if (!Double.isNaN(minRatio) && !(minRatio > 0 && minRatio < 1)) {
                throw new IllegalArgumentException("lambda_min_ratio must lie in (0, 1), got " + minRatio);
            }
            if (lambdas != null) {
                if (lambdas.length == 0) {
                    throw new IllegalArgumentException("the lambda list is empty");
                }
                for (double l : lambdas) {
                    if (!(l >= 0) || Double.isInfinite(l)) {
                        throw new IllegalArgumentException("lambda must be finite and >= 0, got " + l);
                    }
                }
                lambdas = lambdas.clone();
            }
            if (solver == null) {
                solver = CoordinateDescent.Settings.defaults();
            }
        }

        /** 100 lambdas down to the default ratio, default solver settings. */
        public static Settings defaults() {
            return new Settings(100, Double.NaN, null, CoordinateDescent.Settings.defaults());
        }

        public Settings withLambdas(double... values) {
            return new Settings(count, minRatio, values, solver);
        }

        public Settings withCount(int c) {
            return new Settings(c, minRatio, lambdas, solver);
        }

        public Settings withMinRatio(double r) {
            return new Settings(count, r, lambdas, solver);
        }

        public Settings withSolver(CoordinateDescent.Settings s) {
            return new Settings(count, minRatio, lambdas, s);
        }

        @Override
        public double[] lambdas() {
            return lambdas == null ? null : lambdas.clone();
        }
    }

    private RegularizationPath() {
    }

    /** The geometric sequence {@code lambdaMax * ratio^(k/(count-1))}, k = 0..count-1. */
    public static double[] geometric(double lambdaMax, double ratio, int count) {
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = count == 1 ? lambdaMax : lambdaMax * Math.pow(ratio, (double) k / (count - 1));
        }
        return out;
    }

    /** The default lambda_min_ratio: 1e-4 when n > p, else 1e-2 (glmnet). */
    public static double defaultMinRatio(int n, int p) {
        return n > p ? 1e-4 : 1e-2;
    }

    /** Whether the path uses the direct Gaussian ridge solve. */
    static boolean directRidge(Datafit datafit, SeparablePenalty template, int p) {
        if (!(datafit instanceof QuadraticDatafit) || !(template instanceof ElasticNet en) || en.alpha() != 0) {
            return false;
        }
        for (int j = 0; j < p; j++) {
            if (Double.isFinite(en.lower(j)) || Double.isFinite(en.upper(j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * lambda_max for the penalty shape of {@code template} (its lambda is ignored).
     *
     * @throws InvalidDataException when every penalty factor is 0
     */
    public static double lambdaMax(Design design, Datafit datafit, double[] offset, SeparablePenalty template,
                                   CoordinateDescent.Settings settings) {
        if (datafit.predictorColumns() > 1) {
            BlockCoordinateDescent ws = new BlockCoordinateDescent(design, datafit, offset, settings);
            Units units = new Units(new Problem(design, datafit, template, ws.offset()), template);
            return units.lambdaMax(blockNullFit(ws, units).gradient());
        }
        template.requireSize(design.predictors());
        if (directRidge(datafit, template, design.predictors())) {
            return template.lambdaMax(new RidgeDirect(design, datafit, offset).centeredCrossProducts());
        }
        CoordinateDescentWorkspace ws = new CoordinateDescentWorkspace(design, datafit, offset, settings);
        double[] off = offset == null ? new double[design.rows()] : offset;
        return template.lambdaMax(ws.centeredSlopeGradient(nullModel(ws, off, template).gradient()));
    }

    /**
     * The model with every penalized slope at 0 (the solution at lambda_max).
     *
     * @param beta its coefficients, intercept first
     * @param gradient the exact datafit gradient {@code A' g} there
     * @param deviance its deviance when it is the intercept-only model (no unpenalized slope), else NaN
     */
    private record NullModel(double[] beta, double[] gradient, double deviance) {
    }

    /**
     * The null model. When every slope is penalized it is the intercept-only model (or the
     * offset alone); for a datafit that is not quadratic it is fitted by Newton's method on the
     * intercept with no pass over X ({@link InterceptOnlyNewton}) and one product {@code A' g} for
     * the gradient (the workspace's solver would evaluate the model with two passes over X per
     * step). Otherwise (unpenalized slopes, or the Gaussian datafit, whose workspace evaluates
     * from its Gram without a pass) the workspace's solver fits it.
     */
    private static NullModel nullModel(CoordinateDescentWorkspace ws, double[] off, SeparablePenalty template) {
        Design design = ws.design();
        Datafit datafit = ws.datafit();
        int p = design.predictors();
        boolean[] unpenalized = new boolean[p];
        boolean any = false;
        for (int j = 0; j < p; j++) {
            unpenalized[j] = !template.penalizes(j);
            any |= unpenalized[j];
        }
        if (any || datafit instanceof QuadraticDatafit) {
            CoordinateDescentWorkspace.Fit fit = ws.solve(template.withLambda(1.0), null, unpenalized,
                    Math.min(1e-10, ws.settings().relativeTolerance(ws.gradientScale())));
            return new NullModel(fit.result().coefficients(), fit.gradient(), Double.NaN);
        }
        int n = design.rows();
        double[] eta = new double[n];
        double[] beta = new double[design.coefficients()];
        if (design.hasIntercept()) {
            beta[0] = InterceptOnlyNewton.fit(datafit, off, 0.0, eta);
        } else {
            System.arraycopy(off, 0, eta, 0, n);
        }
        double[] g = new double[n];
        double[] h = new double[n];
        datafit.derivatives(eta, g, h);
        double[] gradient = new double[design.coefficients()];
        design.transposeMultiply(g, gradient);
        return new NullModel(beta, gradient, datafit.deviance(eta));
    }

    /**
     * Fits the path.
     *
     * @param template the penalty shape (for the elastic net alpha, factors, limits); its lambda is ignored
     */
    public static PathResult fit(Design design, Datafit datafit, double[] offset, SeparablePenalty template,
                                 Settings settings) {
        return fit(design, datafit, offset, template, settings, System.nanoTime());
    }

    /**
     * Fits the path with its clock started at {@code clockStart} (a {@link System#nanoTime()}
     * reading taken by a caller whose own setup, such as standardizing X, belongs to the path).
     * Each lambda's wall time ({@link SolverResult#elapsedNanos()}, and its trace's elapsed times)
     * runs from the end of the previous lambda's solve; the first lambda's from {@code clockStart},
     * so the workspace (Gram or centered copy of X), the null fit and lambda_max count in it. The
     * path's total is the sum ({@link PathResult#elapsedNanos()}).
     *
     * @param template the penalty shape (for the elastic net alpha, factors, limits); its lambda is ignored
     */
    public static PathResult fit(Design design, Datafit datafit, double[] offset, SeparablePenalty template,
                                 Settings settings, long clockStart) {
        if (datafit.predictorColumns() > 1) {
            return fitBlocks(design, datafit, offset, template, settings, clockStart);
        }
        long lambdaStart = clockStart;
        int p = design.predictors();
        template.requireSize(p);
        double[] off = offset == null ? new double[design.rows()] : offset;
        if (directRidge(datafit, template, p)) {
            RidgeDirect direct = new RidgeDirect(design, datafit, off);
            double lmax = template.lambdaMax(direct.centeredCrossProducts());
            double[] lambdas = sequence(settings, lmax, design);
            double nullDev = interceptOnlyDeviance(design, datafit, off);
            List<PathPoint> points = new ArrayList<>();
            CoordinateDescentWorkspace fallback = null;
            double[] start = null;
            for (double lambda : lambdas) {
                ElasticNet pen = ((ElasticNet) template).withLambda(lambda);
                long solveStart = System.nanoTime();
                SolverResult r = direct.solve(pen);
                if (r != null) {
                    r = r.withSetupNanos(solveStart - lambdaStart);
                } else {
                    if (fallback == null) {
                        fallback = new CoordinateDescentWorkspace(design, datafit, off, settings.solver());
                    }
                    r = fallback.solve(pen, start, null, settings.solver().relativeTolerance(fallback.gradientScale()),
                            lambdaStart).result();
                }
                lambdaStart = System.nanoTime();
                start = r.coefficients();
                points.add(point(design, datafit, pen, lambda, r, nullDev));
            }
            return new PathResult(lmax, nullDev, points, 0);
        }
        CoordinateDescentWorkspace ws = new CoordinateDescentWorkspace(design, datafit, off, settings.solver());
        NullModel nullModel = nullModel(ws, off, template);
        double[] gamma = ws.centeredSlopeGradient(nullModel.gradient());
        double lmax = template.lambdaMax(gamma);
        double[] lambdas = sequence(settings, lmax, design);
        double nullDev = Double.isNaN(nullModel.deviance()) ? interceptOnlyDeviance(design, datafit, off)
                : nullModel.deviance();
        double relativeTolerance = settings.solver().relativeTolerance(ws.gradientScale());
        double tolAbs = relativeTolerance * ws.gradientScale();
        int offIdx = design.firstSlope();
        double[] beta = nullModel.beta();
        double previous = lmax;
        List<PathPoint> points = new ArrayList<>();
        int violations = 0;
        for (double lambda : lambdas) {
            SeparablePenalty pen = template.withLambda(lambda);
            boolean[] eligible = new boolean[p];
            // the sequential strong rule: |x~_j' g| >= t_j(2 lambda - lambda_prev), t_j the zero threshold
            double cutLambda = 2 * lambda - previous;
            SeparablePenalty cut = cutLambda > 0 ? template.withLambda(cutLambda) : null;
            for (int j = 0; j < p; j++) {
                eligible[j] = !template.penalizes(j) || beta[j + offIdx] != 0 || cut == null
                        || Math.abs(gamma[j]) >= cut.zeroThreshold(j);
            }
            int passes = 0;
            CoordinateDescentWorkspace.Fit fit;
            while (true) {
                fit = ws.solve(pen, beta, eligible, relativeTolerance, lambdaStart);
                passes += fit.result().iterations();
                beta = fit.result().coefficients();
                double[] grad = fit.gradient();
                boolean added = false;
                for (int j = 0; j < p; j++) {
                    if (!eligible[j] && pen.subdifferentialDistance(j, beta[j + offIdx], grad[j + offIdx]) > tolAbs) {
                        eligible[j] = true;
                        added = true;
                        violations++;
                    }
                }
                if (!added || !fit.result().converged()) {
                    break;
                }
            }
            Problem prob = new Problem(design, datafit, pen, off);
            SolverResult r0 = fit.result();
            double kkt = prob.kktViolationFromGradient(beta, fit.gradient());
            // the last solve's clock ran from lambdaStart: its time covers every strong-rule round
            SolverResult r = new SolverResult(r0.solver(), beta, r0.objective(), kkt, passes, r0.stopReason(),
                    r0.message(), r0.trace(), r0.elapsedNanos());
            lambdaStart = System.nanoTime();
            points.add(point(design, datafit, pen, lambda, r, nullDev));
            gamma = ws.centeredSlopeGradient(fit.gradient());
            previous = lambda;
        }
        PathResult result = new PathResult(lmax, nullDev, points, violations);
        if (!result.converged()) {
            LOG.warn("regularization path: {} of {} lambdas did not converge",
                    points.stream().filter(pt -> !pt.converged()).count(), points.size());
        }
        return result;
    }

    /**
     * The path of a problem with a vector-valued linear predictor or a group penalty (see the
     * class comment), with its clock started at {@code clockStart}: each lambda's time runs from
     * the end of the previous lambda's solve, the first from {@code clockStart}.
     *
     * @param template a {@link SeparablePenalty} or a {@link GroupSeparablePenalty} on the m p
     *     slopes (its lambda is ignored)
     */
    public static PathResult fitBlocks(Design design, Datafit datafit, double[] offset, Penalty template,
                                       Settings settings, long clockStart) {
        long lambdaStart = clockStart;
        int m = datafit.predictorColumns();
        double[] off = offset == null ? new double[design.rows() * m] : offset;
        BlockCoordinateDescent ws = new BlockCoordinateDescent(design, datafit, off, settings.solver());
        Problem base = new Problem(design, datafit, template, off);
        Units units = new Units(base, template);
        CoordinateDescentWorkspace.Fit nullFit = blockNullFit(ws, units);
        double[] grad = nullFit.gradient();
        double lmax = units.lambdaMax(grad);
        double[] lambdas = sequence(settings, lmax, design);
        double[] beta = nullFit.result().coefficients();
        double[] eta = new double[base.predictorLength()];
        base.linearPredictor(beta, eta);
        double nullDev = datafit.deviance(eta);
        double blockTolerance = settings.solver().relativeTolerance(ws.gradientScale());
        double tolAbs = blockTolerance * ws.gradientScale();
        double previous = lmax;
        List<PathPoint> points = new ArrayList<>();
        int violations = 0;
        for (double lambda : lambdas) {
            Penalty pen = units.withLambda(lambda);
            double cutLambda = 2 * lambda - previous;
            boolean[] unitEligible = new boolean[units.count()];
            for (int u = 0; u < units.count(); u++) {
                unitEligible[u] = !units.penalizes(u) || units.nonzero(u, beta) || cutLambda <= 0
                        || units.gradientNorm(u, grad) >= units.threshold(u, cutLambda);
            }
            int passes = 0;
            CoordinateDescentWorkspace.Fit fit;
            while (true) {
                fit = ws.solve(pen, beta, units.slopes(unitEligible), blockTolerance, lambdaStart);
                passes += fit.result().iterations();
                beta = fit.result().coefficients();
                grad = fit.gradient();
                boolean added = false;
                for (int u = 0; u < units.count(); u++) {
                    if (!unitEligible[u] && units.violation(pen, u, beta, grad) > tolAbs) {
                        unitEligible[u] = true;
                        added = true;
                        violations++;
                    }
                }
                if (!added || !fit.result().converged()) {
                    break;
                }
            }
            Problem prob = new Problem(design, datafit, pen, off);
            SolverResult r0 = fit.result();
            double kkt = prob.kktViolationFromGradient(beta, grad);
            SolverResult r = new SolverResult(r0.solver(), beta, r0.objective(), kkt, passes, r0.stopReason(),
                    r0.message(), r0.trace(), r0.elapsedNanos());
            lambdaStart = System.nanoTime();
            double dev = 2 * datafit.weightSum() * (r.objective() - pen.value(prob.slopes(beta))
                    - datafit.saturatedValue());
            double ratio = nullDev > 0 ? 1 - dev / nullDev : Double.NaN;
            if (ratio < 0 && ratio > -1e-12) {
                ratio = 0.0;
            }
            points.add(new PathPoint(lambda, r, nonzeroPredictors(prob, beta), dev, ratio));
            previous = lambda;
        }
        PathResult result = new PathResult(lmax, nullDev, points, violations);
        if (!result.converged()) {
            LOG.warn("regularization path: {} of {} lambdas did not converge",
                    points.stream().filter(pt -> !pt.converged()).count(), points.size());
        }
        return result;
    }

    /**
     * The number of predictors with a non-zero slope in some column (glmnet's {@code df} of a
     * multinomial fit; the number of non-zero slopes for a scalar predictor).
     */
    static int nonzeroPredictors(Problem prob, double[] beta) {
        int p = prob.design().predictors();
        int count = 0;
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < prob.predictorColumns(); c++) {
                if (beta[prob.slopeIndex(c * p + j)] != 0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private static CoordinateDescentWorkspace.Fit blockNullFit(BlockCoordinateDescent ws, Units units) {
        boolean[] eligible = new boolean[units.count()];
        for (int u = 0; u < units.count(); u++) {
            eligible[u] = !units.penalizes(u);
        }
        return ws.solve(units.withLambda(1.0), null, units.slopes(eligible), Math.min(1e-10, ws.settings().relativeTolerance(ws.gradientScale())),
                System.nanoTime());
    }

    /**
     * What the strong rule and the KKT check act on: each slope of a separable penalty, each group
     * of a group penalty.
     */
    private static final class Units {
        private final Problem problem;
        private final SeparablePenalty separable;
        private final GroupSeparablePenalty grouped;
        private final int[][] groups;

        Units(Problem problem, Penalty template) {
            this.problem = problem;
            if (template instanceof SeparablePenalty sep) {
                this.separable = sep.withLambda(1.0);
                this.grouped = null;
                this.groups = null;
            } else if (template instanceof GroupSeparablePenalty grp) {
                this.separable = null;
                this.grouped = grp.withLambda(1.0);
                this.groups = grp.groups();
            } else {
                throw new IllegalArgumentException("a path needs a penalty separable over slopes or over groups, not "
                        + template.name());
            }
        }

        int count() {
            return separable != null ? problem.slopeCount() : groups.length;
        }

        Penalty withLambda(double lambda) {
            return separable != null ? separable.withLambda(lambda) : grouped.withLambda(lambda);
        }

        /** The zero threshold of unit u at lambda (thresholds are proportional to lambda). */
        double threshold(int u, double lambda) {
            return lambda * (separable != null ? separable.zeroThreshold(u) : grouped.zeroThreshold(u));
        }

        boolean penalizes(int u) {
            return threshold(u, 1.0) > 0;
        }

        double gradientNorm(int u, double[] grad) {
            if (separable != null) {
                return Math.abs(grad[problem.slopeIndex(u)]);
            }
            double s = 0;
            for (int j : groups[u]) {
                double g = grad[problem.slopeIndex(j)];
                s += g * g;
            }
            return Math.sqrt(s);
        }

        boolean nonzero(int u, double[] beta) {
            if (separable != null) {
                return beta[problem.slopeIndex(u)] != 0;
            }
            for (int j : groups[u]) {
                if (beta[problem.slopeIndex(j)] != 0) {
                    return true;
                }
            }
            return false;
        }

        double violation(Penalty pen, int u, double[] beta, double[] grad) {
            if (pen instanceof SeparablePenalty sep) {
                int at = problem.slopeIndex(u);
                return sep.subdifferentialDistance(u, beta[at], grad[at]);
            }
            int[] g = groups[u];
            double[] b = new double[g.length];
            double[] gr = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                b[i] = beta[problem.slopeIndex(g[i])];
                gr[i] = grad[problem.slopeIndex(g[i])];
            }
            return ((GroupSeparablePenalty) pen).subdifferentialDistance(u, b, gr);
        }

        /** The eligible slopes (m p, penalty order) of the eligible units. */
        boolean[] slopes(boolean[] unitEligible) {
            if (separable != null) {
                return unitEligible.clone();
            }
            boolean[] out = new boolean[problem.slopeCount()];
            for (int u = 0; u < groups.length; u++) {
                for (int j : groups[u]) {
                    out[j] = unitEligible[u];
                }
            }
            return out;
        }

        /** {@code max_u |g_u| / t_u} over the penalized units. */
        double lambdaMax(double[] grad) {
            if (separable != null) {
                double[] slopeGradient = new double[problem.slopeCount()];
                for (int j = 0; j < slopeGradient.length; j++) {
                    slopeGradient[j] = grad[problem.slopeIndex(j)];
                }
                return separable.lambdaMax(slopeGradient);
            }
            double best = 0;
            boolean any = false;
            for (int u = 0; u < groups.length; u++) {
                if (penalizes(u)) {
                    any = true;
                    best = Math.max(best, gradientNorm(u, grad) / threshold(u, 1.0));
                }
            }
            if (!any) {
                throw new InvalidDataException("no group is penalized (zero thresholds are all 0): there is nothing to"
                        + " penalize, so no lambda path");
            }
            return best;
        }
    }

    private static double[] sequence(Settings settings, double lmax, Design design) {
        if (settings.lambdas() != null) {
            return settings.lambdas();
        }
        if (!(lmax > 0)) {
            throw new InvalidDataException("lambda_max is 0 (the unpenalized part already fits every gradient to 0): "
                    + "give the lambdas explicitly");
        }
        double ratio = Double.isNaN(settings.minRatio())
                ? defaultMinRatio(design.rows(), design.predictors()) : settings.minRatio();
        return geometric(lmax, ratio, settings.count());
    }

    /**
     * The path point of a solve: the deviance {@code 2 W (F - F_saturated)} comes from the solver's
     * objective minus the penalty (no further pass over X).
     */
    private static PathPoint point(Design design, Datafit datafit, SeparablePenalty pen, double lambda, SolverResult r,
                                   double nullDev) {
        double[] beta = r.coefficients();
        double[] slopes = java.util.Arrays.copyOfRange(beta, design.firstSlope(), beta.length);
        double dev = 2 * datafit.weightSum() * (r.objective() - pen.value(slopes) - datafit.saturatedValue());
        int nz = 0;
        for (int j = design.firstSlope(); j < beta.length; j++) {
            if (beta[j] != 0) {
                nz++;
            }
        }
        double ratio = nullDev > 0 ? 1 - dev / nullDev : Double.NaN;
        // D(path) + P(path) <= D(null), so the ratio is >= 0; at lambda_max the two deviances are the
        // same model summed in different orders, and may differ by rounding
        if (ratio < 0 && ratio > -1e-12) {
            ratio = 0.0;
        }
        return new PathPoint(lambda, r, nz, dev, ratio);
    }

    /** Deviance of the model with the intercept only (or nothing, without intercept) and the offset. */
    public static double interceptOnlyDeviance(Design design, Datafit datafit, double[] off) {
        double[] eta = off.clone();
        if (design.hasIntercept()) {
            InterceptOnlyNewton.fit(datafit, off, 0.0, eta);
        }
        return datafit.deviance(eta);
    }
}
