package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.GroupSeparablePenalty;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinate descent for a datafit with a vector-valued linear predictor ({@code m > 1} columns,
 * the multinomial logit) or a penalty separable over groups of slopes (glmnet's multinomial
 * {@code type.multinomial = "ungrouped"} and {@code "grouped"}): a proximal Newton method on the
 * block Hessian of all m columns, whose model is minimized by coordinate descent.
 *
 * <p>Each outer iteration expands the datafit to second order with the Hessian blocks of every
 * pair of columns on the intercepts and the eligible slopes' predictors
 * ({@link Design#weightedCrossProducts(double[][], int[])}: {@code B' diag(h_cd) B},
 * {@code B = [1, X_S]}, by SYRK on those columns only), eliminates the intercepts exactly (their
 * block is inverted on its range, which in the symmetric parametrization excludes the common
 * shift), and minimizes the model plus the penalty over the eligible slopes: coordinate by
 * coordinate for a separable penalty ({@link GramCoordinateDescent}), each group moved to its
 * exact block minimizer for a group penalty ({@link GroupGramDescent}); then it halves the step
 * until the objective decreases. When the loss depends only on differences between columns
 * ({@link Datafit#invariantToCommonShift()}, glmnet's symmetric parametrization) and the penalty
 * is separable, each accepted step ends by moving every predictor's m coefficients by the common
 * shift that minimizes the penalty (the loss and its gradient do not change; for the lasso this
 * is glmnet's move of the median to 0).
 *
 * <p><b>Hessian reuse.</b> The Hessian blocks are kept between outer iterations and from lambda
 * to lambda of a path (a variable-metric proximal Newton method: with the exact gradient any
 * positive semi-definite model gives a descent direction, which step halving turns into a
 * decrease), and formed again when a step needed halving, when an outer iteration short of the
 * target reduced the KKT violation by less than a factor {@value #HESSIAN_CONTRACTION}, or when
 * the eligible slopes use a predictor they were not formed on (they are formed on the eligible
 * predictors plus a margin of the next most likely ones). A formation (m(m+1)/2 weighted
 * cross products, O(n |S|^2 m^2 / 2)) costs as much as dozens of evaluations, so the path's time
 * follows the number of formations: measured on 100,000 x 100, K = 5, a 100-lambda ungrouped path
 * at glmnet's KKT violation forms them 9 (Toeplitz 0.9 design) to 14 (iid) times, with 67 to 73
 * outer iterations in all; glmnet's alternative for the ungrouped lasso, a partial Newton step
 * per class (the other classes held fixed), needed 12 to 30 cycles over the classes per lambda at
 * a tolerance of 1e-9 and was three to five times slower here.
 *
 * <p>With no eligible slope and every slope at 0 (the null model of a path) only the intercepts
 * move and the linear predictor is the offset plus the intercepts: they are fitted by Newton's
 * method on the m intercepts alone, with no pass over X and no formation.
 *
 * <p>Either way the run stops when the largest KKT violation over the intercepts and the eligible
 * slopes ({@link Problem#kktViolation} restricted to them), computed from the exact gradient, is
 * at most {@code tolerance * scale}, with {@code scale = max_{c,j} |sum_i (x_ij - xbar_j) g_ic|} at
 * the offset ({@code xbar} the observation-weighted means; for the multinomial with no offset this
 * is {@code lambda_max} of the ungrouped lasso). Three outer iterations that change neither the
 * objective nor the violation (a tolerance below rounding) stop it as converged to rounding.
 * The reported time runs from {@code clockStart}, so it includes everything built for the solve.
 * The evaluation at the end of a solve is kept, so that the next solve of a path, which starts
 * there, does not pass over the data again to evaluate its start.
 *
 * <p>Not thread-safe; use one instance per thread.
 */
public final class BlockCoordinateDescent {

    private static final Logger LOG = LoggerFactory.getLogger(BlockCoordinateDescent.class);

    /** Required KKT reduction per outer iteration with kept Hessian blocks (else they are formed again). */
    static final double HESSIAN_CONTRACTION = ProximalNewtonUpdates.CONTRACTION;

    /**
     * A slope at zero stays at zero in the model's minimization while its model violation is at
     * most this fraction of the outer target. With the whole target as the threshold, a slope whose
     * model violation sits just under it could end the step with an exact violation just over it
     * (the model is second order, the common shift moves the coefficients after the step), and
     * every later step would leave it at zero again: on the Toeplitz 100,000 x 100 path at glmnet's
     * violation one lambda made 98 outer iterations of 1e-9 decreases, each forming the Hessian.
     */
    static final double ACTIVATION = 0.5;

    private final Design design;
    private final Datafit datafit;
    private final double[] offset;
    private final CoordinateDescent.Settings settings;
    private final int n;
    private final int p;
    private final int k;
    private final int m;
    private final int off;
    private final double gradScale;

    /** The evaluation at one iterate. */
    private static final class State {
        double[] beta;
        double[] eta;
        double[] grad;
        double datafitValue;
        double objective;
        double kkt;
    }

    /**
     * @param design the design operator
     * @param datafit a datafit with any number of predictor columns
     * @param offset the offset (length n m), or null
     * @param settings tolerance, pass cap (the mode is not used)
     */
    public BlockCoordinateDescent(Design design, Datafit datafit, double[] offset, CoordinateDescent.Settings settings) {
        this.design = design;
        this.datafit = datafit;
        this.n = design.rows();
        this.p = design.predictors();
        this.k = design.coefficients();
        this.m = datafit.predictorColumns();
        this.off = design.firstSlope();
        if (datafit.size() != n) {
            throw new IllegalArgumentException("datafit has " + datafit.size() + " observations, design " + n);
        }
        this.offset = offset == null ? new double[n * m] : offset.clone();
        if (this.offset.length != n * m) {
            throw new IllegalArgumentException("offset has length " + this.offset.length + ", expected " + n * m);
        }
        this.settings = settings;
        this.gradScale = scale();
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

    public CoordinateDescent.Settings settings() {
        return settings;
    }

    /** The scale of the relative KKT tolerance (see the class comment). */
    public double gradientScale() {
        return gradScale;
    }

    private double scale() {
        double[] g = new double[n * m];
        datafit.gradient(offset.clone(), g);
        double[] w = datafit.normalizedWeights().map(a -> Arrays.copyOf(a, n)).orElse(null);
        if (w == null) {
            w = new double[n];
            Arrays.fill(w, 1.0 / n);
        }
        double[] means = new double[k];
        design.transposeMultiply(w, means);
        double ws = 0;
        for (double v : w) {
            ws += v;
        }
        double[] column = new double[n];
        double[] block = new double[k];
        double best = 0;
        double interceptBest = 0;
        for (int c = 0; c < m; c++) {
            System.arraycopy(g, c * n, column, 0, n);
            design.transposeMultiply(column, block);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += column[i];
            }
            interceptBest = Math.max(interceptBest, Math.abs(sum));
            for (int j = 0; j < p; j++) {
                double xbar = ws > 0 ? means[j + off] / ws : 0.0;
                best = Math.max(best, Math.abs(block[j + off] - xbar * sum));
            }
        }
        if (!(best > 0) || !Double.isFinite(best)) {
            best = interceptBest > 0 && Double.isFinite(interceptBest) ? interceptBest : 1.0;
        }
        return best;
    }

    /**
     * Minimizes {@code D(offset + A beta) + P(b)} from {@code start}.
     *
     * @param penalty a separable penalty or a group-separable one on the m p slopes
     * @param start coefficients (m blocks, intercept first in each), or null for zeros
     * @param eligible the slopes (length m p, penalty order) that may move, or null for all; a group
     *     moves when all its slopes are eligible; the others keep their start values and the KKT
     *     violation is that of the restricted problem
     * @param tolerance KKT tolerance relative to {@link #gradientScale()}
     * @param clockStart a {@link System#nanoTime()} reading: the reported time runs from it
     */
    public CoordinateDescentWorkspace.Fit solve(Penalty penalty, double[] start, boolean[] eligible, double tolerance,
                                                long clockStart) {
        Trace.Recorder rec = new Trace.Recorder(clockStart);
        Problem prob = new Problem(design, datafit, penalty, offset);
        int dim = prob.coefficients();
        int slopes = prob.slopeCount();
        double[] beta = start == null ? new double[dim] : start.clone();
        if (beta.length != dim) {
            throw new IllegalArgumentException("start has length " + beta.length + ", expected " + dim);
        }
        boolean[] elig = eligible == null ? filled(slopes) : eligible.clone();
        if (elig.length != slopes) {
            throw new IllegalArgumentException("eligible has length " + elig.length + ", expected " + slopes);
        }
        double tolAbs = tolerance * gradScale;
        if (penalty instanceof SeparablePenalty sep) {
            return run(prob, sep, null, beta, elig, tolAbs, rec);
        }
        if (penalty instanceof GroupSeparablePenalty grp) {
            return run(prob, null, grp, beta, elig, tolAbs, rec);
        }
        throw new IncompatibleSolverException("solver 'cd' needs a penalty separable over coordinates or over groups; "
                + penalty.name() + " is neither");
    }

    private CoordinateDescentWorkspace.Fit run(Problem prob, SeparablePenalty sep, GroupSeparablePenalty grp,
                                               double[] beta, boolean[] elig, double tolAbs, Trace.Recorder rec) {
        Penalty penalty = sep != null ? sep : grp;
        State st = interceptsOnly(beta, elig) ? interceptNewton(prob, penalty, beta, elig, tolAbs)
                : evaluate(prob, penalty, beta, elig);
        int passes = 0;
        int outer = 0;
        int stalled = 0;
        StopReason reason;
        while (true) {
            if (!Double.isFinite(st.objective)) {
                reason = StopReason.NON_FINITE;
                break;
            }
            if (st.kkt <= tolAbs) {
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
            double fOld = st.objective;
            double kktOld = st.kkt;
            int budget = settings.maxPasses() - passes;
            int[] used = new int[1];
            State next = newtonStep(prob, penalty, st, elig, tolAbs, budget, used);
            passes += used[0];
            if (next == null) {
                reason = StopReason.LINE_SEARCH_FAILED;
                break;
            }
            st = next;
            rec.record(outer, st.objective, st.kkt, Double.NaN);
            boolean noDecrease = st.objective >= fOld - 4 * Math.ulp(Math.abs(fOld));
            stalled = noDecrease && st.kkt > 0.9 * kktOld ? stalled + 1 : 0;
        }
        String how = sep != null ? "block proximal Newton, coordinate descent per coefficient"
                : "block proximal Newton, block updates over groups";
        String base = String.format(Locale.ROOT, "KKT violation %.3g (tolerance %.3g = %.3g x gradient scale %.3g)"
                + " after %d passes in %d outer iterations (%s)", st.kkt, tolAbs, tolAbs / gradScale, gradScale, passes,
                outer, how);
        String message = switch (reason) {
            case CONVERGED_OPTIMALITY -> "converged: " + base;
            case CONVERGED_OBJECTIVE_CHANGE -> "converged to rounding precision (3 outer iterations changed neither"
                    + " the objective nor the KKT violation; the tolerance is below the rounding floor): " + base;
            case MAX_ITERATIONS -> "pass cap " + settings.maxPasses() + " reached: " + base;
            case LINE_SEARCH_FAILED -> "step halving could not decrease the objective: " + base;
            default -> "the objective is not finite: " + base;
        };
        if (!reason.converged()) {
            LOG.warn("coordinate descent did not converge for {}: {}", penalty.name(), message);
        }
        SolverResult result = new SolverResult("cd", st.beta, st.objective, st.kkt, passes, reason, message,
                rec.toTrace(), rec.elapsedNanos());
        return new CoordinateDescentWorkspace.Fit(result, st.grad.clone());
    }

    /**
     * Moves each predictor's m coefficients by the common shift t that minimizes
     * {@code phi(t) = sum_c P_{c p + j}(b_cj - t)} (the loss does not change): phi is evaluated at
     * t = 0 and at every {@code b_cj} (its kinks), and golden-section search refines the best of
     * them over its two neighbouring intervals; a move is made only when it lowers phi beyond
     * rounding. The intercepts are centered to sum 0, which changes nothing.
     */
    private void shift(SeparablePenalty sep, double[] beta) {
        double[] b = new double[m];
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < m; c++) {
                b[c] = beta[c * k + off + j];
            }
            double t = bestShift(sep, j, b);
            if (t != 0) {
                for (int c = 0; c < m; c++) {
                    beta[c * k + off + j] = b[c] - t;
                }
            }
        }
        if (off == 1) {
            double mean = 0;
            for (int c = 0; c < m; c++) {
                mean += beta[c * k] / m;
            }
            for (int c = 0; c < m; c++) {
                beta[c * k] -= mean;
            }
        }
    }

    private double bestShift(SeparablePenalty sep, int j, double[] b) {
        double[] points = new double[m + 1];
        System.arraycopy(b, 0, points, 0, m);
        Arrays.sort(points, 0, m);
        double phi0 = phi(sep, j, b, 0.0);
        double best = 0.0;
        double bestPhi = phi0;
        int bestIdx = -1;
        for (int c = 0; c < m; c++) {
            double v = phi(sep, j, b, points[c]);
            if (v < bestPhi) {
                bestPhi = v;
                best = points[c];
                bestIdx = c;
            }
        }
        double[] lefts = new double[2];
        double[] rights = new double[2];
        int intervals = 0;
        if (bestIdx >= 0) {
            if (bestIdx > 0) {
                lefts[intervals] = points[bestIdx - 1];
                rights[intervals++] = points[bestIdx];
            }
            if (bestIdx < m - 1) {
                lefts[intervals] = points[bestIdx];
                rights[intervals++] = points[bestIdx + 1];
            }
        } else if (points[0] < 0 && points[m - 1] > 0) {
            int r = 0;
            while (points[r] <= 0) {
                r++;
            }
            lefts[intervals] = points[r - 1];
            rights[intervals++] = points[r];
        }
        for (int q = 0; q < intervals; q++) {
            double lo = lefts[q];
            double hi = rights[q];
            double gr = 0.5 * (Math.sqrt(5) - 1);
            double x1 = hi - gr * (hi - lo);
            double x2 = lo + gr * (hi - lo);
            double f1 = phi(sep, j, b, x1);
            double f2 = phi(sep, j, b, x2);
            for (int it = 0; it < 80 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); it++) {
                if (f1 <= f2) {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - gr * (hi - lo);
                    f1 = phi(sep, j, b, x1);
                } else {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + gr * (hi - lo);
                    f2 = phi(sep, j, b, x2);
                }
            }
            double x = f1 <= f2 ? x1 : x2;
            double fx = Math.min(f1, f2);
            if (fx < bestPhi - 1e-12 * Math.abs(bestPhi)) {
                bestPhi = fx;
                best = x;
            }
        }
        return bestPhi < phi0 - 1e-14 * Math.abs(phi0) ? best : 0.0;
    }

    private double phi(SeparablePenalty sep, int j, double[] b, double t) {
        double s = 0;
        for (int c = 0; c < m; c++) {
            s += sep.value(c * p + j, b[c] - t);
        }
        return s;
    }

    /**
     * One block proximal-Newton step (see the class comment); null when no step decreases the
     * objective, even with the Hessian blocks formed at the current point. The first trial step
     * costs one pass over the data for the linear predictor; a halved one none (the linear
     * predictor is affine in the step), and the gradient is computed for the accepted step only.
     */
    private State newtonStep(Problem prob, Penalty penalty, State st, boolean[] elig, double tolAbs,
                            int budget, int[] used) {
        GroupSeparablePenalty grp = penalty instanceof GroupSeparablePenalty g0 ? g0 : null;
        SeparablePenalty sep = penalty instanceof SeparablePenalty s0 ? s0 : null;
        int[][] penaltyGroups = grp != null ? grp.groups() : new int[0][];
        List<int[]> localGroups = new ArrayList<>();
        List<Integer> groupIds = new ArrayList<>();
        List<Integer> coords = new ArrayList<>();
        List<Integer> slopeIds = new ArrayList<>();
        if (sep != null) {
            for (int j = 0; j < prob.slopeCount(); j++) {
                if (elig[j]) {
                    coords.add(prob.slopeIndex(j));
                    slopeIds.add(j);
                }
            }
        }
        for (int q = 0; q < penaltyGroups.length; q++) {
            int[] g = penaltyGroups[q];
            boolean all = true;
            for (int j : g) {
                all &= elig[j];
            }
            if (!all) {
                continue;
            }
            int[] local = new int[g.length];
            for (int i = 0; i < g.length; i++) {
                local[i] = coords.size();
                coords.add(prob.slopeIndex(g[i]));
            }
            localGroups.add(local);
            groupIds.add(q);
        }
        int qd = coords.size();
        int m0 = off == 1 ? m : 0;
        int[] inter = new int[m0];
        for (int c = 0; c < m0; c++) {
            inter[c] = c * k;
        }
        boolean[] needed = new boolean[p];
        for (int idx : coords) {
            needed[idx % k - off] = true;
        }
        if (hessianStale || hessianBlocks == null || !hessianBlocks.covers(needed)) {
            hessianBlocks = formHessianBlocks(prob, st, needed, inter);
            hessianStale = false;
        }
        HessianBlocks h = hessianBlocks;
        double[] g = st.grad;
        double[][] pinv = h.interceptInverse;
        double[][] hs0 = new double[qd][m0];
        for (int a = 0; a < qd; a++) {
            for (int c = 0; c < m0; c++) {
                hs0[a][c] = h.get(coords.get(a), inter[c]);
            }
        }
        double[] g0 = new double[m0];
        for (int c = 0; c < m0; c++) {
            g0[c] = g[inter[c]];
        }
        // hs0 P, then S = Hss - Hs0 P H0s and the reduced gradient gs - Hs0 P g0
        double[][] hp = new double[qd][m0];
        for (int a = 0; a < qd; a++) {
            for (int c = 0; c < m0; c++) {
                double v = 0;
                for (int d = 0; d < m0; d++) {
                    v += hs0[a][d] * pinv[d][c];
                }
                hp[a][c] = v;
            }
        }
        double[] s = new double[qd * qd];
        double[] gamma = new double[qd];
        double[] v = new double[qd];
        for (int a = 0; a < qd; a++) {
            int ca = coords.get(a);
            double red = g[ca];
            for (int c = 0; c < m0; c++) {
                red -= hp[a][c] * g0[c];
            }
            gamma[a] = -red;
            v[a] = st.beta[ca];
            for (int b = 0; b <= a; b++) {
                double val = h.get(ca, coords.get(b));
                for (int c = 0; c < m0; c++) {
                    val -= hp[a][c] * hs0[b][c];
                }
                s[a + b * qd] = val;
                s[b + a * qd] = val;
            }
        }
        double[] before = v.clone();
        double innerTol = Math.max(0.1 * tolAbs, 1e-3 * st.kkt);
        GramCoordinateDescent.Outcome o;
        if (grp != null) {
            GroupGramDescent descent = new GroupGramDescent(s, qd, localGroups.toArray(new int[0][]),
                    groupIds.stream().mapToInt(Integer::intValue).toArray());
            o = descent.minimize(grp, v, gamma, innerTol, ACTIVATION * tolAbs, Math.max(1, budget));
        } else {
            GramCoordinateDescent descent = new GramCoordinateDescent(s, qd,
                    slopeIds.stream().mapToInt(Integer::intValue).toArray());
            o = descent.minimize(sep, v, gamma, null, innerTol, ACTIVATION * tolAbs, Math.max(1, budget), null);
        }
        used[0] += o.passes();
        double[] direction = new double[st.beta.length];
        double[] ds = new double[qd];
        for (int a = 0; a < qd; a++) {
            ds[a] = v[a] - before[a];
            direction[coords.get(a)] = ds[a];
        }
        // the intercepts' exact step given the slopes: d0 = -P (g0 + H0s ds)
        double[] rhs = new double[m0];
        for (int c = 0; c < m0; c++) {
            rhs[c] = g0[c];
            for (int a = 0; a < qd; a++) {
                rhs[c] += hs0[a][c] * ds[a];
            }
        }
        for (int c = 0; c < m0; c++) {
            double d0 = 0;
            for (int d = 0; d < m0; d++) {
                d0 -= pinv[c][d] * rhs[d];
            }
            direction[inter[c]] = d0;
        }
        double slack = 1e-13 * Math.max(1.0, Math.abs(st.objective));
        double t = 1.0;
        double[] full = null;
        for (int halving = 0; halving <= 50; halving++) {
            double[] trial = st.beta.clone();
            for (int i = 0; i < trial.length; i++) {
                trial[i] += t * direction[i];
            }
            double[] eta = new double[prob.predictorLength()];
            if (full == null) {
                prob.linearPredictor(trial, eta);
                full = eta;
            } else {
                // eta is affine in the step: no pass over the data for a shorter one
                for (int i = 0; i < eta.length; i++) {
                    eta[i] = st.eta[i] + t * (full[i] - st.eta[i]);
                }
            }
            double objective = prob.objective(trial, eta);
            if (objective <= st.objective + slack) {
                State next = complete(prob, penalty, trial, eta, objective, elig);
                if (sep != null && datafit.invariantToCommonShift()) {
                    // the loss, its gradient and eta serve unchanged; only the penalty moves
                    shift(sep, trial);
                    next = shifted(prob, penalty, next, trial, elig);
                }
                if (halving > 0 || next.kkt > tolAbs && next.kkt > HESSIAN_CONTRACTION * st.kkt) {
                    hessianStale = true;
                }
                return next;
            }
            t *= 0.5;
        }
        if (!hessianStale) {
            // the kept Hessian may be too far from the current one: retry with it formed here
            hessianStale = true;
            return newtonStep(prob, penalty, st, elig, tolAbs, budget, used);
        }
        return null;
    }

    /** The Hessian blocks, kept between outer iterations and lambdas (see the class comment). */
    private HessianBlocks hessianBlocks;
    private boolean hessianStale = true;

    /**
     * The datafit's Hessian blocks at the current predictor on the intercept and the predictors
     * the eligible slopes use plus a margin of the next most likely ones (largest gradient), in one
     * pass over those columns ({@link Design#weightedCrossProducts(double[][], int[])}: the m(m+1)/2
     * weighted cross products {@code B' diag(h_cd) B}, {@code B = [1, X_S]}).
     */
    private HessianBlocks formHessianBlocks(Problem prob, State st, boolean[] needed, int[] inter) {
        int count = 0;
        for (boolean b : needed) {
            count += b ? 1 : 0;
        }
        int margin = Math.min(p - count, count / 4 + 8);
        double[] score = new double[p];
        Integer[] others = new Integer[p - count];
        int no = 0;
        for (int j = 0; j < p; j++) {
            if (!needed[j]) {
                for (int c = 0; c < m; c++) {
                    score[j] = Math.max(score[j], Math.abs(st.grad[c * k + off + j]));
                }
                others[no++] = j;
            }
        }
        Arrays.sort(others, (a, b) -> Double.compare(score[b], score[a]));
        int[] columns = new int[count + margin];
        int q = 0;
        for (int j = 0; j < p; j++) {
            if (needed[j]) {
                columns[q++] = j;
            }
        }
        for (int r = 0; r < margin; r++) {
            columns[q++] = others[r];
        }
        Arrays.sort(columns);
        double[] blocks = new double[n * m * m];
        datafit.hessianBlocks(st.eta, blocks);
        double[][] weights = new double[m * (m + 1) / 2][];
        int pair = 0;
        for (int c = 0; c < m; c++) {
            for (int d = c; d < m; d++) {
                weights[pair++] = Arrays.copyOfRange(blocks, (c * m + d) * n, (c * m + d + 1) * n);
            }
        }
        Matrix[] grams = design.weightedCrossProducts(weights, columns);
        int[] local = new int[k];
        Arrays.fill(local, -1);
        if (off == 1) {
            local[0] = 0;
        }
        for (int a = 0; a < columns.length; a++) {
            local[off + columns[a]] = off + a;
        }
        HessianBlocks h = new HessianBlocks(grams, m, k, local);
        h.interceptInverse = pseudoInverse(h, inter);
        return h;
    }

    /**
     * The m x m grid of Hessian blocks {@code A' diag(h_cd) A} on a subset of the coefficients of
     * each column (the intercept and some predictors), addressed by full coefficient index
     * {@code c k + i}; block (c, d) for c &lt;= d is stored, (d, c) is its transpose.
     */
    private static final class HessianBlocks {
        private final Matrix[] grams;
        private final int m;
        private final int k;
        private final int[] local;
        double[][] interceptInverse;

        HessianBlocks(Matrix[] grams, int m, int k, int[] local) {
            this.grams = grams;
            this.m = m;
            this.k = k;
            this.local = local;
        }

        /** Whether every predictor marked in {@code needed} is among those the blocks were formed on. */
        boolean covers(boolean[] needed) {
            int off = k - needed.length;
            for (int j = 0; j < needed.length; j++) {
                if (needed[j] && local[off + j] < 0) {
                    return false;
                }
            }
            return true;
        }

        double get(int i1, int i2) {
            int c = i1 / k;
            int d = i2 / k;
            int a = local[i1 % k];
            int b = local[i2 % k];
            if (c > d) {
                int t = c;
                c = d;
                d = t;
                t = a;
                a = b;
                b = t;
            }
            int pair = c * m - c * (c - 1) / 2 + (d - c);
            return grams[pair].get(a, b);
        }
    }

    /**
     * The pseudo-inverse of the intercept block of H (eigenvalues at most {@code 1e-12} of the
     * largest treated as 0: the common shift of the symmetric parametrization, along which the
     * datafit is flat).
     */
    private static double[][] pseudoInverse(HessianBlocks h, int[] idx) {
        int r = idx.length;
        double[][] block = new double[r][r];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                block[a][b] = h.get(idx[a], idx[b]);
            }
        }
        return pseudoInverse(block);
    }

    /** The pseudo-inverse of a symmetric block (see {@link #pseudoInverse(HessianBlocks, int[])}). */
    private static double[][] pseudoInverse(double[][] block) {
        int r = block.length;
        double[][] out = new double[r][r];
        if (r == 0) {
            return out;
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(block, false));
        double[] d = eig.getRealEigenvalues();
        double[][] q = eig.getV().getData();
        double max = 0;
        for (double v : d) {
            max = Math.max(max, Math.abs(v));
        }
        for (int e = 0; e < r; e++) {
            if (!(d[e] > 1e-12 * max)) {
                continue;
            }
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    out[a][b] += q[a][e] * q[b][e] / d[e];
                }
            }
        }
        return out;
    }

    /**
     * Whether only the intercepts can move: the design has them, no slope is eligible and every
     * slope is 0 (the null model of a path), so that the linear predictor is the offset plus the
     * intercepts.
     */
    private boolean interceptsOnly(double[] beta, boolean[] elig) {
        if (off != 1) {
            return false;
        }
        for (boolean e : elig) {
            if (e) {
                return false;
            }
        }
        for (int c = 0; c < m; c++) {
            for (int j = 0; j < p; j++) {
                if (beta[c * k + off + j] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The evaluation at the intercept-only model fitted by Newton's method on the m intercepts
     * (the pseudo-inverse of their Hessian block, step halving) from {@code beta}'s intercepts:
     * with every slope at 0 the linear predictor is {@code offset_c + b_c}, so an iteration costs
     * O(n m^2) and no pass over X; one product {@code A' g} at the end gives the exact gradient.
     * It stops when the intercepts' gradient is at most {@code tolAbs}, stops shrinking (then it
     * returns the point with the smallest), or no step decreases the datafit; the outer loop then
     * takes over from there. A step whose predicted decrease {@code g' H^+ g / 2} is below the
     * value's rounding is taken whole and judged by the gradient.
     */
    private State interceptNewton(Problem prob, Penalty penalty, double[] start, boolean[] elig, double tolAbs) {
        double[] beta = start.clone();
        double[] eta = interceptPredictor(beta);
        double value = datafit.value(eta);
        double[] g = new double[n * m];
        double[] blocks = new double[n * m * m];
        double previous = Double.POSITIVE_INFINITY;
        double[] bestBeta = beta;
        double[] bestEta = eta;
        for (int it = 0; it < 100 && Double.isFinite(value); it++) {
            datafit.gradient(eta, g);
            double[] grad = new double[m];
            double worst = 0;
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < n; i++) {
                    grad[c] += g[c * n + i];
                }
                worst = Math.max(worst, Math.abs(grad[c]));
            }
            if (!(worst < previous)) {
                // a step taken below the value's resolution did not help: back to the best point
                beta = bestBeta;
                eta = bestEta;
                break;
            }
            bestBeta = beta;
            bestEta = eta;
            previous = worst;
            if (worst <= tolAbs) {
                break;
            }
            datafit.hessianBlocks(eta, blocks);
            double[][] h = new double[m][m];
            for (int c = 0; c < m; c++) {
                for (int d = 0; d < m; d++) {
                    double sum = 0;
                    int base = (c * m + d) * n;
                    for (int i = 0; i < n; i++) {
                        sum += blocks[base + i];
                    }
                    h[c][d] = sum;
                }
            }
            double[][] inverse = pseudoInverse(h);
            double[] step = new double[m];
            for (int c = 0; c < m; c++) {
                for (int d = 0; d < m; d++) {
                    step[c] -= inverse[c][d] * grad[d];
                }
            }
            double predicted = 0;
            for (int c = 0; c < m; c++) {
                predicted -= 0.5 * grad[c] * step[c];
            }
            // a predicted decrease below the rounding of the value (a sum over n observations)
            // cannot be checked on it: the full step is taken and the gradient judges it
            boolean unresolved = predicted <= 1e-12 * Math.max(1.0, Math.abs(value));
            boolean moved = false;
            for (double t = 1.0; t > 1e-10; t *= 0.5) {
                double[] trial = beta.clone();
                for (int c = 0; c < m; c++) {
                    trial[c * k] += t * step[c];
                }
                double[] trialEta = interceptPredictor(trial);
                double trialValue = datafit.value(trialEta);
                if (trialValue < value || unresolved) {
                    beta = trial;
                    eta = trialEta;
                    value = trialValue;
                    moved = true;
                    break;
                }
            }
            if (!moved) {
                break;
            }
        }
        return evaluate(prob, penalty, beta, eta, elig);
    }

    /** {@code offset_c + b_c}: the linear predictor when every slope is 0. */
    private double[] interceptPredictor(double[] beta) {
        double[] eta = offset.clone();
        for (int c = 0; c < m; c++) {
            double b0 = beta[c * k];
            for (int i = 0; i < n; i++) {
                eta[c * n + i] += b0;
            }
        }
        return eta;
    }

    private State evaluate(Problem prob, Penalty penalty, double[] beta, boolean[] elig) {
        if (last != null && Arrays.equals(beta, last.beta)) {
            // the data side depends on the coefficients only: the next solve of a path starts here
            return shifted(prob, penalty, last, beta, elig);
        }
        double[] eta = new double[prob.predictorLength()];
        prob.linearPredictor(beta, eta);
        return evaluate(prob, penalty, beta, eta, elig);
    }

    /** The last evaluation with a finite objective (its data side: eta, gradient, datafit value). */
    private State last;

    /**
     * The evaluation at {@code beta} from a linear predictor already computed for it (taken, not
     * copied), or, for a datafit invariant to a common shift of the columns, for coefficients that
     * differ from beta by such a shift.
     */
    private State evaluate(Problem prob, Penalty penalty, double[] beta, double[] eta, boolean[] elig) {
        return complete(prob, penalty, beta, eta, prob.objective(beta, eta), elig);
    }

    /** {@link #evaluate(Problem, Penalty, double[], double[], boolean[])} with the objective known. */
    private State complete(Problem prob, Penalty penalty, double[] beta, double[] eta, double objective,
                           boolean[] elig) {
        State s = new State();
        s.beta = beta.clone();
        s.eta = eta;
        s.objective = objective;
        if (!Double.isFinite(s.objective)) {
            s.objective = Double.POSITIVE_INFINITY;
            s.kkt = Double.POSITIVE_INFINITY;
            s.grad = new double[beta.length];
            return s;
        }
        s.grad = prob.datafitGradient(s.eta);
        s.datafitValue = s.objective - penalty.value(prob.slopes(beta));
        s.kkt = kkt(prob, penalty, beta, s.grad, elig);
        last = s;
        return s;
    }

    /**
     * The evaluation {@code at} for coefficients {@code beta} with the same data side: beta equal
     * to at's, or (a datafit invariant to a common shift of the columns) moved by such a shift.
     * Only the penalty and the KKT violation are computed. When {@code at} is the kept last
     * evaluation, the result replaces it, so that the next solve of a path, which starts at the
     * shifted coefficients, finds it.
     */
    private State shifted(Problem prob, Penalty penalty, State at, double[] beta, boolean[] elig) {
        State s = new State();
        s.beta = beta.clone();
        s.eta = at.eta;
        s.grad = at.grad;
        s.datafitValue = at.datafitValue;
        s.objective = at.datafitValue + penalty.value(prob.slopes(beta));
        s.kkt = kkt(prob, penalty, beta, s.grad, elig);
        if (at == last) {
            last = s;
        }
        return s;
    }

    /**
     * {@link Problem#kktViolationFromGradient} over the intercepts and the eligible slopes (a group
     * counts when all its slopes are eligible).
     */
    static double kkt(Problem prob, Penalty penalty, double[] beta, double[] grad, boolean[] elig) {
        int kk = prob.design().coefficients();
        double worst = 0;
        if (prob.design().hasIntercept()) {
            for (int c = 0; c < prob.predictorColumns(); c++) {
                worst = Math.max(worst, Math.abs(grad[c * kk]));
            }
        }
        if (penalty instanceof SeparablePenalty sep) {
            for (int j = 0; j < prob.slopeCount(); j++) {
                if (elig == null || elig[j]) {
                    int at = prob.slopeIndex(j);
                    worst = Math.max(worst, sep.subdifferentialDistance(j, beta[at], grad[at]));
                }
            }
        } else if (penalty instanceof GroupSeparablePenalty grp) {
            int[][] groups = grp.groups();
            for (int q = 0; q < groups.length; q++) {
                int[] g = groups[q];
                boolean all = true;
                double[] b = new double[g.length];
                double[] gr = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    all &= elig == null || elig[g[i]];
                    b[i] = beta[prob.slopeIndex(g[i])];
                    gr[i] = grad[prob.slopeIndex(g[i])];
                }
                if (all) {
                    worst = Math.max(worst, grp.subdifferentialDistance(q, b, gr));
                }
            }
        }
        return worst;
    }

    private static boolean[] filled(int length) {
        boolean[] out = new boolean[length];
        Arrays.fill(out, true);
        return out;
    }
}
