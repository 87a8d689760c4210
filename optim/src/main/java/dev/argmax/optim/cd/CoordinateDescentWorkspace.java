package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared data of coordinate descent for one design, datafit and offset, reused for every
 * penalty of a path (warm starts, strong-rule restrictions).
 *
 * <p><b>Parameterisation.</b> With an intercept the slopes act on centered columns
 * {@code x~_j = x_j - m_j} ({@code m_j} the mean of x_j weighted by the datafit curvature at the
 * offset, i.e. the observation-weighted mean for the Gaussian and, with no offset, for the
 * binomial family), and the intercept of the centered model is {@code c0 = b0 + m'b}. This is a
 * reparameterization only (the reported coefficients are for the original columns), but it
 * decouples the intercept from the slopes, as glmnet does.
 *
 * <p><b>Outer iterations.</b> Each outer iteration expands the datafit to second order at the
 * current linear predictor, {@code D(eta + d) ~ D(eta) + g'd + (1/2) d' diag(h) d}, minimizes that
 * model plus the penalty over the eligible slopes and the intercept by coordinate descent, and
 * (datafits that are not quadratic) halves the step until the objective decreases. How the model
 * is minimized is an {@link InnerUpdates}, chosen once per workspace:
 * <ul>
 *   <li>{@link NaiveUpdates}: residual updates on a centered copy of X, O(n) per update;</li>
 *   <li>{@link CovarianceUpdates} (quadratic datafit): the centered Gram formed once by one SYRK,
 *       O(p) per update;</li>
 *   <li>{@link ProximalNewtonUpdates} (other datafits): the weighted Gram of the strong set, formed
 *       by SYRK on those columns and reused while it keeps contracting, O(|s|) per update.</li>
 * </ul>
 * The last two share {@link GramCoordinateDescent}, the coordinate descent on a Gram that
 * {@code newton.ProximalNewton} uses as well.
 *
 * Either way the stopping test uses the exact gradient {@code A' g} recomputed from the data
 * (one BLAS pass), so drift in the cached quantities cannot produce a false "converged".
 *
 * <p>Not thread-safe (the design's buffers are shared); use one workspace per thread.
 */
public final class CoordinateDescentWorkspace {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinateDescentWorkspace.class);

    /** The result of one solve and the exact datafit gradient {@code A' g} at its coefficients. */
    public record Fit(SolverResult result, double[] gradient) {
    }

    private final Design design;
    private final Datafit datafit;
    private final double[] offset;
    private final CoordinateDescent.Settings settings;
    private final int n;
    private final int p;
    private final int off;
    private final boolean intercept;
    private final boolean quadratic;
    private final double[] means;
    private final double[] hx;
    private final double gradScale;
    private final InnerUpdates updates;
    /** Gaussian covariance mode: A'HA (k x k), A'H(o - y), F(offset), for evaluations without X. */
    private final double[] fullGram;
    private final double[] gradAtOffset;
    private final double valueAtOffset;
    private final double weightedResponse;

    /**
     * Prepares the data: centering means, the centered copy of X (naive) or the Gram
     * (covariance), and the gradient scale of the relative tolerance.
     */
    public CoordinateDescentWorkspace(Design design, Datafit datafit, double[] offset,
                                      CoordinateDescent.Settings settings) {
        this.design = design;
        this.datafit = datafit;
        this.n = design.rows();
        this.p = design.predictors();
        this.off = design.firstSlope();
        this.intercept = design.hasIntercept();
        this.offset = offset == null ? new double[n] : offset.clone();
        this.settings = settings;
        if (datafit.size() != n) {
            throw new IllegalArgumentException("datafit has " + datafit.size() + " observations, design " + n);
        }
        this.quadratic = datafit instanceof QuadraticDatafit;
        double[] g0 = new double[n];
        double[] h0 = new double[n];
        datafit.derivatives(this.offset.clone(), g0, h0);
        boolean gram = switch (settings.mode()) {
            case AUTO -> p > 0 && n > p && p <= 2000;
            case COVARIANCE -> true;
            case NAIVE -> false;
        };
        this.means = new double[p];
        this.hx = new double[p];
        double[] s = new double[p + off];
        design.transposeMultiply(h0, s);
        if (!intercept) {
            System.arraycopy(s, 0, hx, 0, p);
        }
        if (intercept && p > 0) {
            double hs = s[0];
            if (hs > 0) {
                for (int j = 0; j < p; j++) {
                    means[j] = s[j + 1] / hs;
                    hx[j] = s[j + 1];
                }
            } else {
                double[] ones = new double[n];
                Arrays.fill(ones, 1.0);
                design.transposeMultiply(ones, s);
                for (int j = 0; j < p; j++) {
                    means[j] = s[j + 1] / n;
                }
            }
        }
        double[] fullStore = null;
        if (gram && quadratic) {
            fullStore = design.weightedGram(h0).toColumnMajor();
            this.updates = new CovarianceUpdates(fullStore, p, intercept, means);
        } else if (gram) {
            this.updates = new ProximalNewtonUpdates(design, means);
        } else {
            this.updates = new NaiveUpdates(design, means, quadratic);
        }
        double[] grad0 = new double[p + off];
        design.transposeMultiply(g0, grad0);
        double scale = 0;
        for (int j = 0; j < p; j++) {
            scale = Math.max(scale, Math.abs(grad0[j + off] - (intercept ? means[j] * grad0[0] : 0.0)));
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = Math.max(intercept ? Math.abs(grad0[0]) : 0.0, 0.0);
            if (!(scale > 0) || !Double.isFinite(scale)) {
                scale = 1.0;
            }
        }
        this.gradScale = scale;
        this.fullGram = fullStore;
        this.gradAtOffset = grad0;
        this.valueAtOffset = fullStore != null ? datafit.value(this.offset.clone()) : Double.NaN;
        double hy = 0;
        for (int i = 0; i < n; i++) {
            hy -= g0[i];
        }
        this.weightedResponse = hy;
    }

    /** Whether the inner coordinate descent runs on a Gram (covariance or proximal-Newton updates). */
    public boolean usesCovarianceUpdates() {
        return !(updates instanceof NaiveUpdates);
    }

    /** The scale of the relative KKT tolerance: the largest centered slope gradient at the offset. */
    public double gradientScale() {
        return gradScale;
    }

    public Design design() {
        return design;
    }

    public Datafit datafit() {
        return datafit;
    }

    /** A copy of the offset. */
    public double[] offset() {
        return offset.clone();
    }

    /** The settings of this workspace. */
    public CoordinateDescent.Settings settings() {
        return settings;
    }

    /**
     * Minimizes {@code D(offset + A beta) + P(b)} from {@code start}.
     *
     * @param penalty a separable penalty on the p slopes
     * @param start coefficients (intercept first), or null for zeros
     * @param eligible the slopes coordinate descent may move (the strong set of a path), or null
     *     for all; the others keep their start values
     */
    public Fit solve(Penalty penalty, double[] start, boolean[] eligible) {
        return solve(penalty, start, eligible, settings.relativeTolerance(gradScale));
    }

    /**
     * As {@link #solve(Penalty, double[], boolean[])} with another relative KKT tolerance. When
     * {@code eligible} restricts the coordinates, the KKT violation (and the duality gap) are
     * those of the restricted problem: the caller checks the other coordinates (strong rule).
     */
    public Fit solve(Penalty penalty, double[] start, boolean[] eligible, double tolerance) {
        return solve(penalty, start, eligible, tolerance, System.nanoTime());
    }

    /**
     * As {@link #solve(Penalty, double[], boolean[], double)} with the clock started at
     * {@code clockStart} (a {@link System#nanoTime()} reading): a caller that built this workspace
     * for this one solve passes the time it started, so that the reported time includes the
     * Gram or the centered copy of X.
     */
    public Fit solve(Penalty penalty, double[] start, boolean[] eligible, double tolerance, long clockStart) {
        if (!(penalty instanceof SeparablePenalty sep)) {
            throw new IncompatibleSolverException("solver 'cd' needs a separable penalty with a per-coordinate "
                    + "proximal operator; " + penalty.name() + " is not one");
        }
        Problem prob = new Problem(design, datafit, penalty, offset);
        int k = p + off;
        double[] beta = start == null ? new double[k] : start.clone();
        if (beta.length != k) {
            throw new IllegalArgumentException("start has length " + beta.length + ", expected " + k);
        }
        boolean[] elig = eligible;
        if (elig == null) {
            elig = new boolean[p];
            Arrays.fill(elig, true);
        } else if (elig.length != p) {
            throw new IllegalArgumentException("eligible has length " + elig.length + ", expected " + p);
        }
        for (int j = 0; j < p; j++) {
            if (sep.value(j, beta[j + off]) == Double.POSITIVE_INFINITY) {
                beta[j + off] = Math.min(Math.max(beta[j + off], lowerOf(penalty, j)), upperOf(penalty, j));
            }
        }
        Trace.Recorder rec = new Trace.Recorder(clockStart);
        double[] b = Arrays.copyOfRange(beta, off, k);
        double[] c0 = {intercept ? beta[0] + dot(means, b) : 0.0};
        boolean lassoGap = quadratic && isPlainLasso(penalty);
        double tolAbs = tolerance * gradScale;

        EvaluationState st = new EvaluationState(n, k, elig);
        evaluate(prob, sep, b, c0[0], st, lassoGap);
        int passes = 0;
        int outer = 0;
        int stalled = 0;
        StopReason reason;
        while (true) {
            if (!Double.isFinite(st.objective)) {
                reason = StopReason.NON_FINITE;
                break;
            }
            // a KKT violation eps leaves a duality gap of about eps * ||b||_1 (the dual point is scaled by
            // 1 - eps / lambda), so the gap is held to twice that, or to gapTolerance * |F|
            boolean gapOk = !lassoGap || st.gap <= Math.max(settings.gapTolerance() * Math.abs(st.objective),
                    2 * tolAbs * l1Norm(b));
            if (st.kkt <= tolAbs && (gapOk || st.kkt == 0)) {
                reason = StopReason.CONVERGED_OPTIMALITY;
                break;
            }
            if (stalled >= 3) {
                // below the rounding floor: converged to rounding precision, unless an absolute KKT
                // target was asked for, which this violation does not meet
                reason = settings.scale() == CoordinateDescent.ToleranceScale.ABSOLUTE
                        ? StopReason.ROUNDING_FLOOR : StopReason.CONVERGED_OBJECTIVE_CHANGE;
                break;
            }
            if (passes >= settings.maxPasses()) {
                reason = StopReason.MAX_ITERATIONS;
                break;
            }
            outer++;
            double kktBefore = st.kkt;
            double innerTol;
            if (st.kkt <= tolAbs) {
                innerTol = 0.1 * st.kkt;
            } else if (quadratic) {
                innerTol = 0.5 * tolAbs;
            } else if (updates instanceof ProximalNewtonUpdates) {
                // model passes cost O(|s|^2), not O(n |s|): solve the model well below the target
                innerTol = Math.max(0.1 * tolAbs, 1e-3 * st.kkt);
            } else {
                innerTol = Math.max(0.5 * tolAbs, 0.01 * st.kkt);
            }
            double[] bOld = b.clone();
            double c0Old = c0[0];
            double fOld = st.objective;
            int budget = settings.maxPasses() - passes;
            int used = updates.run(sep, b, c0, st, innerTol, tolAbs, budget, rec, passes);
            passes += used;
            evaluate(prob, sep, b, c0[0], st, lassoGap);
            if (!quadratic) {
                double slack = 1e-13 * Math.max(1.0, Math.abs(fOld));
                double[] bNew = b.clone();
                double c0New = c0[0];
                double t = 1.0;
                int halvings = 0;
                while (!(st.objective <= fOld + slack) && halvings < 50) {
                    t *= 0.5;
                    halvings++;
                    for (int j = 0; j < p; j++) {
                        b[j] = bOld[j] + t * (bNew[j] - bOld[j]);
                    }
                    c0[0] = c0Old + t * (c0New - c0Old);
                    evaluate(prob, sep, b, c0[0], st, lassoGap);
                }
                updates.observe(kktBefore, st.kkt, halvings, tolAbs);
                if (!(st.objective <= fOld + slack)) {
                    System.arraycopy(bOld, 0, b, 0, p);
                    c0[0] = c0Old;
                    evaluate(prob, sep, b, c0[0], st, lassoGap);
                    reason = StopReason.LINE_SEARCH_FAILED;
                    break;
                }
            }
            boolean noDecrease = st.objective >= fOld - 4 * Math.ulp(Math.abs(fOld));
            stalled = noDecrease && st.kkt > 0.9 * kktBefore ? stalled + 1 : 0;
            if (used == 0 && passes >= settings.maxPasses()) {
                reason = StopReason.MAX_ITERATIONS;
                break;
            }
        }
        double[] coef = toBeta(b, c0[0]);
        String message = message(reason, st, tolAbs, passes, outer, lassoGap);
        if (!reason.converged()) {
            LOG.warn("coordinate descent did not converge for {}: {}", penalty.name(), message);
        }
        SolverResult result = new SolverResult("cd", coef, st.objective, st.kkt, passes, reason, message,
                rec.toTrace(), rec.elapsedNanos());
        return new Fit(result, st.grad.clone());
    }

    /**
     * The slope gradient of the centered parameterization, {@code x~_j' g = (A'g)_j - m_j (A'g)_0}:
     * equal to {@code (A'g)_j} when the intercept is optimal, and insensitive to first order to an
     * error in the intercept (used for lambda_max and the strong rule).
     */
    public double[] centeredSlopeGradient(double[] gradient) {
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = gradient[j + off] - (intercept ? means[j] * gradient[0] : 0.0);
        }
        return out;
    }

    private String message(StopReason reason, EvaluationState st, double tolAbs, int passes, int outer, boolean gap) {
        String base = String.format(Locale.ROOT, "KKT violation %.3g (tolerance %.3g = %.3g x gradient scale %.3g)%s"
                        + " after %d passes in %d outer iterations (%s)", st.kkt, tolAbs, tolAbs / gradScale, gradScale,
                gap ? String.format(Locale.ROOT, ", duality gap %.3g", st.gap) : "", passes, outer, updates.name());
        return switch (reason) {
            case CONVERGED_OPTIMALITY -> "converged: " + base;
            case CONVERGED_OBJECTIVE_CHANGE -> "converged to rounding precision (3 outer iterations changed neither"
                    + " the objective nor the KKT violation; the tolerance is below the rounding floor): " + base;
            case ROUNDING_FLOOR -> "not converged: the KKT target is below the rounding floor (3 outer iterations "
                    + "changed neither the objective nor the KKT violation): " + base;
            case MAX_ITERATIONS -> "pass cap " + settings.maxPasses() + " reached: " + base;
            case LINE_SEARCH_FAILED -> "step halving could not decrease the objective: " + base;
            case NON_FINITE -> "the objective is not finite: " + base;
            default -> reason + ": " + base;
        };
    }

    private static boolean isPlainLasso(Penalty penalty) {
        if (!(penalty instanceof ElasticNet en) || en.alpha() != 1.0) {
            return false;
        }
        return true;
    }

    private static double lowerOf(Penalty penalty, int j) {
        return penalty instanceof ElasticNet en ? en.lower(j) : Double.NEGATIVE_INFINITY;
    }

    private static double upperOf(Penalty penalty, int j) {
        return penalty instanceof ElasticNet en ? en.upper(j) : Double.POSITIVE_INFINITY;
    }

    private double[] toBeta(double[] b, double c0) {
        double[] beta = new double[p + off];
        System.arraycopy(b, 0, beta, off, p);
        if (intercept) {
            beta[0] = c0 - dot(means, b);
        }
        return beta;
    }

    /**
     * The data-side evaluation at the last coefficients evaluated (linear predictor, derivatives,
     * gradient): it does not depend on the penalty, so the next solve of a path, which starts where
     * the last one ended, reuses it instead of two passes over X.
     */
    private double[] cachedB;
    private double cachedC0;
    private EvaluationState cached;

    private void evaluate(Problem prob, SeparablePenalty sep, double[] b, double c0, EvaluationState st, boolean lassoGap) {
        double[] beta = toBeta(b, c0);
        System.arraycopy(beta, 0, st.beta, 0, beta.length);
        if (fullGram != null) {
            evaluateFromGram(sep, b, beta, st, lassoGap);
            return;
        }
        if (cached != null && c0 == cachedC0 && Arrays.equals(b, cachedB)) {
            st.copyDataFrom(cached);
            st.objective = st.datafitValue + sep.value(b);
        } else {
            prob.linearPredictor(beta, st.eta);
            st.datafitValue = datafit.value(st.eta);
            st.objective = st.datafitValue + sep.value(b);
            if (!Double.isFinite(st.objective)) {
                st.kkt = Double.POSITIVE_INFINITY;
                st.gap = Double.POSITIVE_INFINITY;
                cached = null;
                return;
            }
            datafit.derivatives(st.eta, st.g, st.h);
            design.transposeMultiply(st.g, st.grad);
            if (cached == null) {
                cached = new EvaluationState(n, st.grad.length, st.eligible);
            }
            cached.copyDataFrom(st);
            cachedB = b.clone();
            cachedC0 = c0;
        }
        double kkt = intercept ? Math.abs(st.grad[0]) : 0.0;
        for (int j = 0; j < p; j++) {
            if (st.eligible[j]) {
                kkt = Math.max(kkt, sep.subdifferentialDistance(j, b[j], st.grad[j + off]));
            }
        }
        st.kkt = kkt;
        st.gap = lassoGap ? dualityGap(sep, st) : 0.0;
    }

    /**
     * The Gaussian evaluation in covariance mode, without a pass over X: the datafit is quadratic in
     * beta, {@code F(beta) = F(0) + g0'beta + beta'(A'HA)beta / 2} and its gradient
     * {@code g0 + (A'HA) beta}, with {@code g0 = A'H(o - y)}, all formed once. The duality gap uses
     * the same sums: with residuals {@code r = y - eta}, {@code sum h r^2 = 2F} and
     * {@code sum h r (y - o) = 2F(0) + g0'beta}.
     */
    private void evaluateFromGram(SeparablePenalty sep, double[] b, double[] beta, EvaluationState st, boolean lassoGap) {
        int k = beta.length;
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
            double bc = beta[c];
            if (bc != 0) {
                int col = c * k;
                for (int r = 0; r < k; r++) {
                    v[r] += fullGram[col + r] * bc;
                }
            }
        }
        double linear = 0;
        double quad = 0;
        for (int r = 0; r < k; r++) {
            st.grad[r] = gradAtOffset[r] + v[r];
            linear += gradAtOffset[r] * beta[r];
            quad += beta[r] * v[r];
        }
        st.datafitValue = valueAtOffset + linear + 0.5 * quad;
        st.objective = st.datafitValue + sep.value(b);
        double kkt = intercept ? Math.abs(st.grad[0]) : 0.0;
        for (int j = 0; j < p; j++) {
            if (st.eligible[j]) {
                kkt = Math.max(kkt, sep.subdifferentialDistance(j, b[j], st.grad[j + off]));
            }
        }
        st.kkt = kkt;
        if (!lassoGap) {
            st.gap = 0.0;
            return;
        }
        double hs = intercept ? fullGram[0] : 0.0;
        double gbar = intercept && hs > 0 ? st.grad[0] / hs : 0.0;
        double s = 1.0;
        for (int j = 0; j < p; j++) {
            double t = sep.zeroThreshold(j);
            if (t <= 0 || !st.eligible[j]) {
                continue;
            }
            double xt = Math.abs(-st.grad[j + off] + gbar * hx[j]);
            if (xt > t) {
                s = Math.min(s, t / xt);
            }
        }
        // sum h (r + gbar)^2 and sum h (r + gbar)(y - o), with sum h r = -grad_0 (intercept) and sum h = hs
        double sumHr = intercept ? -st.grad[0] : 0.0;
        double squares = 2 * st.datafitValue + 2 * gbar * sumHr + gbar * gbar * hs;
        double cross = 2 * valueAtOffset + linear + gbar * weightedResponse;
        double dual = s * cross - 0.5 * s * s * squares;
        st.gap = Math.max(0.0, st.objective - dual);
    }

    /**
     * The duality gap of the Gaussian lasso {@code sum_i (h_i/2)(z_i - u_i)^2 + sum_j t_j |b_j|}
     * ({@code t_j = lambda v_j}): dual point {@code theta = s * (-g + h gbar)} (centered so that
     * {@code sum theta = 0} with an intercept, scaled by {@code s <= 1} into
     * {@code |x_j' theta| <= t_j}), dual value {@code sum_i theta_i z_i - theta_i^2 / (2 h_i)}.
     */
    private double dualityGap(SeparablePenalty sep, EvaluationState st) {
        double hs = 0;
        double gs = 0;
        for (int i = 0; i < n; i++) {
            hs += st.h[i];
            gs += st.g[i];
        }
        double gbar = intercept && hs > 0 ? gs / hs : 0.0;
        double s = 1.0;
        for (int j = 0; j < p; j++) {
            double t = sep.zeroThreshold(j);
            if (t <= 0 || !st.eligible[j]) {
                continue;
            }
            double xt = Math.abs(-st.grad[j + off] + gbar * hx[j]);
            if (xt > t) {
                s = Math.min(s, t / xt);
            }
        }
        double dual = 0;
        for (int i = 0; i < n; i++) {
            double hi = st.h[i];
            if (hi <= 0) {
                continue;
            }
            double theta = s * (-st.g[i] + hi * gbar);
            double z = st.eta[i] - offset[i] - st.g[i] / hi;
            dual += theta * z - theta * theta / (2 * hi);
        }
        return Math.max(0.0, st.objective - dual);
    }

    private static double l1Norm(double[] b) {
        double s = 0;
        for (double v : b) {
            s += Math.abs(v);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
