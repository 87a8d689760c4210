package dev.argmax.core.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Householder QR with column pivoting, {@code A P = Q R} (LAPACK dgeqp3), of a tall
 * {@code m x k} matrix ({@code m >= k}) held in native memory.
 *
 * <p>Q is kept in LAPACK's compact form (reflectors below the diagonal plus {@code tau}) and
 * applied one reflector at a time; R is small ({@code k x k}) and lives on the heap. The factorization
 * takes ownership of the native matrix it is given and overwrites it.
 */
public final class QrDecomposition {

    private final int m;
    private final int k;
    /** Owns the native memory that {@code a} points into; keeps it alive as long as this object. */
    private final INDArray factored;
    private final DoublePointer a;
    private final DoublePointer tau;
    private final int[] pivot;
    private final double[] r;

    private QrDecomposition(int m, int k, INDArray factored, DoublePointer a, DoublePointer tau, int[] pivot,
                            double[] r) {
        this.m = m;
        this.k = k;
        this.factored = factored;
        this.a = a;
        this.tau = tau;
        this.pivot = pivot;
        this.r = r;
    }

    /** Factors a copy of {@code a} (which is left unchanged). */
    public static QrDecomposition of(INDArray a) {
        INDArray copy = NativeArrays.matrix(a.rows(), a.columns());
        copy.assign(a);
        return ofOwned(copy);
    }

    /**
     * Factors {@code a} in place: the caller hands over a dense column-major matrix it will not
     * use again (saves a copy of a possibly large matrix).
     */
    public static QrDecomposition ofOwned(INDArray a) {
        int m = (int) a.rows();
        int k = (int) a.columns();
        if (m < k) {
            throw new IllegalArgumentException("QR least squares needs at least as many rows as columns, got "
                    + m + " x " + k);
        }
        DoublePointer pa = NativeArrays.pointer(a);
        DoublePointer tau = new DoublePointer(Math.max(1, k));
        int[] jpvt = new int[k];
        Lapack.geqp3(m, k, pa, jpvt, tau);
        int[] pivot = new int[k];
        for (int j = 0; j < k; j++) {
            pivot[j] = jpvt[j] - 1;
        }
        double[] r = new double[k * k];
        double[] col = new double[k];
        long base = pa.position();
        for (int j = 0; j < k; j++) {
            pa.position(base + (long) j * m).get(col, 0, j + 1);
            System.arraycopy(col, 0, r, j * k, j + 1);
        }
        pa.position(base);
        return new QrDecomposition(m, k, a, pa, tau, pivot, r);
    }

    /** Number of rows m. */
    public int rows() {
        return m;
    }

    /** Number of columns k. */
    public int columns() {
        return k;
    }

    /** The pivot: column j of R belongs to column {@code pivot()[j]} of A (0-based). */
    public int[] pivot() {
        return pivot.clone();
    }

    /** The upper-triangular {@code k x k} factor R (columns in pivoted order). */
    public Matrix r() {
        return Matrix.fromColumnMajor(k, k, r);
    }

    /**
     * Numerical rank: the number of diagonal entries of R with
     * {@code |R_jj| > tolerance * |R_00|}. Column pivoting makes the diagonal non-increasing in
     * magnitude, so this is the usual rank-revealing test.
     */
    public int rank(double tolerance) {
        if (k == 0) {
            return 0;
        }
        double first = Math.abs(r[0]);
        int rank = 0;
        while (rank < k && Math.abs(r[rank + rank * k]) > tolerance * first) {
            rank++;
        }
        return rank;
    }

    /** LAPACK's estimate of {@code 1 / cond_1(R)}, which is also the estimate for A. */
    public double reciprocalCondition() {
        return Lapack.trcon('U', k, r, k);
    }

    /** {@code Q' y} for a vector of length m (length m result; the first k entries pair with R). */
    public double[] applyQTranspose(double[] y) {
        return applyQ('T', y);
    }

    /** {@code Q v} for a vector of length m. */
    public double[] applyQ(double[] v) {
        return applyQ('N', v);
    }

    /**
     * Applies {@code Q = H_1 ... H_k} ({@code trans = 'N'}) or {@code Q'} ({@code 'T'}), with the
     * Householder reflectors {@code H_j = I - tau_j v_j v_j'} stored below the diagonal of the
     * factored matrix, one reflector at a time on the heap (2 m k flops). Not through LAPACK's
     * dormqr: its blocked form calls dtrmm, which OpenBLAS 0.3.19's SkylakeX kernels get wrong
     * (see {@link Cholesky}).
     */
    private double[] applyQ(char trans, double[] v) {
        if (v.length != m) {
            throw new IllegalArgumentException("vector length " + v.length + " != " + m + " rows");
        }
        double[] out = v.clone();
        double[] column = new double[m];
        double[] taus = new double[k];
        tau.get(taus);
        for (int step = 0; step < k; step++) {
            int j = trans == 'T' ? step : k - 1 - step;
            if (taus[j] == 0) {
                continue;
            }
            NativeArrays.getColumn(a, m, j, column);
            double s = out[j];
            for (int i = j + 1; i < m; i++) {
                s += column[i] * out[i];
            }
            s *= taus[j];
            out[j] -= s;
            for (int i = j + 1; i < m; i++) {
                out[i] -= s * column[i];
            }
        }
        return out;
    }

    /** Solves {@code R z = b} (back substitution), b of length k. */
    public double[] solveR(double[] b) {
        double[] z = b.clone();
        for (int i = k - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < k; j++) {
                s -= r[i + j * k] * z[j];
            }
            z[i] = s / r[i + i * k];
        }
        return z;
    }

    /** Solves {@code R' z = b} (forward substitution), b of length k. */
    public double[] solveRTranspose(double[] b) {
        double[] z = b.clone();
        for (int i = 0; i < k; i++) {
            double s = z[i];
            for (int j = 0; j < i; j++) {
                s -= r[j + i * k] * z[j];
            }
            z[i] = s / r[i + i * k];
        }
        return z;
    }

    /**
     * The least-squares solution of {@code min ||A x - y||}, in the original column order
     * (assumes full rank).
     */
    public double[] solve(double[] y) {
        double[] qty = applyQTranspose(y);
        double[] head = new double[k];
        System.arraycopy(qty, 0, head, 0, k);
        double[] z = solveR(head);
        double[] x = new double[k];
        for (int j = 0; j < k; j++) {
            x[pivot[j]] = z[j];
        }
        return x;
    }

    /**
     * {@code (A'A)^-1 = P (R'R)^-1 P'} in the original column order (R is the Cholesky factor of
     * {@code P'A'AP}; inverted on the heap, see {@link Cholesky}); full rank assumed.
     */
    public Matrix inverseGram() {
        double[] inv = Cholesky.inverseFromFactor(r, k);
        double[] out = new double[k * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i <= j; i++) {
                double v = inv[i + j * k];
                int pi = pivot[i];
                int pj = pivot[j];
                out[pi + pj * k] = v;
                out[pj + pi * k] = v;
            }
        }
        return Matrix.wrap(k, k, out);
    }

    /**
     * The columns of A that are linear combinations of earlier columns (in A's own order), as R's
     * {@code lm}/{@code glm} report them with NA: column j is aliased when
     * {@link #orthogonalFractions(double) its orthogonal fraction} is at most {@code tolerance}
     * (R's default tolerance is 1e-7).
     */
    public int[] aliasedColumns(double tolerance) {
        double[] fraction = orthogonalFractions(tolerance);
        return java.util.stream.IntStream.range(0, k).filter(j -> fraction[j] <= tolerance).toArray();
    }

    /**
     * For each column j of A (in A's own order), the norm of the part of it that is orthogonal to
     * the earlier non-aliased columns, divided by its own norm: 1 for a column orthogonal to
     * them, 0 for an exact linear combination of them (0 also for a zero column). A column counts
     * as aliased, and is left out of the span that later columns are compared with, when its
     * fraction is at most {@code tolerance}; this is R's sequential aliasing test.
     *
     * <p>Works on the small matrix {@code C = R P'}, whose columns have the same inner products
     * as the columns of A, so the test costs {@code O(k^3)} whatever the number of rows.
     */
    public double[] orthogonalFractions(double tolerance) {
        double[] tolerances = new double[k];
        java.util.Arrays.fill(tolerances, tolerance);
        return orthogonalFractions(tolerances);
    }

    /** As {@link #orthogonalFractions(double)} with a tolerance of its own for each column of A. */
    public double[] orthogonalFractions(double[] tolerances) {
        if (tolerances.length != k) {
            throw new IllegalArgumentException("expected " + k + " tolerances, got " + tolerances.length);
        }
        double[][] c = new double[k][k];
        for (int jp = 0; jp < k; jp++) {
            int orig = pivot[jp];
            for (int i = 0; i <= jp; i++) {
                c[orig][i] = r[i + jp * k];
            }
        }
        double[][] basis = new double[k][];
        int kept = 0;
        double[] fraction = new double[k];
        for (int j = 0; j < k; j++) {
            double[] v = c[j].clone();
            double norm = norm(v);
            // two passes of Gram-Schmidt (the second removes what the first left by rounding)
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < kept; b++) {
                    double d = dot(basis[b], v);
                    for (int i = 0; i < k; i++) {
                        v[i] -= d * basis[b][i];
                    }
                }
            }
            double rest = norm(v);
            fraction[j] = norm == 0 ? 0.0 : rest / norm;
            if (fraction[j] > tolerances[j]) {
                for (int i = 0; i < k; i++) {
                    v[i] /= rest;
                }
                basis[kept++] = v;
            }
        }
        return fraction;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (double v : a) {
            double t = v / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }
}
