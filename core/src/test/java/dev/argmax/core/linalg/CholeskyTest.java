package dev.argmax.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cholesky (factor, solve, inverse, condition estimate) against commons-math3 and exact values. */
class CholeskyTest {

    private static double[][] randomSpd(Random rnd, int n) {
        double[][] b = new double[n + 5][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(b, false);
        return m.transpose().multiply(m).getData();
    }

    private static double[][] hilbert(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        return h;
    }

    /**
     * Orders 4 to 120: OpenBLAS 0.3.19's dpotrs/dpotri gave wrong answers from order 8 on AVX-512
     * machines (SkylakeX kernels), which is why {@link Cholesky} runs on the heap.
     */
    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {4, 8, 9, 11, 40, 120})
    void factorSolveInverseMatchCommonsMathOnRandomSpd(int n) {
        Random rnd = new Random(3);
        double[][] a = randomSpd(rnd, n);
        Cholesky c = Cholesky.factor(Matrix.of(a));
        CholeskyDecomposition ref = new CholeskyDecomposition(new Array2DRowRealMatrix(a));
        RealMatrix lt = ref.getLT();
        Matrix u = c.upper();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(lt.getEntry(i, j), u.get(i, j), 1e-12 * Math.max(1, Math.abs(lt.getEntry(i, j))));
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
        }
        double[] x = c.solve(b);
        double[] xr = ref.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(b)).toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(xr[i], x[i], 1e-11 * Math.max(1, Math.abs(xr[i])));
        }
        RealMatrix invRef = ref.getSolver().getInverse();
        Matrix inv = c.inverse();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(invRef.getEntry(i, j), inv.get(i, j), 1e-11 * Math.max(1, Math.abs(invRef.getEntry(i, j))));
            }
        }
        assertEquals(Math.log(ref.getDeterminant()), c.logDeterminant(), 1e-10);
    }

    @Test
    void illConditionedHilbertSolveKeepsTheDigitsConditioningAllows() {
        int n = 8; // cond_2 about 1.5e10
        double[][] h = hilbert(n);
        Cholesky c = Cholesky.factor(Matrix.of(h));
        // exact solution x = 1: b = H 1
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += h[i][j];
            }
        }
        double[] x = c.solve(b);
        for (double v : x) {
            assertEquals(1.0, v, 1e-5);
        }
        double cond = new SingularValueDecomposition(new Array2DRowRealMatrix(h)).getConditionNumber();
        double rcond = c.reciprocalCondition();
        // the 1-norm estimate is within a modest factor of 1/cond_2
        assertTrue(rcond > 1e-3 / cond && rcond < 1e3 / cond, "rcond " + rcond + " vs 1/cond " + 1 / cond);
    }

    /** The Hager-Higham estimate of ||A^-1||_1 is a lower bound, and close: rcond within [exact, 3 exact]. */
    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {3, 30, 90})
    void reciprocalConditionEstimateBracketsTheExactOneNormValue(int n) {
        double[][] a = randomSpd(new Random(n), n);
        RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse();
        double exact = 1.0 / (new Array2DRowRealMatrix(a).getNorm() * inv.getNorm());
        double estimate = Cholesky.factor(Matrix.of(a)).reciprocalCondition();
        assertTrue(estimate >= exact * (1 - 1e-10) && estimate <= 3 * exact, estimate + " vs exact " + exact);
    }

    @Test
    void reciprocalConditionOfIdentityIsOne() {
        assertEquals(1.0, Cholesky.factor(Matrix.identity(5)).reciprocalCondition(), 1e-15);
    }

    @Test
    void notPositiveDefiniteNamesTheMinor() {
        double[][] a = {{4, 2, 0}, {2, 1, 0}, {0, 0, 1}};
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.factor(Matrix.of(a)));
        assertEquals(2, e.minor());
        assertTrue(e.getMessage().contains("leading minor of order 2"), e.getMessage());
    }
}
