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
 * <p><b>Parameterisation.</b> With an intercept the slopes act on centred columns
 * {@code x~_j = x_j - m_j} ({@code m_j} the mean of x_j weighted by the datafit curvature at the
 * offset, i.e. the observation-weighted mean for the Gaussian and, with no offset, for the
 * binomial family), and the intercept of the centred model is {@code c0 = b0 + m'b}. This is a
 * reparameterisation only (the reported coefficients are for the original columns), but it
 * decouples the intercept from the slopes, as glmnet does.
 *
 * <p><b>Updates.</b> Each outer iteration expands the datafit to second order at the current
 * linear predictor, {@code D(eta + d) ~ D(eta) + g'd + (1/2) d' diag(h) d}, and runs coordinate
 * descent on that model: slope j gets
 * {@code b_j <- coordinateMinimizer(j, x~_j' q + H_j b_j, H_j)} with
 * {@code q = -g - h * (change of eta)} (the curvature-weighted working residual) and
 * {@code H_j = sum_i h_i x~_ij^2}; the intercept gets the exact Newton step {@code sum q / sum h}
 * after every pass.
 * <ul>
 *   <li><b>Naive</b>: a centred column-major copy of X on the Java heap; an update costs O(n).</li>
 *   <li><b>Covariance</b> (quadratic datafit): the centred weighted Gram {@code G = X~' H X~} is
 *       formed once by one SYRK (for dense designs this costs less than forming its columns as
 *       variables enter) and the gradient {@code gamma = X~' H r} is kept up to date by
 *       {@code gamma -= G_{.j} d}: an update costs O(p), independent of n.</li>
 * </ul>
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
    private final boolean covariance;
    private final double[] means;
    private final double[] xc;
    private final double[] gram;
    private final double[] hConst;
    private final double[] hjCache;
    private final double[] hx;
    private final double gradScale;
    /** Gaussian covariance mode: A'HA (k x k), A'H(o - y), F(offset) and sum h (y - o), for evaluations without X. */
    private final double[] fullGram;
    private final double[] gradAtOffset;
    private final double valueAtOffset;
    private final double weightedResponse;

    /**
     * Prepares the data: centring means, the centred copy of X (naive) or the Gram
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
        this.hConst = quadratic ? h0 : null;
        boolean cov = switch (settings.mode()) {
            case AUTO -> quadratic && p > 0 && n > p && p <= 2000;
            case COVARIANCE -> {
                if (!quadratic) {
                    throw new IllegalArgumentException("covariance updates need a quadratic datafit, got "
                            + datafit.name());
                }
                yield true;
            }
            case NAIVE -> false;
        };
        this.covariance = cov;
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
        if (cov) {
            Matrix full = design.weightedGram(h0);
            fullStore = full.toColumnMajor();
            double[] gm = new double[p * p];
            if (intercept) {
                double s00 = full.get(0, 0);
                double[] s0 = new double[p];
                for (int j = 0; j < p; j++) {
                    s0[j] = full.get(0, j + 1);
                    means[j] = s00 > 0 ? s0[j] / s00 : 0.0;
                    hx[j] = s0[j];
                }
                for (int k = 0; k < p; k++) {
                    for (int j = 0; j < p; j++) {
                        gm[j + k * p] = full.get(j + 1, k + 1) - (s00 > 0 ? s0[j] * s0[k] / s00 : 0.0);
                    }
                }
            } else {
                for (int k = 0; k < p; k++) {
                    for (int j = 0; j < p; j++) {
                        gm[j + k * p] = full.get(j, k);
                    }
                }
            }
            this.gram = gm;
            this.xc = null;
            this.hjCache = null;
        } else {
            long len = (long) n * p;
            if (len > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("naive coordinate descent keeps a copy of X; " + n + " x " + p
                        + " is too large for one Java array (use covariance updates for a Gaussian fit)");
            }
            double[] copy = new double[(int) len];
            if (len > 0) {
                NativeArrays.pointer(design.x()).get(copy);
            }
            if (intercept) {
                for (int j = 0; j < p; j++) {
                    double m = means[j];
                    int col = j * n;
                    for (int i = 0; i < n; i++) {
                        copy[col + i] -= m;
                    }
                }
            }
            this.xc = copy;
            this.gram = null;
            this.hjCache = quadratic ? filledNaN(p) : null;
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
        this.valueAtOffset = cov ? datafit.value(this.offset.clone()) : Double.NaN;
        double hy = 0;
        for (int i = 0; i < n; i++) {
            hy -= g0[i];
        }
        this.weightedResponse = hy;
    }

    private static double[] filledNaN(int len) {
        double[] a = new double[len];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Whether the Gram (covariance) updates are used. */
    public boolean usesCovarianceUpdates() {
        return covariance;
    }

    /** The scale of the relative KKT tolerance: the largest centred slope gradient at the offset. */
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
     * Minimises {@code D(offset + A beta) + P(b)} from {@code start}.
     *
     * @param penalty a separable penalty on the p slopes
     * @param start coefficients (intercept first), or null for zeros
     * @param eligible the slopes coordinate descent may move (the strong set of a path), or null
     *     for all; the others keep their start values
     */
    public Fit solve(Penalty penalty, double[] start, boolean[] eligible) {
        return solve(penalty, start, eligible, settings.tolerance());
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
     * Gram or the centred copy of X.
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

        State st = new State(n, k, elig);
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
                reason = StopReason.CONVERGED_OBJECTIVE_CHANGE;
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
            } else {
                innerTol = Math.max(0.5 * tolAbs, 0.01 * st.kkt);
            }
            double[] bOld = b.clone();
            double c0Old = c0[0];
            double fOld = st.objective;
            int budget = settings.maxPasses() - passes;
            int used = covariance
                    ? innerCovariance(sep, b, c0, st, elig, innerTol, budget, rec, passes)
                    : innerNaive(sep, b, c0, st, elig, innerTol, budget, rec, passes);
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
     * The slope gradient of the centred parameterisation, {@code x~_j' g = (A'g)_j - m_j (A'g)_0}:
     * equal to {@code (A'g)_j} when the intercept is optimal, and insensitive to first order to an
     * error in the intercept (used for lambda_max and the strong rule).
     */
    public double[] centredSlopeGradient(double[] gradient) {
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = gradient[j + off] - (intercept ? means[j] * gradient[0] : 0.0);
        }
        return out;
    }

    private String message(StopReason reason, State st, double tolAbs, int passes, int outer, boolean gap) {
        String base = String.format(Locale.ROOT, "KKT violation %.3g (tolerance %.3g = %.3g x gradient scale %.3g)%s"
                        + " after %d passes in %d outer iterations", st.kkt, tolAbs, tolAbs / gradScale, gradScale,
                gap ? String.format(Locale.ROOT, ", duality gap %.3g", st.gap) : "", passes, outer);
        return switch (reason) {
            case CONVERGED_OPTIMALITY -> "converged: " + base;
            case CONVERGED_OBJECTIVE_CHANGE -> "converged to rounding precision (3 outer iterations changed neither"
                    + " the objective nor the KKT violation; the tolerance is below the rounding floor): " + base;
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

    /** Mutable evaluation state at the current iterate. */
    private static final class State {
        final double[] eta;
        final double[] g;
        final double[] h;
        final double[] grad;
        final double[] beta;
        double objective;
        double datafitValue;
        double kkt;
        double gap;
        final boolean[] eligible;

        State(int n, int k, boolean[] eligible) {
            this.eligible = eligible;
            eta = new double[n];
            g = new double[n];
            h = new double[n];
            grad = new double[k];
            beta = new double[k];
        }
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
    private State cached;

    private void evaluate(Problem prob, SeparablePenalty sep, double[] b, double c0, State st, boolean lassoGap) {
        double[] beta = toBeta(b, c0);
        System.arraycopy(beta, 0, st.beta, 0, beta.length);
        if (fullGram != null) {
            evaluateFromGram(sep, b, beta, st, lassoGap);
            return;
        }
        if (cached != null && c0 == cachedC0 && Arrays.equals(b, cachedB)) {
            System.arraycopy(cached.eta, 0, st.eta, 0, n);
            System.arraycopy(cached.g, 0, st.g, 0, n);
            System.arraycopy(cached.h, 0, st.h, 0, n);
            System.arraycopy(cached.grad, 0, st.grad, 0, st.grad.length);
            st.datafitValue = cached.datafitValue;
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
                cached = new State(n, st.grad.length, st.eligible);
            }
            System.arraycopy(st.eta, 0, cached.eta, 0, n);
            System.arraycopy(st.g, 0, cached.g, 0, n);
            System.arraycopy(st.h, 0, cached.h, 0, n);
            System.arraycopy(st.grad, 0, cached.grad, 0, st.grad.length);
            cached.datafitValue = st.datafitValue;
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
    private void evaluateFromGram(SeparablePenalty sep, double[] b, double[] beta, State st, boolean lassoGap) {
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
     * ({@code t_j = lambda v_j}): dual point {@code theta = s * (-g + h gbar)} (centred so that
     * {@code sum theta = 0} with an intercept, scaled by {@code s <= 1} into
     * {@code |x_j' theta| <= t_j}), dual value {@code sum_i theta_i z_i - theta_i^2 / (2 h_i)}.
     */
    private double dualityGap(SeparablePenalty sep, State st) {
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

    // ---------------------------------------------------------------- naive updates

    private double columnCurvature(int j, double[] h, double[] cache) {
        double v = cache[j];
        if (Double.isNaN(v)) {
            int col = j * n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double x0 = xc[col + i];
                double x1 = xc[col + i + 1];
                double x2 = xc[col + i + 2];
                double x3 = xc[col + i + 3];
                s0 += h[i] * x0 * x0;
                s1 += h[i + 1] * x1 * x1;
                s2 += h[i + 2] * x2 * x2;
                s3 += h[i + 3] * x3 * x3;
            }
            for (; i < n; i++) {
                double x = xc[col + i];
                s0 += h[i] * x * x;
            }
            double s = (s0 + s1) + (s2 + s3);
            cache[j] = s;
            v = s;
        }
        return v;
    }

    /**
     * {@code x_j' q} on the centred copy of X, with four partial sums: the JIT does not reorder a
     * floating-point reduction, so independent accumulators are what lets the loop pipeline.
     */
    private double columnDot(double[] q, int j) {
        int col = j * n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += q[i] * xc[col + i];
            s1 += q[i + 1] * xc[col + i + 1];
            s2 += q[i + 2] * xc[col + i + 2];
            s3 += q[i + 3] * xc[col + i + 3];
        }
        for (; i < n; i++) {
            s0 += q[i] * xc[col + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private int innerNaive(SeparablePenalty sep, double[] b, double[] c0, State st, boolean[] elig, double tol,
                           int budget, Trace.Recorder rec, int passesBefore) {
        double[] h = st.h;
        double[] g = st.g;
        double[] q = new double[n];
        double hs = 0;
        for (int i = 0; i < n; i++) {
            q[i] = -g[i];
            hs += h[i];
        }
        double[] hj = quadratic ? hjCache : filledNaN(p);
        boolean[] inActive = new boolean[p];
        int[] active = new int[p];
        int nActive = 0;
        for (int j = 0; j < p; j++) {
            if (elig[j] && b[j] != 0) {
                inActive[j] = true;
                active[nActive++] = j;
            }
        }
        double d0 = st.datafitValue;
        int passes = 0;
        boolean full = true;
        while (passes < budget) {
            double viol = 0;
            int count = full ? p : nActive;
            for (int idx = 0; idx < count; idx++) {
                int j = full ? idx : active[idx];
                if (!elig[j]) {
                    continue;
                }
                double hjj = columnCurvature(j, h, hj);
                if (!(hjj > 0)) {
                    continue;
                }
                double gr = columnDot(q, j);
                double bj = b[j];
                viol = Math.max(viol, sep.subdifferentialDistance(j, bj, -gr));
                double bn = sep.coordinateMinimizer(j, gr + hjj * bj, hjj);
                double d = bn - bj;
                if (d != 0) {
                    int col = j * n;
                    for (int i = 0; i < n; i++) {
                        q[i] -= h[i] * xc[col + i] * d;
                    }
                    b[j] = bn;
                    if (!inActive[j]) {
                        inActive[j] = true;
                        active[nActive++] = j;
                    }
                }
            }
            if (intercept && hs > 0) {
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    sq += q[i];
                }
                viol = Math.max(viol, Math.abs(sq));
                double dc = sq / hs;
                if (dc != 0) {
                    c0[0] += dc;
                    for (int i = 0; i < n; i++) {
                        q[i] -= h[i] * dc;
                    }
                }
            }
            passes++;
            double model = d0;
            for (int i = 0; i < n; i++) {
                if (h[i] > 0) {
                    model += (q[i] * q[i] - g[i] * g[i]) / (2 * h[i]);
                }
            }
            rec.record(passesBefore + passes, model + sep.value(b), viol, Double.NaN);
            if (viol <= tol) {
                if (full) {
                    break;
                }
                full = true;
            } else {
                full = false;
            }
        }
        return passes;
    }

    // ---------------------------------------------------------------- covariance updates

    private int innerCovariance(SeparablePenalty sep, double[] b, double[] c0, State st, boolean[] elig, double tol,
                                int budget, Trace.Recorder rec, int passesBefore) {
        double hs = 0;
        for (int i = 0; i < n; i++) {
            hs += hConst[i];
        }
        double[] grad = st.grad;
        double dataValue = st.datafitValue;
        if (intercept && hs > 0) {
            c0[0] -= grad[0] / hs;
            dataValue -= grad[0] * grad[0] / (2 * hs);
        }
        double[] gamma = new double[p];
        for (int j = 0; j < p; j++) {
            gamma[j] = -(grad[j + off] - (intercept ? means[j] * grad[0] : 0.0));
        }
        double[] gamma0 = gamma.clone();
        double[] b0 = b.clone();
        boolean[] inActive = new boolean[p];
        int[] active = new int[p];
        int nActive = 0;
        for (int j = 0; j < p; j++) {
            if (elig[j] && b[j] != 0) {
                inActive[j] = true;
                active[nActive++] = j;
            }
        }
        int passes = 0;
        boolean full = true;
        Anderson anderson = new Anderson(p);
        while (passes < budget) {
            double viol = 0;
            int count = full ? p : nActive;
            for (int idx = 0; idx < count; idx++) {
                int j = full ? idx : active[idx];
                if (!elig[j]) {
                    continue;
                }
                int col = j * p;
                double gjj = gram[col + j];
                if (!(gjj > 0)) {
                    continue;
                }
                double bj = b[j];
                double gr = gamma[j];
                viol = Math.max(viol, sep.subdifferentialDistance(j, bj, -gr));
                double bn = sep.coordinateMinimizer(j, gr + gjj * bj, gjj);
                double d = bn - bj;
                if (d != 0) {
                    for (int m = 0; m < p; m++) {
                        gamma[m] -= gram[col + m] * d;
                    }
                    b[j] = bn;
                    if (!inActive[j]) {
                        inActive[j] = true;
                        active[nActive++] = j;
                    }
                }
            }
            passes++;
            if (!full && viol > tol && anderson.record(b, active, nActive)) {
                extrapolate(sep, anderson, b, gamma, active, nActive);
            }
            double change = 0;
            for (int idx = 0; idx < nActive; idx++) {
                int j = active[idx];
                double db = b[j] - b0[j];
                change -= 0.5 * db * (gamma0[j] + gamma[j]);
            }
            rec.record(passesBefore + passes, dataValue + change + sep.value(b), viol, Double.NaN);
            if (viol <= tol) {
                if (full) {
                    break;
                }
                full = true;
            } else {
                full = false;
            }
        }
        return passes;
    }

    /**
     * Anderson extrapolation of the active-set passes (as skglm does for coordinate descent): from
     * the last {@value Anderson#DEPTH} + 1 iterates, the affine combination {@code sum c_i b_i}
     * ({@code sum c_i = 1}) that minimises the norm of the combined pass-to-pass differences. On a
     * quadratic (the Gaussian covariance mode) the objective change of a move {@code d} is exactly
     * {@code -gamma'd + d'Gd/2 + P(b + d) - P(b)}, so the extrapolated point is accepted only when
     * it lowers the objective; either way the iterates stay valid coordinate-descent iterates.
     */
    private void extrapolate(SeparablePenalty sep, Anderson anderson, double[] b, double[] gamma, int[] active,
                             int nActive) {
        double[] target = anderson.extrapolate(active, nActive);
        if (target == null) {
            return;
        }
        double[] d = new double[nActive];
        double[] moved = b.clone();
        boolean any = false;
        for (int idx = 0; idx < nActive; idx++) {
            int j = active[idx];
            d[idx] = target[idx] - b[j];
            moved[j] = target[idx];
            any |= d[idx] != 0;
        }
        if (!any) {
            return;
        }
        double[] gd = new double[p];
        for (int idx = 0; idx < nActive; idx++) {
            double dj = d[idx];
            if (dj != 0) {
                int col = active[idx] * p;
                for (int m = 0; m < p; m++) {
                    gd[m] += gram[col + m] * dj;
                }
            }
        }
        double change = sep.value(moved) - sep.value(b);
        for (int idx = 0; idx < nActive; idx++) {
            int j = active[idx];
            change += -gamma[j] * d[idx] + 0.5 * d[idx] * gd[j];
        }
        if (change < 0) {
            System.arraycopy(moved, 0, b, 0, p);
            for (int m = 0; m < p; m++) {
                gamma[m] -= gd[m];
            }
        }
        anderson.reset();
    }

    /** The history of active-set iterates for {@link #extrapolate}. */
    private static final class Anderson {
        static final int DEPTH = 5;
        private final double[][] iterates = new double[DEPTH + 1][];
        private final int p;
        private int stored;

        Anderson(int p) {
            this.p = p;
        }

        /** Stores a copy of b; true when {@value #DEPTH} + 1 iterates are at hand. */
        boolean record(double[] b, int[] active, int nActive) {
            iterates[stored++] = b.clone();
            return stored == DEPTH + 1;
        }

        void reset() {
            stored = 0;
        }

        /** The extrapolated active coordinates, or null when the small system is singular. */
        double[] extrapolate(int[] active, int nActive) {
            double[][] u = new double[DEPTH][nActive];
            for (int k = 0; k < DEPTH; k++) {
                for (int idx = 0; idx < nActive; idx++) {
                    int j = active[idx];
                    u[k][idx] = iterates[k + 1][j] - iterates[k][j];
                }
            }
            double[] c = new double[DEPTH * DEPTH];
            double trace = 0;
            for (int a = 0; a < DEPTH; a++) {
                for (int bb = 0; bb <= a; bb++) {
                    double v = dot(u[a], u[bb]);
                    c[a + bb * DEPTH] = v;
                    c[bb + a * DEPTH] = v;
                }
                trace += c[a + a * DEPTH];
            }
            if (!(trace > 0)) {
                return null;
            }
            for (int a = 0; a < DEPTH; a++) {
                c[a + a * DEPTH] += 1e-10 * trace;
            }
            double[] z;
            try {
                double[] ones = new double[DEPTH];
                java.util.Arrays.fill(ones, 1.0);
                z = dev.argmax.core.linalg.Cholesky.factor(
                        dev.argmax.core.linalg.Matrix.fromColumnMajor(DEPTH, DEPTH, c)).solve(ones);
            } catch (dev.argmax.core.linalg.NotPositiveDefiniteException e) {
                return null;
            }
            double sum = 0;
            for (double v : z) {
                sum += v;
            }
            if (!(Math.abs(sum) > 0) || !Double.isFinite(sum)) {
                return null;
            }
            double[] out = new double[nActive];
            for (int k = 0; k < DEPTH; k++) {
                double w = z[k] / sum;
                for (int idx = 0; idx < nActive; idx++) {
                    out[idx] += w * iterates[k + 1][active[idx]];
                }
            }
            return out;
        }
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
