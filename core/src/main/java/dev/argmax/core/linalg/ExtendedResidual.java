package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

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

    /** Target panel size in bytes of the fused BLAS passes over X as stored. */
    private static final int FUSED_PANEL_BYTES = 1 << 22;

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
    private final double[] offset;

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
        // unit weights are no weights: the unweighted passes read X as stored
        this.weights = weights == null || Arrays.stream(weights).allMatch(v -> v == 1.0) ? null : weights.clone();
        this.offset = offset;
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
     * Rows per panel of the fused passes over X as stored: about {@value #FUSED_PANEL_BYTES}
     * bytes of X, which stay in cache between the panel's two BLAS products, so that each fused
     * pass reads X from memory once.
     */
    private int fusedRows() {
        return Math.min(Math.max(256, FUSED_PANEL_BYTES / (8 * Math.max(1, predictors))), Math.max(1, n));
    }

    /**
     * The raw cross products of the unweighted stored design that {@link CenteredGram#ofUncentered}
     * centers: {@code X'X} (upper triangle, column-major p x p), {@code X'(y - o)} and the column
     * sums {@code X'1}, and {@code 1'(y - o)}, reading X once: each row panel feeds one
     * {@code cblas_dsyrk} (accumulating) and, while it is in cache, two {@code cblas_dgemv} against
     * {@code y - o} and 1. Null when the problem is weighted or has no predictors.
     */
    RawProducts rawProducts() {
        if (weights != null || xp == null || predictors == 0) {
            return null;
        }
        int p = predictors;
        int b = fusedRows();
        double[] gram = new double[p * p];
        double[] xb = new double[p];
        double[] columnSums = new double[p];
        double[] segment = new double[b];
        double sumB = 0;
        DoublePointer view = new DoublePointer(xp);
        long base = xp.position();
        try (DoublePointer product = new DoublePointer((long) p * p);
             DoublePointer vectors = new DoublePointer(b);
             DoublePointer ones = new DoublePointer(b);
             DoublePointer out = new DoublePointer(p);
             DoublePointer sums = new DoublePointer(p)) {
            double[] one = new double[b];
            Arrays.fill(one, 1.0);
            ones.put(one, 0, b);
            for (int r0 = 0; r0 < n; r0 += b) {
                int rows = Math.min(b, n - r0);
                response(r0, rows, segment);
                for (int i = 0; i < rows; i++) {
                    sumB += segment[i];
                }
                vectors.put(segment, 0, rows);
                view.position(base + r0);
                double beta = r0 == 0 ? 0.0 : 1.0;
                openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, p, rows, 1.0, view, n, beta, product, p);
                // two dgemv rather than one dgemm with two columns, which would pack the panel first
                openblas.cblas_dgemv(CblasColMajor, CblasTrans, rows, p, 1.0, view, n, vectors, 1, beta, out, 1);
                openblas.cblas_dgemv(CblasColMajor, CblasTrans, rows, p, 1.0, view, n, ones, 1, beta, sums, 1);
            }
            product.get(gram);
            out.get(xb);
            sums.get(columnSums);
        }
        return new RawProducts(gram, xb, columnSums, sumB);
    }

    /**
     * The cross products of {@link #rawProducts()}.
     *
     * @param gram {@code X'X}, upper triangle of a column-major p x p array
     * @param xb {@code X'(y - o)}
     * @param sums {@code X'1}
     * @param sumB {@code 1'(y - o)}
     */
    record RawProducts(double[] gram, double[] xb, double[] sums, double sumB) {
    }

    /**
     * {@code A' W u} with {@code u = (y - o) - A x} over all terms, in plain double, reading X once:
     * per row panel one {@code cblas_dgemv} for {@code X x} and, while the panel is in cache, one
     * for {@code X' (W u)}. Each entry carries an error of about
     * {@code n u sum_i |w_i a_ic| (|y_i - o_i| + |a_i' x|)}, which is what a first correction of a
     * much less accurate x can afford.
     */
    double[] roundedGradient(double[] x) {
        return roundedPass(x, false).normalEquationsResidual();
    }

    /**
     * The residuals, fitted values and normal-equations residual at x (over all terms), in plain
     * double, reading X once as {@link #roundedGradient} does: the weighted residual
     * {@code sqrt(w) ((y - o) - A x)} (each entry off by about {@code k u (|y_i - o_i| + |a_i'| |x|)})
     * with its sum of squares accumulated in double-double, the fitted values {@code o + A x}, and
     * {@code A' W ((y - o) - A x)}. This is the last pass of every solution.
     */
    FinalPass finalPass(double[] x) {
        return roundedPass(x, true);
    }

    /**
     * The state at a solution.
     *
     * @param residuals the weighted residuals in double (null from {@link #roundedGradient})
     * @param residualSumOfSquares their sum of squares, accumulated in double-double
     * @param fittedValues {@code o + A x} (null from {@link #roundedGradient})
     * @param normalEquationsResidual {@code A' W ((y - o) - A x)} over all terms
     */
    record FinalPass(double[] residuals, double residualSumOfSquares, double[] fittedValues,
                     double[] normalEquationsResidual) {
    }

    private FinalPass roundedPass(double[] x, boolean keepRows) {
        int first = intercept ? 1 : 0;
        double x0 = intercept ? x[0] : 0.0;
        int p = predictors;
        int b = fusedRows();
        double[] residuals = keepRows ? new double[n] : null;
        double[] fitted = keepRows ? new double[n] : null;
        double[] gradient = new double[x.length];
        double[] segment = new double[b];
        DoubleDouble rss = new DoubleDouble();
        double s0 = 0;
        DoublePointer view = p == 0 ? null : new DoublePointer(xp);
        long base = p == 0 ? 0 : xp.position();
        try (DoublePointer rows = new DoublePointer(b); DoublePointer coef = new DoublePointer(Math.max(1, p));
             DoublePointer sums = new DoublePointer(Math.max(1, p))) {
            if (p > 0) {
                coef.put(x, first, p);
            }
            for (int r0 = 0; r0 < n; r0 += b) {
                int m = Math.min(b, n - r0);
                if (p > 0) {
                    view.position(base + r0);
                    openblas.cblas_dgemv(CblasColMajor, CblasNoTrans, m, p, 1.0, view, n, coef, 1, 0.0, rows, 1);
                    rows.get(segment, 0, m);
                } else {
                    Arrays.fill(segment, 0, m, 0.0);
                }
                for (int i = 0; i < m; i++) {
                    int r = r0 + i;
                    double fit = x0 + segment[i];
                    double u = (responseHi[r] - fit) + responseLo[r];
                    if (keepRows) {
                        double wr = sqrtW[r] * u;
                        residuals[r] = wr;
                        rss.addProduct(wr, wr);
                        fitted[r] = offset == null ? fit : offset[r] + fit;
                    }
                    double v = weights == null ? u : weights[r] * u;
                    segment[i] = v;
                    s0 += v;
                }
                if (p > 0) {
                    rows.put(segment, 0, m);
                    openblas.cblas_dgemv(CblasColMajor, CblasTrans, m, p, 1.0, view, n, rows, 1, r0 == 0 ? 0.0 : 1.0,
                            sums, 1);
                }
            }
            if (p > 0) {
                sums.get(gradient, first, p);
            }
        }
        if (intercept) {
            gradient[0] = s0;
        }
        return new FinalPass(residuals, rss.value(), fitted, gradient);
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
