package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Direct calls into OpenBLAS's LAPACKE and CBLAS through JavaCPP, on native copies of heap
 * matrices. ND4J 1.0.0-M2.1's own wrappers for syrk, trsm and the LU factors are wrong (syrk
 * passes K = 1, trsm a bad Diag argument, getLFactor/getUFactor round to float), so argmax calls
 * OpenBLAS itself; these calls were checked against commons-math3 to 1e-15 relative.
 *
 * <p>All matrices are column-major. Native buffers are freed when each call returns.
 */
final class Lapack {

    private Lapack() {
    }

    /** Cholesky factor in place (upper triangle U with A = U'U); returns LAPACK's info. */
    static int potrf(char uplo, int n, double[] a) {
        try (DoublePointer pa = new DoublePointer(a)) {
            int info = openblas.LAPACKE_dpotrf(LAPACK_COL_MAJOR, (byte) uplo, n, pa, n);
            pa.get(a);
            return info;
        }
    }

    /** Solves A X = B given the Cholesky factor; B (n x nrhs) is overwritten. */
    static void potrs(char uplo, int n, int nrhs, double[] factor, double[] b) {
        try (DoublePointer pa = new DoublePointer(factor); DoublePointer pb = new DoublePointer(b)) {
            check(openblas.LAPACKE_dpotrs(LAPACK_COL_MAJOR, (byte) uplo, n, nrhs, pa, n, pb, n), "dpotrs");
            pb.get(b);
        }
    }

    /** Inverse from the Cholesky factor, in place; only the {@code uplo} triangle is set. */
    static void potri(char uplo, int n, double[] factor) {
        try (DoublePointer pa = new DoublePointer(factor)) {
            check(openblas.LAPACKE_dpotri(LAPACK_COL_MAJOR, (byte) uplo, n, pa, n), "dpotri");
            pa.get(factor);
        }
    }

    /** Reciprocal condition number (1-norm) of A from its Cholesky factor and ||A||_1. */
    static double pocon(char uplo, int n, double[] factor, double anorm) {
        try (DoublePointer pa = new DoublePointer(factor); DoublePointer rcond = new DoublePointer(1)) {
            check(openblas.LAPACKE_dpocon(LAPACK_COL_MAJOR, (byte) uplo, n, pa, n, anorm, rcond), "dpocon");
            return rcond.get();
        }
    }

    /** Reciprocal condition number (1-norm) of a triangular matrix. */
    static double trcon(char uplo, int n, double[] a, int lda) {
        try (DoublePointer pa = new DoublePointer(a); DoublePointer rcond = new DoublePointer(1)) {
            check(openblas.LAPACKE_dtrcon(LAPACK_COL_MAJOR, (byte) '1', (byte) uplo, (byte) 'N', n, pa, lda, rcond),
                    "dtrcon");
            return rcond.get();
        }
    }

    /** Symmetric eigen-decomposition in place: a receives the eigenvectors, w the eigenvalues (ascending). */
    static void syevd(int n, double[] a, double[] w) {
        try (DoublePointer pa = new DoublePointer(a); DoublePointer pw = new DoublePointer(n)) {
            check(openblas.LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) 'V', (byte) 'U', n, pa, n, pw), "dsyevd");
            pa.get(a);
            pw.get(w);
        }
    }

    /** Householder QR with column pivoting of the native m x n matrix {@code a}, in place. */
    static void geqp3(int m, int n, DoublePointer a, int[] jpvt, DoublePointer tau) {
        try (IntPointer pj = new IntPointer(jpvt)) {
            check(openblas.LAPACKE_dgeqp3(LAPACK_COL_MAJOR, m, n, a, m, pj, tau), "dgeqp3");
            pj.get(jpvt);
        }
    }

    /** Applies Q' (trans = 'T') or Q (trans = 'N') from a QR factorisation to the m x nrhs matrix c. */
    static void ormqr(char trans, int m, int nrhs, int k, DoublePointer a, DoublePointer tau, DoublePointer c) {
        check(openblas.LAPACKE_dormqr(LAPACK_COL_MAJOR, (byte) 'L', (byte) trans, m, nrhs, k, a, m, tau, c, m),
                "dormqr");
    }

    static void check(int info, String routine) {
        if (info < 0) {
            throw new IllegalStateException(routine + ": argument " + (-info) + " had an illegal value");
        }
        if (info > 0) {
            throw new ArithmeticException(routine + " failed with info = " + info);
        }
    }
}
