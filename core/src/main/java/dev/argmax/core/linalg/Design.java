package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

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
 * The scaled copy of X used for the Gram is allocated once, on first use, and reused. An
 * instance therefore is not thread-safe; use {@link #copy()} for another thread (it shares X).
 */
public final class Design {

    private final INDArray x;
    private final DoublePointer xp;
    private final int n;
    private final int p;
    private final boolean intercept;
    private final DoublePointer rowVector;
    private final DoublePointer coefVector;
    private INDArray scaled;
    private DoublePointer scaledPointer;
    private DoublePointer gram;

    /**
     * @param x {@code n x p} dense column-major DOUBLE predictors (not copied)
     * @param intercept whether the first coefficient is an intercept
     */
    public Design(INDArray x, boolean intercept) {
        this.x = x;
        this.xp = NativeArrays.pointer(x);
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
     * The weighted Gram (information) matrix {@code A' diag(w) A}, {@code w_i >= 0}.
     *
     * <p>Rows of X are scaled by {@code sqrt(w_i)} into a reused native buffer, then one
     * {@code cblas_dsyrk} forms {@code X' W X}; the intercept row is {@code (sum w, (X'w)')},
     * one {@code dgemv}.
     */
    public Matrix weightedGram(double[] w) {
        if (w.length != n) {
            throw new IllegalArgumentException("weights have length " + w.length + ", expected " + n);
        }
        int k = coefficients();
        double[] out = new double[k * k];
        int off = firstSlope();
        if (p > 0) {
            ensureScaledBuffer();
            double[] sw = new double[n];
            for (int i = 0; i < n; i++) {
                sw[i] = Math.sqrt(w[i]);
            }
            scaleRows(sw);
            openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, p, n, 1.0, scaledPointer, n, 0.0, gram, p);
            double[] g = new double[p * p];
            gram.get(g);
            for (int j = 0; j < p; j++) {
                for (int i = 0; i <= j; i++) {
                    double v = g[i + j * p];
                    out[(i + off) + (j + off) * k] = v;
                    out[(j + off) + (i + off) * k] = v;
                }
            }
        }
        if (intercept) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w[i];
            }
            out[0] = sum;
            if (p > 0) {
                double[] xtw = new double[k];
                transposeMultiply(w, xtw);
                for (int j = 1; j < k; j++) {
                    out[j] = xtw[j];
                    out[j * k] = xtw[j];
                }
            }
        }
        return Matrix.wrap(k, k, out);
    }

    private void ensureScaledBuffer() {
        if (scaled == null) {
            scaled = NativeArrays.matrix(n, p);
            scaledPointer = NativeArrays.pointer(scaled);
            gram = new DoublePointer((long) p * p);
        }
    }

    /** {@code scaled[:, j] = s .* X[:, j]} for every column, column by column through the heap. */
    private void scaleRows(double[] s) {
        double[] col = new double[n];
        for (int j = 0; j < p; j++) {
            NativeArrays.getColumn(xp, n, j, col);
            for (int i = 0; i < n; i++) {
                col[i] *= s[i];
            }
            NativeArrays.putColumn(scaledPointer, n, j, col);
        }
    }

    private void checkCoefficients(double[] beta) {
        if (beta.length != coefficients()) {
            throw new IllegalArgumentException("coefficient vector has length " + beta.length + ", expected "
                    + coefficients());
        }
    }
}
