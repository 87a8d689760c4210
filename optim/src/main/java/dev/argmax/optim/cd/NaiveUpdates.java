package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;

/**
 * Naive (residual) updates: a centered column-major copy of X on the Java heap, and the
 * curvature-weighted working residual {@code q = -g - h * (change of eta)} kept up to date; a
 * coordinate update costs two passes over its column, O(n). Slope j gets
 * {@code b_j <- coordinateMinimizer(j, x~_j' q + H_j b_j, H_j)} with
 * {@code H_j = sum_i h_i x~_ij^2}; the intercept gets the exact step {@code sum q / sum h} after
 * every pass. Used when n <= p, or when asked for.
 */
final class NaiveUpdates implements InnerUpdates {

    private final int n;
    private final int p;
    private final boolean intercept;
    private final boolean quadratic;
    private final double[] xc;
    /** Column curvatures of a quadratic datafit (constant h), filled on first use. */
    private final double[] hjCache;

    NaiveUpdates(Design design, double[] means, boolean quadratic) {
        this.n = design.rows();
        this.p = design.predictors();
        this.intercept = design.hasIntercept();
        this.quadratic = quadratic;
        long len = (long) n * p;
        if (len > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("naive coordinate descent keeps a copy of X; " + n + " x " + p
                    + " is too large for one Java array (use covariance updates)");
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
        this.hjCache = quadratic ? filledNaN(p) : null;
    }

    @Override
    public String name() {
        return "naive";
    }

    private static double[] filledNaN(int len) {
        double[] a = new double[len];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    @Override
    public int run(SeparablePenalty sep, double[] b, double[] c0, EvaluationState st, double tol, double target,
                   int budget, Trace.Recorder rec, int passesBefore) {
        double[] h = st.h;
        double[] g = st.g;
        boolean[] elig = st.eligible;
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
     * {@code x_j' q} on the centered copy of X, with four partial sums: the JIT does not reorder a
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
}
