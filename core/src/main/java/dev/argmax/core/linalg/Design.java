package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The full design {@code A = [1, X]} (or {@code A = X} without intercept) of a linear
 * predictor, as an operator: {@code A beta}, {@code A' v} and the weighted Gram
 * {@code A' W A}, computed by OpenBLAS on the native matrix without ever materialising the
 * column of ones.
 *
 * <p>Coefficient vectors have the intercept first (R's order) when there is one:
 * {@code beta = (b0, b1, ..., bp)}. The offset is not part of the design; callers add it to
 * {@code A beta}.
 *
 * <p>Vectors live on the Java heap and are copied to and from preallocated native buffers
 * around each BLAS call (a memcpy of n doubles, small beside the {@code n p} flops of the call).
 * The weighted Gram works through a panel buffer of about 2 MB per call. An instance
 * is not thread-safe (the native vector buffers are shared between calls); use {@link #copy()} for another thread (it shares X).
 */
public final class Design {

    private final INDArray x;
    private final DoublePointer xp;
    private final int n;
    private final int p;
    private final boolean intercept;
    private final DoublePointer rowVector;
    private final DoublePointer coefVector;

    /**
     * @param x {@code n x p} dense column-major DOUBLE predictors (not copied); {@code p = 0} gives
     *     the intercept-only design
     * @param intercept whether the first coefficient is an intercept
     */
    public Design(INDArray x, boolean intercept) {
        this.x = x;
        this.xp = x.columns() == 0 ? null : NativeArrays.pointer(x);
        this.n = (int) x.rows();
        this.p = (int) x.columns();
        this.intercept = intercept;
        this.rowVector = new DoublePointer(Math.max(1, n));
        this.coefVector = new DoublePointer(Math.max(1, p));
    }

    /** Another operator on the same X, with buffers of its own. */
    public Design copy() {
        return new Design(x, intercept);
    }

    /** The predictors X (without the intercept column). */
    public INDArray x() {
        return x;
    }

    /** Number of rows n. */
    public int rows() {
        return n;
    }

    /** Number of predictors p. */
    public int predictors() {
        return p;
    }

    /** Whether coefficient 0 is an intercept. */
    public boolean hasIntercept() {
        return intercept;
    }

    /** Number of coefficients, {@code p + 1} with an intercept. */
    public int coefficients() {
        return p + (intercept ? 1 : 0);
    }

    /** Index of the first slope in a coefficient vector (1 with an intercept, else 0). */
    public int firstSlope() {
        return intercept ? 1 : 0;
    }

    /** {@code out = A beta} (length n). */
    public void multiply(double[] beta, double[] out) {
        checkCoefficients(beta);
        double b0 = intercept ? beta[0] : 0.0;
        if (p == 0) {
            java.util.Arrays.fill(out, 0, n, b0);
            return;
        }
        coefVector.put(beta, firstSlope(), p);
        openblas.cblas_dgemv(CblasColMajor, CblasNoTrans, n, p, 1.0, xp, n, coefVector, 1, 0.0, rowVector, 1);
        rowVector.get(out, 0, n);
        if (b0 != 0.0) {
            for (int i = 0; i < n; i++) {
                out[i] += b0;
            }
        }
    }

    /** {@code out = A' v} (length {@link #coefficients()}). */
    public void transposeMultiply(double[] v, double[] out) {
        if (v.length != n) {
            throw new IllegalArgumentException("vector has length " + v.length + ", expected " + n);
        }
        if (intercept) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            out[0] = s;
        }
        if (p == 0) {
            return;
        }
        rowVector.put(v, 0, n);
        openblas.cblas_dgemv(CblasColMajor, CblasTrans, n, p, 1.0, xp, n, rowVector, 1, 0.0, coefVector, 1);
        coefVector.get(out, firstSlope(), p);
    }

    /**
     * {@code A B} for a block of m coefficient vectors, one per column of a vector-valued linear
     * predictor: {@code beta} holds m blocks of {@code coefficients()} (block c at
     * {@code c * coefficients()}), {@code out} m columns of n (column c at {@code c * rows()}).
     * One {@code dgemm} {@code X B_slopes}, which reads X once for all m columns (m {@code dgemv}
     * would read it m times; at 100,000 x 100 the pass over X is memory-bound). With m = 1 this
     * is {@link #multiply}.
     */
    public void multiplyBlocks(double[] beta, int m, double[] out) {
        if (m == 1) {
            multiply(beta, out);
            return;
        }
        int k = coefficients();
        int off = firstSlope();
        if (beta.length != m * k || out.length != m * n) {
            throw new IllegalArgumentException("blocks of length " + beta.length + " and " + out.length + ", expected "
                    + m * k + " and " + m * n);
        }
        if (p > 0) {
            DoublePointer coefs = blockCoefficients(m);
            DoublePointer rows = blockRows(m);
            coefs.put(beta, 0, m * k);
            coefs.position(off);
            openblas.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, m, p, 1.0, xp, n, coefs, k, 0.0,
                    rows, n);
            coefs.position(0);
            rows.get(out, 0, m * n);
        } else {
            Arrays.fill(out, 0, m * n, 0.0);
        }
        if (intercept) {
            for (int c = 0; c < m; c++) {
                double b0 = beta[c * k];
                if (b0 != 0.0) {
                    int col = c * n;
                    for (int i = 0; i < n; i++) {
                        out[col + i] += b0;
                    }
                }
            }
        }
    }

    /**
     * {@code A' V} for m eta-space columns (column c of {@code v} at {@code c * rows()}), into m
     * blocks of {@code coefficients()} (block c at {@code c * coefficients()}): one {@code dgemm}
     * {@code V' X} (one read of X), transposed into the blocks. With m = 1 this is
     * {@link #transposeMultiply}.
     */
    public void transposeMultiplyBlocks(double[] v, int m, double[] out) {
        if (m == 1) {
            transposeMultiply(v, out);
            return;
        }
        int k = coefficients();
        int off = firstSlope();
        if (v.length != m * n || out.length != m * k) {
            throw new IllegalArgumentException("blocks of length " + v.length + " and " + out.length + ", expected "
                    + m * n + " and " + m * k);
        }
        if (p > 0) {
            DoublePointer coefs = blockCoefficients(m);
            DoublePointer rows = blockRows(m);
            rows.put(v, 0, m * n);
            // as (V'X)', m x p: measured faster than X'V (and than m dgemv) with OpenBLAS at m = 4..5
            openblas.cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, p, n, 1.0, rows, n, xp, n, 0.0,
                    coefs, m);
            double[] product = new double[m * p];
            coefs.get(product, 0, m * p);
            for (int c = 0; c < m; c++) {
                int base = c * k + off;
                for (int j = 0; j < p; j++) {
                    out[base + j] = product[c + j * m];
                }
            }
        }
        if (intercept) {
            for (int c = 0; c < m; c++) {
                double s = 0;
                int col = c * n;
                for (int i = 0; i < n; i++) {
                    s += v[col + i];
                }
                out[c * k] = s;
            }
        }
    }

    /** Native buffers of the block products, grown to the largest m asked for. */
    private DoublePointer blockRows;
    private DoublePointer blockCoefficients;
    private int blockColumns;

    private DoublePointer blockRows(int m) {
        ensureBlocks(m);
        return blockRows;
    }

    private DoublePointer blockCoefficients(int m) {
        ensureBlocks(m);
        return blockCoefficients;
    }

    private void ensureBlocks(int m) {
        if (m > blockColumns) {
            if (blockRows != null) {
                blockRows.close();
                blockCoefficients.close();
            }
            blockRows = new DoublePointer((long) m * n);
            blockCoefficients = new DoublePointer((long) m * coefficients());
            blockColumns = m;
        }
    }

    /**
     * The weighted Gram (information) matrix {@code A' diag(w) A}, {@code w_i >= 0}.
     *
     * @see #weightedNormalEquations(double[], double[])
     */
    public Matrix weightedGram(double[] w) {
        return accumulate(w, null, null).gram();
    }

    /**
     * {@code A' diag(w) A} for weights of any sign (an observed information, whose per-row
     * curvature can be negative where the log-likelihood is not concave): the SYRK kernel of
     * {@link #weightedGram(double[])} scales rows by {@code sqrt(w_i)}, so the negative part is
     * accumulated separately, {@code A' diag(w+) A - A' diag(w-) A} (a second pass only when some
     * weight is negative).
     */
    public Matrix signedWeightedGram(double[] w) {
        double[] negative = null;
        double[] positive = w;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                if (negative == null) {
                    negative = new double[w.length];
                    positive = w.clone();
                }
                negative[i] = -w[i];
                positive[i] = 0;
            }
        }
        Matrix plus = weightedGram(positive);
        return negative == null ? plus : plus.subtract(weightedGram(negative));
    }

    /**
     * The weighted Gram of the intercept column (when there is one) and the predictor columns
     * {@code columns} (0-based, in the order given): {@code B' diag(w) B} with
     * {@code B = [1, X_columns]} (or {@code X_columns}), of order {@code firstSlope() + columns.length},
     * in one SYRK pass over those columns only (the strong set of a path, for example).
     *
     * @param w weights {@code w_i >= 0}, length n
     * @param columns distinct predictor indices in {@code [0, p)}
     */
    public Matrix weightedGram(double[] w, int[] columns) {
        for (int c : columns) {
            if (c < 0 || c >= p) {
                throw new IllegalArgumentException("column " + c + " is outside [0, " + p + ")");
            }
        }
        return accumulate(w, null, columns).gram();
    }

    /**
     * The weighted least-squares normal equations of one IRLS step, {@code A' W A} and
     * {@code A' W z}, in a single pass over X.
     *
     * <p>Computed in row panels of about {@value #PANEL_BYTES} bytes, so that no n-row copy of X
     * is ever made: each panel {@code P = diag(sqrt(w)) [1, X, z]} (rows r..r+B; the column of
     * ones only with an intercept, z only when given) is written into a small reused native
     * buffer that stays in cache, and {@code cblas_dsyrk} accumulates {@code P' P}; the last
     * column of the result is {@code A' W z}. The flop count is that of one SYRK on A.
     *
     * @param w weights {@code w_i >= 0}, length n
     * @param z working response, length n
     */
    public NormalEquations weightedNormalEquations(double[] w, double[] z) {
        if (z.length != n) {
            throw new IllegalArgumentException("working response has length " + z.length + ", expected " + n);
        }
        return accumulate(w, z, null);
    }

    /**
     * Several weighted cross products {@code A' diag(w_r) A}, one per row of {@code weights}, in
     * one pass over X; the weights may have any sign (the off-diagonal blocks of a multinomial
     * information matrix, {@code -sum_i w_i p_ic p_id x_i x_i'}, are negative). Each row panel of A
     * is copied once into a small native buffer and, for every r, {@code P' diag(w_r) P} is added:
     * by {@code cblas_dsyrk} on {@code diag(sqrt|w_r|) P} with the sign as alpha when the weights
     * have one sign (half the flops), else by {@code cblas_dgemm}; the result is symmetrized from
     * its upper triangle.
     *
     * @param weights r weight vectors, each of length n
     */
    public Matrix[] weightedCrossProducts(double[][] weights) {
        return weightedCrossProducts(weights, null);
    }

    /**
     * {@link #weightedCrossProducts(double[][])} on the intercept column (when there is one) and
     * the predictor columns {@code columns} only (0-based, in the order given; null for all):
     * {@code B' diag(w_r) B} with {@code B = [1, X_columns]}, of order
     * {@code firstSlope() + columns.length}, in one pass over those columns (the strong set of a
     * path, for example).
     *
     * @param weights r weight vectors, each of length n
     * @param columns distinct predictor indices in {@code [0, p)}, or null for all
     */
    public Matrix[] weightedCrossProducts(double[][] weights, int[] columns) {
        for (double[] w : weights) {
            if (w.length != n) {
                throw new IllegalArgumentException("weights have length " + w.length + ", expected " + n);
            }
        }
        if (columns != null) {
            for (int c : columns) {
                if (c < 0 || c >= p) {
                    throw new IllegalArgumentException("column " + c + " is outside [0, " + p + ")");
                }
            }
        }
        int used = columns == null ? p : columns.length;
        int k = firstSlope() + used;
        int r = weights.length;
        double[][] full = new double[r][k * k];
        if (k > 0 && r > 0) {
            int b = panelRows(2 * k);
            DoublePointer panel = new DoublePointer((long) b * k);
            DoublePointer weighted = new DoublePointer((long) b * k);
            DoublePointer[] products = new DoublePointer[r];
            double[] segment = new double[b];
            double[] block = new double[b * k];
            double[] scaled = new double[b * k];
            int off = firstSlope();
            double[] sign = new double[r];
            for (int q = 0; q < r; q++) {
                sign[q] = signOf(weights[q]);
            }
            try {
                for (int q = 0; q < r; q++) {
                    products[q] = new DoublePointer((long) k * k);
                }
                for (int r0 = 0; r0 < n; r0 += b) {
                    int rows = Math.min(b, n - r0);
                    if (intercept) {
                        Arrays.fill(block, 0, rows, 1.0);
                    }
                    for (int j = 0; j < used; j++) {
                        int col = columns == null ? j : columns[j];
                        xp.position((long) col * n + r0).get(segment, 0, rows);
                        System.arraycopy(segment, 0, block, (j + off) * rows, rows);
                    }
                    panel.position(0).put(block, 0, rows * k);
                    for (int q = 0; q < r; q++) {
                        double[] w = weights[q];
                        double beta = r0 == 0 ? 0.0 : 1.0;
                        if (sign[q] != 0) {
                            // weights of one sign: +-(sqrt|w| P)'(sqrt|w| P) by SYRK, half the flops of GEMM
                            for (int i = 0; i < rows; i++) {
                                segment[i] = Math.sqrt(Math.abs(w[r0 + i]));
                            }
                            for (int j = 0; j < k; j++) {
                                int base = j * rows;
                                for (int i = 0; i < rows; i++) {
                                    scaled[base + i] = block[base + i] * segment[i];
                                }
                            }
                            weighted.position(0).put(scaled, 0, rows * k);
                            openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, k, rows, sign[q], weighted,
                                    rows, beta, products[q], k);
                            continue;
                        }
                        for (int j = 0; j < k; j++) {
                            int base = j * rows;
                            for (int i = 0; i < rows; i++) {
                                scaled[base + i] = block[base + i] * w[r0 + i];
                            }
                        }
                        weighted.position(0).put(scaled, 0, rows * k);
                        openblas.cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, k, k, rows, 1.0, panel, rows,
                                weighted, rows, beta, products[q], k);
                    }
                }
                for (int q = 0; q < r; q++) {
                    products[q].get(full[q]);
                }
            } finally {
                if (xp != null) {
                    xp.position(0);
                }
                panel.close();
                weighted.close();
                for (DoublePointer d : products) {
                    if (d != null) {
                        d.close();
                    }
                }
            }
        }
        Matrix[] out = new Matrix[r];
        for (int q = 0; q < r; q++) {
            double[] g = full[q];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < j; i++) {
                    g[j + i * k] = g[i + j * k];
                }
            }
            out[q] = Matrix.wrap(k, k, g);
        }
        return out;
    }

    /** 1 when every weight is >= 0, -1 when every weight is <= 0, 0 when both signs occur. */
    private static double signOf(double[] w) {
        boolean positive = false;
        boolean negative = false;
        for (double v : w) {
            positive |= v > 0;
            negative |= v < 0;
        }
        return negative ? (positive ? 0.0 : -1.0) : 1.0;
    }

    /** The Gram {@code A' W A} and, when a right-hand side was given, {@code A' W z}. */
    public record NormalEquations(Matrix gram, double[] rhs) {
    }

    private NormalEquations accumulate(double[] w, double[] z, int[] columns) {
        if (w.length != n) {
            throw new IllegalArgumentException("weights have length " + w.length + ", expected " + n);
        }
        int q = columns == null ? p : columns.length;
        int k = firstSlope() + q;
        int m = k + (z == null ? 0 : 1);
        double[] full = new double[m * m];
        if (m > 0) {
            int b = panelRows(m);
            DoublePointer panel = new DoublePointer((long) b * m);
            DoublePointer product = new DoublePointer((long) m * m);
            double[] sw = new double[b];
            double[] segment = new double[b];
            int off = firstSlope();
            try {
                for (int r0 = 0; r0 < n; r0 += b) {
                    int rows = Math.min(b, n - r0);
                    for (int i = 0; i < rows; i++) {
                        sw[i] = Math.sqrt(w[r0 + i]);
                    }
                    if (intercept) {
                        panel.position(0).put(sw, 0, rows);
                    }
                    for (int j = 0; j < q; j++) {
                        int col = columns == null ? j : columns[j];
                        xp.position((long) col * n + r0).get(segment, 0, rows);
                        for (int i = 0; i < rows; i++) {
                            segment[i] *= sw[i];
                        }
                        panel.position((long) (j + off) * rows).put(segment, 0, rows);
                    }
                    if (z != null) {
                        for (int i = 0; i < rows; i++) {
                            segment[i] = sw[i] * z[r0 + i];
                        }
                        panel.position((long) k * rows).put(segment, 0, rows);
                    }
                    panel.position(0);
                    openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, m, rows, 1.0, panel, rows,
                            r0 == 0 ? 0.0 : 1.0, product, m);
                }
                product.get(full);
            } finally {
                if (xp != null) {
                    xp.position(0);
                }
                panel.close();
                product.close();
            }
        }
        double[] gram = new double[k * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i <= j; i++) {
                double v = full[i + j * m];
                gram[i + j * k] = v;
                gram[j + i * k] = v;
            }
        }
        double[] rhs = null;
        if (z != null) {
            rhs = new double[k];
            for (int i = 0; i < k; i++) {
                rhs[i] = full[i + k * m];
            }
        }
        return new NormalEquations(Matrix.wrap(k, k, gram), rhs);
    }

    /** Target panel size for the weighted Gram: 2 MB, which stays in this machine's L2/L3 cache. */
    static final int PANEL_BYTES = 1 << 21;

    private int panelRows(int columns) {
        int rows = Math.max(256, PANEL_BYTES / (8 * columns));
        return Math.min(rows, Math.max(1, n));
    }

    private void checkCoefficients(double[] beta) {
        if (beta.length != coefficients()) {
            throw new IllegalArgumentException("coefficient vector has length " + beta.length + ", expected "
                    + coefficients());
        }
    }
}
