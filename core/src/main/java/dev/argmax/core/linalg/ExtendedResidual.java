package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weighted least-squares problem, {@code b = sqrt(w) (y - o)} against the terms of
 * {@code A = sqrt(w) [1, X]} (or {@code sqrt(w) X}), with the exact residual and gradient that
 * iterative refinement needs: {@code u = (y - o) - A_keep x} accumulated in double-double from the
 * original, uncentered data, and {@code A_keep' W u} from the double-double u.
 *
 * <p>{@link #evaluate} runs in row panels: a panel of the kept terms (about 2 MB, so it stays in
 * cache) is copied once from X and serves both the residual and the gradient, so a step reads X
 * once. The response minus offset is itself held as a double-double pair, so the offset costs no
 * digits.
 */
final class ExtendedResidual {

    /** Target panel size in bytes. */
    private static final int PANEL_BYTES = 1 << 21;

    /** Panels per block of {@link #evaluate}'s parallel loop. */
    private static final int PANELS_PER_BLOCK = 8;

    private final DoublePointer xp;
    private final int n;
    private final int predictors;
    private final double[] responseHi;
    private final double[] responseLo;
    private final double[] weights;
    private final double[] sqrtW;
    private final double sumOfWeights;
    private final boolean intercept;

    /**
     * @param x {@code n x p} predictors, dense column-major DOUBLE
     * @param y response
     * @param weights observation weights, or null for unit weights
     * @param offset known part of the fit, or null
     * @param intercept whether term 0 is the constant
     */
    ExtendedResidual(INDArray x, double[] y, double[] weights, double[] offset, boolean intercept) {
        this.xp = x.columns() == 0 ? null : NativeArrays.pointer(x);
        this.n = y.length;
        this.predictors = (int) x.columns();
        this.intercept = intercept;
        this.weights = weights == null ? null : weights.clone();
        this.sqrtW = new double[n];
        this.responseHi = new double[n];
        this.responseLo = new double[n];
        double sw = 0;
        for (int i = 0; i < n; i++) {
            double wi = weights == null ? 1.0 : weights[i];
            sqrtW[i] = Math.sqrt(wi);
            sw += wi;
            double a = y[i];
            double b = offset == null ? 0.0 : -offset[i];
            double s = a + b;
            double bp = s - a;
            responseHi[i] = s;
            responseLo[i] = (a - (s - bp)) + (b - bp);
        }
        this.sumOfWeights = sw;
    }

    int rows() {
        return n;
    }

    /** X itself (column-major, n x predictors), when every weight is 1; otherwise null. */
    DoublePointer unweightedDesign() {
        return weights == null ? xp : null;
    }

    /** Columns of X. */
    int predictors() {
        return predictors;
    }

    boolean hasIntercept() {
        return intercept;
    }

    /** {@code sqrt(w_i)} (shared, not to be modified). */
    double[] sqrtWeights() {
        return sqrtW;
    }

    double sumOfWeights() {
        return sumOfWeights;
    }

    /** {@code sqrt(w_i) (y_i - o_i)}, rounded. */
    double[] weightedResponse() {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = sqrtW[i] * (responseHi[i] + responseLo[i]);
        }
        return b;
    }

    /** {@code (y_i - o_i)} for rows {@code from .. from + rows}, rounded, into {@code out}. */
    void response(int from, int rows, double[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = responseHi[from + i] + responseLo[from + i];
        }
    }

    /** Term j of the full design (0 = intercept when fitted) into {@code out}, unweighted. */
    void term(int j, double[] out) {
        term(j, 0, n, out);
    }

    /** Rows {@code from .. from + rows} of term j, unweighted, into {@code out}. */
    void term(int j, int from, int rows, double[] out) {
        term(xp, j, from, rows, out);
    }

    /** As {@link #term(int, int, int, double[])}, reading X through {@code view} (a pointer to X). */
    private void term(DoublePointer view, int j, int from, int rows, double[] out) {
        if (intercept && j == 0) {
            Arrays.fill(out, 0, rows, 1.0);
        } else {
            long start = view.position();
            view.position(start + (long) (intercept ? j - 1 : j) * n + from).get(out, 0, rows);
            view.position(start);
        }
    }

    /** Whether {@code keep} is every term in order, so that X can be read as it lies in memory. */
    boolean coversAllTerms(int[] keep) {
        if (keep.length != predictors + (intercept ? 1 : 0)) {
            return false;
        }
        for (int c = 0; c < keep.length; c++) {
            if (keep[c] != c) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code A' W u} with {@code u = (y - o) - A x} over all terms, in plain double through two
     * {@code cblas_dgemv} passes: each entry carries an error of about
     * {@code n u sum_i |w_i a_ic| (|y_i - o_i| + |a_i' x|)}, which is what a first correction
     * of a much less accurate x can afford.
     */
    double[] roundedGradient(double[] x) {
        int first = intercept ? 1 : 0;
        double x0 = intercept ? x[0] : 0.0;
        double[] u = new double[n];
        double[] g = new double[x.length];
        try (DoublePointer rows = new DoublePointer(n); DoublePointer coef = new DoublePointer(Math.max(1, predictors))) {
            if (predictors > 0) {
                coef.put(x, first, predictors);
                openblas.cblas_dgemv(CblasColMajor, CblasNoTrans, n, predictors, 1.0, xp, n, coef, 1, 0.0, rows, 1);
                rows.get(u, 0, n);
            }
            double s0 = 0;
            for (int i = 0; i < n; i++) {
                double w = weights == null ? 1.0 : weights[i];
                double v = w * ((responseHi[i] - x0 - u[i]) + responseLo[i]);
                u[i] = v;
                s0 += v;
            }
            if (intercept) {
                g[0] = s0;
            }
            if (predictors > 0) {
                rows.put(u, 0, n);
                openblas.cblas_dgemv(CblasColMajor, CblasTrans, n, predictors, 1.0, xp, n, rows, 1, 0.0, coef, 1);
                coef.get(g, first, predictors);
            }
        }
        return g;
    }

    /**
     * The weighted residual {@code sqrt(w) ((y - o) - A x)} over all terms in plain double (one
     * {@code cblas_dgemv} pass; each entry off by about {@code k u (|y_i - o_i| + |a_i'| |x|)}),
     * with its sum of squares accumulated in double-double: the residual of a solution refined in
     * double. The trailing parts are zero and no gradient is formed.
     */
    Evaluation roundedResidual(double[] x) {
        int first = intercept ? 1 : 0;
        double x0 = intercept ? x[0] : 0.0;
        double[] u = new double[n];
        if (predictors > 0) {
            try (DoublePointer rows = new DoublePointer(n); DoublePointer coef = new DoublePointer(predictors)) {
                coef.put(x, first, predictors);
                openblas.cblas_dgemv(CblasColMajor, CblasNoTrans, n, predictors, 1.0, xp, n, coef, 1, 0.0, rows, 1);
                rows.get(u, 0, n);
            }
        }
        DoubleDouble rss = new DoubleDouble();
        for (int i = 0; i < n; i++) {
            double r = sqrtW[i] * ((responseHi[i] - x0 - u[i]) + responseLo[i]);
            u[i] = r;
            rss.addProduct(r, r);
        }
        return new Evaluation(u, new double[n], null, rss.value());
    }

    /** Rows per panel for {@code columns} columns. */
    int panelRows(int columns) {
        return Math.min(Math.max(256, PANEL_BYTES / (8 * Math.max(1, columns))), Math.max(1, n));
    }

    /** {@code A_keep' v} with {@code A = sqrt(W) X_full}, in double-double per entry. */
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

    /**
     * The residual at x, for the kept terms.
     *
     * @param weightedResiduals {@code sqrt(w_i) u_i}, rounded from the double-double u
     * @param weightedResidualsLo what that rounding left out: {@code sqrt(w_i) u_i} is
     *     {@code weightedResiduals[i] + weightedResidualsLo[i]} to about 32 digits
     * @param gradient {@code A_keep' sqrt(W) (sqrt(w) u) = sum_i w_i a_i u_i} from the double-double
     *     u (each entry accurate to about {@code u^2 sum |w_i a_i u_i|}), or null when not asked for
     * @param residualSumOfSquares {@code sum_i w_i u_i^2} in double-double
     */
    record Evaluation(double[] weightedResiduals, double[] weightedResidualsLo, double[] gradient, double residualSumOfSquares) {
    }

    /**
     * Evaluates the residual (and, if asked, the gradient) at x, reading X once.
     *
     * <p>The rows are cut into blocks of a fixed size (a function of n and the number of kept
     * terms only), evaluated in parallel, each into its own double-double partial sums; the
     * partial sums are then added in block order, so the result does not depend on the number of
     * threads.
     */
    Evaluation evaluate(int[] keep, double[] x, boolean withGradient) {
        int kk = keep.length;
        int b = panelRows(kk);
        int blockRows = b * PANELS_PER_BLOCK;
        int blocks = (n + blockRows - 1) / blockRows;
        double[] wr = new double[n];
        double[] wrLo = new double[n];
        DoubleDouble[][] partial = new DoubleDouble[blocks][];
        IntStream.range(0, blocks).parallel().forEach(k -> partial[k] = evaluateBlock(keep, x, withGradient,
                k * blockRows, Math.min(n, (k + 1) * blockRows), b, wr, wrLo));
        DoubleDouble rss = new DoubleDouble();
        DoubleDouble[] g = new DoubleDouble[kk];
        for (int c = 0; c < kk; c++) {
            g[c] = new DoubleDouble();
        }
        for (DoubleDouble[] part : partial) {
            rss.add(part[kk].hi()).add(part[kk].lo());
            for (int c = 0; c < kk; c++) {
                g[c].add(part[c].hi()).add(part[c].lo());
            }
        }
        double[] gradient = null;
        if (withGradient) {
            gradient = new double[kk];
            for (int c = 0; c < kk; c++) {
                gradient[c] = g[c].value();
            }
        }
        return new Evaluation(wr, wrLo, gradient, rss.value());
    }

    /**
     * Rows {@code from .. to} of {@link #evaluate}: writes their weighted residuals and returns the
     * block's double-double gradient sums (zero when not asked for) followed by its residual sum of
     * squares.
     */
    private DoubleDouble[] evaluateBlock(int[] keep, double[] x, boolean withGradient, int from, int to, int b,
                                         double[] wr, double[] wrLo) {
        int kk = keep.length;
        DoublePointer view = xp == null ? null : new DoublePointer(xp);
        double[][] panel = new double[kk][b];
        double[] hi = new double[b];
        double[] lo = new double[b];
        double[] vHi = new double[b];
        double[] vLo = new double[b];
        DoubleDouble[] sums = new DoubleDouble[kk + 1];
        for (int c = 0; c <= kk; c++) {
            sums[c] = new DoubleDouble();
        }
        DoubleDouble rss = sums[kk];
        for (int r0 = from; r0 < to; r0 += b) {
            int rows = Math.min(b, to - r0);
            System.arraycopy(responseHi, r0, hi, 0, rows);
            System.arraycopy(responseLo, r0, lo, 0, rows);
            for (int c = 0; c < kk; c++) {
                term(view, keep[c], r0, rows, panel[c]);
                DoubleDouble.axpy(-x[c], panel[c], hi, lo, rows);
            }
            for (int i = 0; i < rows; i++) {
                double s = sqrtW[r0 + i];
                double p = s * hi[i];
                double rest = Math.fma(s, hi[i], -p) + s * lo[i];
                double r = p + rest;
                wr[r0 + i] = r;
                wrLo[r0 + i] = rest - (r - p);
                rss.addProduct(r, r);
            }
            if (withGradient) {
                if (weights == null) {
                    System.arraycopy(hi, 0, vHi, 0, rows);
                    System.arraycopy(lo, 0, vLo, 0, rows);
                } else {
                    for (int i = 0; i < rows; i++) {
                        double w = weights[r0 + i];
                        double p = w * hi[i];
                        vHi[i] = p;
                        vLo[i] = Math.fma(w, hi[i], -p) + w * lo[i];
                    }
                }
                for (int c = 0; c < kk; c++) {
                    sums[c].addDot(panel[c], vHi, vLo, rows);
                }
            }
        }
        return sums;
    }
}
