package dev.argmax.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pivoted Householder QR (LAPACK dgeqp3/dormqr) against commons-math3 and exact answers. */
class QrDecompositionTest {

    private static double[][] randomColumns(Random rnd, int n, int p) {
        double[][] c = new double[p][n];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                c[j][i] = rnd.nextGaussian() * Math.pow(10, j % 3);
            }
        }
        return c;
    }

    private static RealMatrix rowsOf(double[][] cols, int n) {
        double[][] r = new double[n][cols.length];
        for (int j = 0; j < cols.length; j++) {
            for (int i = 0; i < n; i++) {
                r[i][j] = cols[j][i];
            }
        }
        return new Array2DRowRealMatrix(r, false);
    }

    /** Orders past LAPACK's block sizes too: OpenBLAS picks different kernels there (see {@link Cholesky}). */
    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({"120, 6", "600, 40", "1500, 150"})
    void leastSquaresSolutionMatchesCommonsMath(int n, int p) {
        Random rnd = new Random(5);
        double[][] cols = randomColumns(rnd, n, p);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextGaussian();
        }
        QrDecomposition qr = QrDecomposition.of(NativeArrays.fromColumns(cols, n));
        double[] x = qr.solve(y);
        double[] ref = new QRDecomposition(rowsOf(cols, n)).getSolver().solve(new ArrayRealVector(y)).toArray();
        for (int j = 0; j < p; j++) {
            assertEquals(ref[j], x[j], 1e-11 * Math.max(1, Math.abs(ref[j])));
        }
        assertEquals(p, qr.rank(1e-10));
        // Q is orthogonal: Q Q'y = y
        assertArrayEquals(y, qr.applyQ(qr.applyQTranspose(y)), 1e-13);
    }

    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({"80, 5", "400, 60"})
    void inverseGramMatchesCommonsMath(int n, int p) {
        Random rnd = new Random(6);
        double[][] cols = randomColumns(rnd, n, p);
        RealMatrix a = rowsOf(cols, n);
        RealMatrix ref = new org.apache.commons.math3.linear.LUDecomposition(a.transpose().multiply(a))
                .getSolver().getInverse();
        Matrix inv = QrDecomposition.of(NativeArrays.fromColumns(cols, n)).inverseGram();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                assertEquals(ref.getEntry(i, j), inv.get(i, j), 1e-10 * Math.abs(ref.getEntry(i, i)));
            }
        }
    }

    @Test
    void rankAndAliasedColumnsOfACollinearDesign() {
        Random rnd = new Random(7);
        int n = 50;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            c[i] = 2 * a[i] - b[i]; // aliased with the two before it
            d[i] = rnd.nextGaussian();
        }
        QrDecomposition qr = QrDecomposition.of(NativeArrays.fromColumns(new double[][] {a, b, c, d}, n));
        assertEquals(3, qr.rank(1e-10));
        // R's convention: the later column of a dependent set is the aliased one
        assertArrayEquals(new int[] {2}, qr.aliasedColumns(1e-7));
    }

    @Test
    void reciprocalConditionOfOrthogonalColumnsIsNearOne() {
        int n = 4;
        double[][] cols = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        double rcond = QrDecomposition.of(NativeArrays.fromColumns(cols, n)).reciprocalCondition();
        assertEquals(1.0, rcond, 1e-15);
    }

    @Test
    void leastSquaresRejectsTooFewRows() {
        INDArray x = NativeArrays.fromColumns(new double[][] {{1, 2}, {3, 5}, {2, 2}}, 2);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> LeastSquares.solve(x, new double[] {1, 2}, null, null, LeastSquares.Options.defaults(true)));
        assertTrue(e.getMessage().contains("too few rows"), e.getMessage());
    }

    @Test
    void leastSquaresReportsAliasedColumnAsNaN() {
        Random rnd = new Random(8);
        int n = 30;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = 3 * a[i] + 1; // aliased with the intercept and a
            y[i] = 2 + 0.5 * a[i] + 0.1 * rnd.nextGaussian();
        }
        LeastSquares.Solution s = LeastSquares.solve(NativeArrays.fromColumns(new double[][] {a, b}, n), y, null, null,
                LeastSquares.Options.defaults(true));
        assertArrayEquals(new int[] {2}, s.aliased());
        assertTrue(Double.isNaN(s.coefficients()[2]));
        assertEquals(2, s.rank());
        // the kept fit equals the fit without the aliased column
        LeastSquares.Solution kept = LeastSquares.solve(NativeArrays.fromColumns(new double[][] {a}, n), y, null,
                null, LeastSquares.Options.defaults(true));
        assertEquals(kept.coefficients()[0], s.coefficients()[0], 1e-13);
        assertEquals(kept.coefficients()[1], s.coefficients()[1], 1e-13);
    }

    @Test
    void weightedLeastSquaresEqualsRowReplication() {
        // integer weights are the same as repeating rows
        Random rnd = new Random(9);
        int n = 25;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = 1 + 2 * x[i] + rnd.nextGaussian();
            w[i] = 1 + (i % 3);
            total += (int) w[i];
        }
        double[] xr = new double[total];
        double[] yr = new double[total];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++) {
                xr[r] = x[i];
                yr[r++] = y[i];
            }
        }
        LeastSquares.Solution weighted = LeastSquares.solve(NativeArrays.fromColumns(new double[][] {x}, n), y, w,
                null, LeastSquares.Options.defaults(true));
        LeastSquares.Solution replicated = LeastSquares.solve(NativeArrays.fromColumns(new double[][] {xr}, total),
                yr, null, null, LeastSquares.Options.defaults(true));
        assertArrayEquals(replicated.coefficients(), weighted.coefficients(), 1e-13);
        assertEquals(replicated.residualSumOfSquares(), weighted.residualSumOfSquares(), 1e-12);
        assertEquals(replicated.unscaledCovariance().get(1, 1), weighted.unscaledCovariance().get(1, 1), 1e-14);
    }
}
