package dev.argmax.core.linalg;

/**
 * The Cholesky factorization {@code A = U'U} of a symmetric positive definite matrix, with solves,
 * the inverse and a reciprocal condition estimate (1-norm, Hager-Higham estimator).
 *
 * <p>In argmax A is an information matrix {@code X'WX} (or a penalized Hessian
 * {@code X'WX + n lambda I}); its inverse times the dispersion is the covariance of the
 * estimate.
 *
 * <p>These are {@code p x p} operations and run on the Java heap, column by column over
 * contiguous storage. They deliberately do not call LAPACK: OpenBLAS 0.3.19 (the build ND4J
 * 1.0.0-M2.1 ships) selects its SkylakeX kernels on AVX-512 machines, and there
 * {@code dpotrs}/{@code dpotri} return wrong answers for orders 8 and above (measured:
 * residuals of order 100 on a random 9 x 9 system) although {@code dpotrf} is right.
 */
public final class Cholesky {

    private final int n;
    private final double[] upper;
    private final double anorm;

    private Cholesky(int n, double[] upper, double anorm) {
        this.n = n;
        this.upper = upper;
        this.anorm = anorm;
    }

    /**
     * Factors a symmetric positive definite matrix (only the upper triangle is read).
     *
     * @throws NotPositiveDefiniteException if a leading minor is not positive
     */
    public static Cholesky factor(Matrix a) {
        a.requireSquare();
        int n = a.rows();
        double[] u = a.toColumnMajor();
        double norm = symmetricOneNorm(u, n);
        for (int j = 0; j < n; j++) {
            int cj = j * n;
            double d = u[j + cj];
            for (int k = 0; k < j; k++) {
                d -= u[k + cj] * u[k + cj];
            }
            if (!(d > 0)) {
                throw new NotPositiveDefiniteException(j + 1, n);
            }
            double ujj = Math.sqrt(d);
            u[j + cj] = ujj;
            for (int i = j + 1; i < n; i++) {
                int ci = i * n;
                double v = u[j + ci];
                for (int k = 0; k < j; k++) {
                    v -= u[k + cj] * u[k + ci];
                }
                u[j + ci] = v / ujj;
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                u[i + j * n] = 0;
            }
        }
        return new Cholesky(n, u, norm);
    }

    private static double symmetricOneNorm(double[] a, int n) {
        double best = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs(i <= j ? a[i + j * n] : a[j + i * n]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    /** Order of the matrix. */
    public int order() {
        return n;
    }

    /** The upper-triangular factor U, {@code A = U'U}. */
    public Matrix upper() {
        return Matrix.fromColumnMajor(n, n, upper);
    }

    /** Solves {@code A x = b}. */
    public double[] solve(double[] b) {
        if (b.length != n) {
            throw new IllegalArgumentException("right-hand side has length " + b.length + ", expected " + n);
        }
        double[] x = b.clone();
        solveInPlace(upper, n, x, 0);
        return x;
    }

    /** Solves {@code A X = B}. */
    public Matrix solve(Matrix b) {
        if (b.rows() != n) {
            throw new IllegalArgumentException("right-hand side has " + b.rows() + " rows, expected " + n);
        }
        double[] x = b.toColumnMajor();
        for (int c = 0; c < b.cols(); c++) {
            solveInPlace(upper, n, x, c * n);
        }
        return Matrix.wrap(n, b.cols(), x);
    }

    /** {@code U'U x = b} in place on {@code x[offset .. offset + n)}: U' y = b forwards, then U x = y backwards. */
    private static void solveInPlace(double[] u, int n, double[] x, int offset) {
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            double v = x[offset + i];
            for (int k = 0; k < i; k++) {
                v -= u[k + ci] * x[offset + k];
            }
            x[offset + i] = v / u[i + ci];
        }
        for (int i = n - 1; i >= 0; i--) {
            int ci = i * n;
            double xi = x[offset + i] / u[i + ci];
            x[offset + i] = xi;
            for (int k = 0; k < i; k++) {
                x[offset + k] -= u[k + ci] * xi;
            }
        }
    }

    /** {@code A^-1}, symmetric. */
    public Matrix inverse() {
        return Matrix.wrap(n, n, inverseFromFactor(upper, n));
    }

    /**
     * {@code (U'U)^-1 = U^-1 U^-T} for an upper-triangular U (column-major, order n), e.g. the R
     * factor of a QR decomposition; the full symmetric matrix is returned.
     */
    static double[] inverseFromFactor(double[] u, int n) {
        // V = U^-1, upper triangular, column by column: U v_j = e_j
        double[] v = new double[n * n];
        for (int j = 0; j < n; j++) {
            int cj = j * n;
            v[j + cj] = 1.0;
            for (int i = j; i >= 0; i--) {
                int ci = i * n;
                double vi = v[i + cj] / u[i + ci];
                v[i + cj] = vi;
                for (int k = 0; k < i; k++) {
                    v[k + cj] -= u[k + ci] * vi;
                }
            }
        }
        // A^-1 = V V': entry (i, j) = sum_{k >= max(i, j)} V_ik V_jk
        double[] inv = new double[n * n];
        for (int k = 0; k < n; k++) {
            int ck = k * n;
            for (int j = 0; j <= k; j++) {
                double vjk = v[j + ck];
                if (vjk == 0) {
                    continue;
                }
                int cj = j * n;
                for (int i = 0; i <= j; i++) {
                    inv[i + cj] += v[i + ck] * vjk;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                inv[i + j * n] = inv[j + i * n];
            }
        }
        return inv;
    }

    /** {@code log det A = 2 sum log U_ii}. */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(upper[i + i * n]);
        }
        return 2 * s;
    }

    /**
     * An estimate of {@code 1 / (||A||_1 ||A^-1||_1)}: near 1 for a well-conditioned matrix,
     * below about 1e-16 when A is singular to working precision. {@code ||A^-1||_1} comes from
     * Hager's estimator as refined by Higham (LAPACK's dlacon), a lower bound that is almost
     * always exact, at the cost of a few solves.
     */
    public double reciprocalCondition() {
        if (n == 0) {
            return 1.0;
        }
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        double estimate = 0;
        int last = -1;
        for (int iteration = 0; iteration < 5; iteration++) {
            double[] y = solve(x);
            double norm = 0;
            for (double v : y) {
                norm += Math.abs(v);
            }
            if (iteration > 0 && norm <= estimate) {
                break;
            }
            estimate = norm;
            double[] sign = new double[n];
            for (int i = 0; i < n; i++) {
                sign[i] = y[i] >= 0 ? 1.0 : -1.0;
            }
            double[] z = solve(sign);
            int best = 0;
            double zx = 0;
            for (int i = 0; i < n; i++) {
                zx += z[i] * x[i];
                if (Math.abs(z[i]) > Math.abs(z[best])) {
                    best = i;
                }
            }
            if (Math.abs(z[best]) <= zx || best == last) {
                break;
            }
            java.util.Arrays.fill(x, 0.0);
            x[best] = 1.0;
            last = best;
        }
        // Higham's alternative vector guards against the estimator's rare failures
        double[] alt = new double[n];
        for (int i = 0; i < n; i++) {
            alt[i] = (i % 2 == 0 ? 1 : -1) * (1.0 + (double) i / Math.max(1, n - 1));
        }
        double altNorm = 0;
        for (double v : solve(alt)) {
            altNorm += Math.abs(v);
        }
        estimate = Math.max(estimate, 2 * altNorm / (3.0 * n));
        return estimate == 0 || anorm == 0 ? 0.0 : 1.0 / (anorm * estimate);
    }
}
