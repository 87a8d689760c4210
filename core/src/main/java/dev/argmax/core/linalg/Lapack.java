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
 * <p>Only routines that avoid OpenBLAS 0.3.19's level-3 triangular kernels are used. On AVX-512
 * machines OpenBLAS selects its SkylakeX kernels, whose {@code dtrsm} and {@code dtrmm} are wrong
 * from order 8 up (measured here: errors of 10 to 1e9 against a Java loop, while dgemm, dsyrk,
 * dgemv and dtrsv are right to 1e-14). That rules out dpotrs, dpotri, dormqr and anything
 * blocked on them; {@link Cholesky} and the application of Q run on the heap instead, and
 * dgeqp3 (dlaqps: dgemm and dgemv) and dtrcon (level 2) stay here. The tests run every routine at
 * orders past the block sizes to catch this.
 *
 * <p>All matrices are column-major. Native buffers are freed when each call returns.
 */
final class Lapack {

    private Lapack() {
    }

    /** Reciprocal condition number (1-norm) of a triangular matrix. */
    static double trcon(char uplo, int n, double[] a, int lda) {
        try (DoublePointer pa = new DoublePointer(a); DoublePointer rcond = new DoublePointer(1)) {
            check(openblas.LAPACKE_dtrcon(LAPACK_COL_MAJOR, (byte) '1', (byte) uplo, (byte) 'N', n, pa, lda, rcond),
                    "dtrcon");
            return rcond.get();
        }
    }

    /** Householder QR with column pivoting of the native m x n matrix {@code a}, in place. */
    static void geqp3(int m, int n, DoublePointer a, int[] jpvt, DoublePointer tau) {
        try (IntPointer pj = new IntPointer(jpvt)) {
            check(openblas.LAPACKE_dgeqp3(LAPACK_COL_MAJOR, m, n, a, m, pj, tau), "dgeqp3");
            pj.get(jpvt);
        }
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
