package dev.argmax.core.linalg;

/**
 * The Cholesky factorisation {@code A = U'U} of a symmetric positive definite matrix (LAPACK
 * dpotrf), with solves (dpotrs), the inverse (dpotri) and a reciprocal condition estimate
 * (dpocon, 1-norm).
 *
 * <p>In argmax A is an information matrix {@code X'WX} (or a penalised Hessian
 * {@code X'WX + n lambda I}); its inverse times the dispersion is the covariance of the
 * estimate.
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
        int info = Lapack.potrf('U', n, u);
        if (info < 0) {
            throw new IllegalStateException("dpotrf: argument " + (-info) + " had an illegal value");
        }
        if (info > 0) {
            throw new NotPositiveDefiniteException(info, n);
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
        Lapack.potrs('U', n, 1, upper, x);
        return x;
    }

    /** Solves {@code A X = B}. */
    public Matrix solve(Matrix b) {
        if (b.rows() != n) {
            throw new IllegalArgumentException("right-hand side has " + b.rows() + " rows, expected " + n);
        }
        double[] x = b.toColumnMajor();
        Lapack.potrs('U', n, b.cols(), upper, x);
        return Matrix.wrap(n, b.cols(), x);
    }

    /** {@code A^-1}, symmetric. */
    public Matrix inverse() {
        double[] inv = upper.clone();
        Lapack.potri('U', n, inv);
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                inv[i + j * n] = inv[j + i * n];
            }
        }
        return Matrix.wrap(n, n, inv);
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
     * LAPACK's estimate of {@code 1 / (||A||_1 ||A^-1||_1)}: near 1 for a well-conditioned
     * matrix, below about 1e-16 when A is singular to working precision.
     */
    public double reciprocalCondition() {
        return Lapack.pocon('U', n, upper, anorm);
    }
}
