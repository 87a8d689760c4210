package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;

/**
 * Proximal-Newton updates for a datafit that is not quadratic (binomial, Poisson): the quadratic
 * model of an outer iteration is minimized by {@link GramCoordinateDescent} on the weighted Gram
 * {@code B = S' diag(h) S}, {@code S = [1, X_s]}, of the intercept and a working set s of slopes
 * (the eligible slopes of the strong rule and a margin of the next most likely ones), formed by
 * one SYRK on those columns only. A model pass then costs O(|s|^2) instead of O(n |s|): the data
 * are touched once per outer iteration (the exact gradient of the control loop's evaluation) and
 * once per formation of B.
 *
 * <p>The model is solved in the original parameterisation with the intercept eliminated exactly:
 * the slopes see the Schur complement {@code B_ss - B_s0 B_0s / B_00} and the negative gradient
 * {@code -(g_s - B_s0 g_0 / B_00)}; the intercept then takes {@code d_0 = -(g_0 + B_0s d_s) / B_00}.
 *
 * <p><b>Curvature reuse.</b> B is kept across outer iterations and across the lambdas of a path
 * (a variable-metric proximal method: any positive definite B gives a descent direction, which the
 * control loop's step halving turns into a decrease of the objective), and formed again at the
 * current weights when the working set no longer holds every eligible slope, or when an outer
 * iteration needed step halving or, short of the target, reduced the KKT violation by less than a
 * factor {@value #CONTRACTION}. With B formed at the current point the step is the exact proximal-Newton
 * step (quadratic convergence); along a path the weights move little between lambdas, so most
 * outer iterations reuse B.
 */
final class ProximalNewtonUpdates implements InnerUpdates {

    /**
     * Required KKT reduction per outer iteration with a reused B. A formation costs a few
     * evaluations (an O(n |s|^2) SYRK against two O(n p) passes), so B is formed again as soon as
     * a reused one stops gaining more than a factor 20 per step: on the binomial 100,000 x 100
     * path at a KKT target of 1e-8 this made 219 evaluations and 7 formations where a factor 4
     * made 277 and 5 (benchmarks/peers-scripts/path_side_by_side.sh); at glmnet's violation
     * (5e-5) both need one outer iteration per lambda.
     */
    static final double CONTRACTION = 0.05;

    private final Design design;
    private final int p;
    private final int off;
    private final double[] means;
    private int[] set = new int[0];
    private boolean[] inSet;
    /** B on the intercept and the working set, column-major, order off + |s|. */
    private double[] full;
    /** The coefficients (original parameterisation) and exact gradient at the last model's start. */
    private double[] lastBeta;
    private double[] lastGrad;
    private double[] interceptColumn;
    private double interceptCurvature;
    private GramCoordinateDescent solver;
    private boolean stale = true;
    private int formations;

    ProximalNewtonUpdates(Design design, double[] means) {
        this.design = design;
        this.p = design.predictors();
        this.off = design.firstSlope();
        this.means = means;
        this.inSet = new boolean[p];
    }

    @Override
    public String name() {
        return "proximal Newton on the strong-set Gram, formed " + formations + " times in this workspace";
    }

    @Override
    public void observe(double kktBefore, double kktAfter, int halvings, double target) {
        if (halvings > 0 || kktAfter > target && kktAfter > CONTRACTION * kktBefore) {
            stale = true;
        }
    }

    @Override
    public int run(SeparablePenalty sep, double[] b, double[] c0, EvaluationState st, double tol, double target,
                   int budget, Trace.Recorder rec, int passesBefore) {
        boolean[] elig = st.eligible;
        boolean covered = true;
        for (int j = 0; j < p && covered; j++) {
            covered = !elig[j] || inSet[j];
        }
        if (stale || !covered) {
            form(sep, st);
        } else {
            secantUpdate(st);
        }
        lastBeta = st.beta.clone();
        lastGrad = st.grad.clone();
        int q = set.length;
        double[] g = st.grad;
        double g0 = off == 1 ? g[0] : 0.0;
        boolean eliminate = off == 1 && interceptCurvature > 0;
        double[] bs = new double[q];
        double[] gamma = new double[q];
        boolean[] eligLocal = new boolean[q];
        for (int c = 0; c < q; c++) {
            int j = set[c];
            bs[c] = b[j];
            gamma[c] = -(g[j + off] - (eliminate ? interceptColumn[c] * g0 / interceptCurvature : 0.0));
            eligLocal[c] = elig[j];
        }
        double[] before = bs.clone();
        double b0 = off == 1 ? c0[0] - dot(means, b) : 0.0;
        double start = st.datafitValue - (eliminate ? g0 * g0 / (2 * interceptCurvature) : 0.0) + sep.value(b);
        GramCoordinateDescent.Outcome o = solver.minimize(sep, bs, gamma, eligLocal, tol, target, budget,
                (pass, change, viol) -> rec.record(passesBefore + pass, start + change, viol, Double.NaN));
        double interceptMove = g0;
        for (int c = 0; c < q; c++) {
            double d = bs[c] - before[c];
            interceptMove += interceptColumn == null ? 0.0 : interceptColumn[c] * d;
            b[set[c]] = bs[c];
        }
        if (off == 1) {
            if (eliminate) {
                b0 -= interceptMove / interceptCurvature;
            }
            c0[0] = b0 + dot(means, b);
        }
        return o.passes();
    }

    /**
     * The BFGS update of B with the step {@code s} and gradient change {@code y} between the
     * last model's start and now, on the intercept and the working set:
     * {@code B + y y' / (y's) - B s s' B / (s'Bs)}, skipped unless {@code y's > 0} (the datafit is
     * convex, so y's >= 0; an update with y's = 0 would not be positive definite) and
     * {@code s'Bs > 0}. B then agrees with the datafit's curvature along the last step (the
     * direction the path is moving in), which a B formed at older weights does not.
     */
    private void secantUpdate(EvaluationState st) {
        if (lastBeta == null) {
            return;
        }
        int q = set.length;
        int m = off + q;
        double[] sv = new double[m];
        double[] yv = new double[m];
        boolean moved = false;
        for (int c = 0; c < m; c++) {
            int idx = c < off ? 0 : set[c - off] + off;
            sv[c] = st.beta[idx] - lastBeta[idx];
            yv[c] = st.grad[idx] - lastGrad[idx];
            moved |= sv[c] != 0;
        }
        if (!moved) {
            return;
        }
        double[] bs = new double[m];
        for (int c = 0; c < m; c++) {
            double v = sv[c];
            if (v != 0) {
                int col = c * m;
                for (int r = 0; r < m; r++) {
                    bs[r] += full[col + r] * v;
                }
            }
        }
        double sbs = 0;
        double ys = 0;
        for (int c = 0; c < m; c++) {
            sbs += sv[c] * bs[c];
            ys += sv[c] * yv[c];
        }
        if (!(sbs > 0) || !(ys > 1e-10 * sbs)) {
            return;
        }
        for (int c = 0; c < m; c++) {
            int col = c * m;
            double a = yv[c] / ys;
            double b = bs[c] / sbs;
            for (int r = 0; r < m; r++) {
                full[col + r] += yv[r] * a - bs[r] * b;
            }
        }
        reduce();
    }

    /** Forms B at the current weights on the eligible slopes plus a margin of the most likely others. */
    private void form(SeparablePenalty sep, EvaluationState st) {
        boolean[] elig = st.eligible;
        int nElig = 0;
        for (int j = 0; j < p; j++) {
            if (elig[j]) {
                nElig++;
            }
        }
        int margin = Math.min(p - nElig, nElig / 4 + 8);
        Integer[] others = new Integer[p - nElig];
        double[] score = new double[p];
        int no = 0;
        for (int j = 0; j < p; j++) {
            if (!elig[j]) {
                double t = sep.zeroThreshold(j);
                score[j] = Math.abs(st.grad[j + off]) / (t > 0 ? t : Double.MIN_VALUE);
                others[no++] = j;
            }
        }
        Arrays.sort(others, (x, y) -> Double.compare(score[y], score[x]));
        int[] s = new int[nElig + margin];
        int q = 0;
        Arrays.fill(inSet, false);
        for (int j = 0; j < p; j++) {
            if (elig[j]) {
                s[q++] = j;
                inSet[j] = true;
            }
        }
        for (int r = 0; r < margin; r++) {
            s[q++] = others[r];
            inSet[others[r]] = true;
        }
        Arrays.sort(s);
        set = s;
        full = design.weightedGram(st.h, s).toColumnMajor();
        reduce();
        stale = false;
        formations++;
    }

    /** The Schur complement of the intercept in B, and the solver on it. */
    private void reduce() {
        int q = set.length;
        int m = off + q;
        double[] bm = full;
        double[] gm = new double[q * q];
        if (off == 1) {
            double s00 = bm[0];
            double[] col0 = new double[q];
            for (int c = 0; c < q; c++) {
                col0[c] = bm[(c + 1) * m];
            }
            for (int c = 0; c < q; c++) {
                for (int r = 0; r < q; r++) {
                    gm[r + c * q] = bm[(r + 1) + (c + 1) * m] - (s00 > 0 ? col0[r] * col0[c] / s00 : 0.0);
                }
            }
            interceptColumn = col0;
            interceptCurvature = s00;
        } else {
            for (int c = 0; c < q; c++) {
                System.arraycopy(bm, c * m, gm, c * q, q);
            }
            interceptColumn = null;
            interceptCurvature = 0;
        }
        solver = new GramCoordinateDescent(gm, q, set);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
