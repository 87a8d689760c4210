package dev.argmax.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The design operator (BLAS gemv / syrk on the native matrix) against commons-math3 products. */
class DesignTest {

    private static double[][] randomRows(Random rnd, int n, int p, double scale) {
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = scale * rnd.nextGaussian() * (j + 1) + j;
            }
        }
        return x;
    }

    private static INDArray toNative(double[][] rows) {
        int n = rows.length;
        int p = rows[0].length;
        double[][] cols = new double[p][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                cols[j][i] = rows[i][j];
            }
        }
        return NativeArrays.fromColumns(cols, n);
    }

    /** {@code [1, X]} or X as a commons-math3 matrix. */
    private static RealMatrix full(double[][] rows, boolean intercept) {
        int n = rows.length;
        int p = rows[0].length;
        int off = intercept ? 1 : 0;
        double[][] a = new double[n][p + off];
        for (int i = 0; i < n; i++) {
            if (intercept) {
                a[i][0] = 1;
            }
            System.arraycopy(rows[i], 0, a[i], off, p);
        }
        return new Array2DRowRealMatrix(a, false);
    }

    @ParameterizedTest(name = "intercept={0}")
    @ValueSource(booleans = {true, false})
    void multiplyAndTransposeMatchCommonsMath(boolean intercept) {
        Random rnd = new Random(11);
        int n = 257;
        int p = 9;
        double[][] rows = randomRows(rnd, n, p, 3.0);
        Design d = new Design(toNative(rows), intercept);
        RealMatrix a = full(rows, intercept);
        double[] beta = new double[d.coefficients()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = rnd.nextGaussian();
        }
        double[] eta = new double[n];
        d.multiply(beta, eta);
        assertArrayEquals(a.operate(beta), eta, 1e-12);

        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] atv = new double[d.coefficients()];
        d.transposeMultiply(v, atv);
        assertArrayEquals(a.transpose().operate(v), atv, 1e-10);
    }

    /**
     * {@code A' W A} and {@code A' W z} against commons-math3's dense products, on a small design
     * (one panel) and on one whose rows span several panels with a remainder.
     */
    @ParameterizedTest(name = "n={0}, p={1}, intercept={2}")
    @CsvSource({"301, 7, true", "301, 7, false", "5003, 150, true", "5003, 150, false"})
    void weightedNormalEquationsMatchCommonsMath(int n, int p, boolean intercept) {
        Random rnd = new Random(12);
        double[][] rows = randomRows(rnd, n, p, 2.0);
        double[] w = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 5 == 0 ? 0.0 : rnd.nextDouble() * 3;
            z[i] = rnd.nextGaussian() * 4;
        }
        Design d = new Design(toNative(rows), intercept);
        RealMatrix a = full(rows, intercept);
        RealMatrix wa = a.copy();
        double[] wz = new double[n];
        for (int i = 0; i < n; i++) {
            wz[i] = w[i] * z[i];
            for (int j = 0; j < wa.getColumnDimension(); j++) {
                wa.setEntry(i, j, wa.getEntry(i, j) * w[i]);
            }
        }
        double[][] expected = a.transpose().multiply(wa).getData();
        double[] expectedRhs = a.transpose().operate(wz);
        Matrix g = d.weightedGram(w);
        Design.NormalEquations ne = d.weightedNormalEquations(w, z);
        for (int i = 0; i < expected.length; i++) {
            double rhsTol = 1e-11 * Math.max(1, Math.abs(expectedRhs[i]));
            assertEquals(expectedRhs[i], ne.rhs()[i], rhsTol, "rhs " + i);
            for (int j = 0; j < expected.length; j++) {
                double tol = 1e-12 * Math.max(1, Math.abs(expected[i][j]));
                assertEquals(expected[i][j], g.get(i, j), tol, "entry " + i + "," + j);
                assertEquals(g.get(i, j), ne.gram().get(i, j), tol, "normal equations entry " + i + "," + j);
            }
        }
    }

    /**
     * {@code A' diag(w) A} with weights of both signs (an observed information) against
     * commons-math3's dense product, across several panels; each entry to 1e-12 of
     * {@code sum_i |w_i a_ij a_ik|}, above the worst-case rounding {@code n eps} of a sum of n
     * terms of mixed sign.
     */
    @ParameterizedTest(name = "n={0}, p={1}, intercept={2}")
    @CsvSource({"301, 7, true", "5003, 150, false"})
    void signedWeightedGramMatchesCommonsMath(int n, int p, boolean intercept) {
        Random rnd = new Random(13);
        double[][] rows = randomRows(rnd, n, p, 2.0);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 3 == 0 ? -rnd.nextDouble() : rnd.nextDouble() * 3;
        }
        Design d = new Design(toNative(rows), intercept);
        RealMatrix a = full(rows, intercept);
        RealMatrix wa = a.copy();
        RealMatrix absA = a.copy();
        RealMatrix absWa = a.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < wa.getColumnDimension(); j++) {
                wa.setEntry(i, j, a.getEntry(i, j) * w[i]);
                absA.setEntry(i, j, Math.abs(a.getEntry(i, j)));
                absWa.setEntry(i, j, Math.abs(a.getEntry(i, j) * w[i]));
            }
        }
        double[][] expected = a.transpose().multiply(wa).getData();
        double[][] scale = absA.transpose().multiply(absWa).getData();
        Matrix g = d.signedWeightedGram(w);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i][j], g.get(i, j), 1e-12 * scale[i][j], "entry " + i + "," + j);
            }
        }
    }

    /** The intercept-only design (no predictors): A = 1, so A beta = b0, A'v = sum v, A'WA = sum w. */
    @org.junit.jupiter.api.Test
    void interceptOnlyDesignHasNoPredictorColumns() {
        Design d = new Design(NativeArrays.matrix(4, 0), true);
        double[] eta = new double[4];
        d.multiply(new double[] {2.5}, eta);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, eta, 0.0);
        double[] sum = new double[1];
        d.transposeMultiply(new double[] {1, 2, 3, 4}, sum);
        assertEquals(10.0, sum[0], 0.0);
        Design.NormalEquations ne = d.weightedNormalEquations(new double[] {1, 1, 2, 0}, new double[] {1, 2, 3, 4});
        assertEquals(4.0, ne.gram().get(0, 0), 0.0);
        assertEquals(9.0, ne.rhs()[0], 1e-14); // sqrt(w)^2 is w up to one rounding
    }

    @ParameterizedTest(name = "intercept={0}")
    @ValueSource(booleans = {true, false})
    void rejectsWrongShapes(boolean intercept) {
        Design d = new Design(toNative(randomRows(new Random(1), 10, 3, 1)), intercept);
        assertThrows(IllegalArgumentException.class, () -> d.multiply(new double[7], new double[10]));
        assertThrows(IllegalArgumentException.class, () -> d.transposeMultiply(new double[9], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> d.weightedGram(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> d.weightedNormalEquations(new double[10], new double[9]));
    }

    /**
     * {@code A B} and {@code A' V} for m = 4 columns (one dgemm each) against commons-math3, each
     * entry to {@code 1e-13 sum |a_ij b_j|} (the rounding bound of a sum in another order is
     * about n eps times that sum of magnitudes; n eps is below 1e-13 here).
     */
    @ParameterizedTest(name = "intercept={0}")
    @ValueSource(booleans = {true, false})
    void blockProductsMatchCommonsMath(boolean intercept) {
        Random rnd = new Random(17);
        int n = 301;
        int p = 7;
        int m = 4;
        double[][] rows = randomRows(rnd, n, p, 1.0);
        Design d = new Design(toNative(rows), intercept);
        RealMatrix a = full(rows, intercept);
        int k = d.coefficients();
        double[] beta = new double[m * k];
        double[] v = new double[m * n];
        for (int i = 0; i < beta.length; i++) {
            beta[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] eta = new double[m * n];
        double[] back = new double[m * k];
        d.multiplyBlocks(beta, m, eta);
        d.transposeMultiplyBlocks(v, m, back);
        RealMatrix abs = a.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                abs.setEntry(i, j, Math.abs(a.getEntry(i, j)));
            }
        }
        for (int c = 0; c < m; c++) {
            double[] b = java.util.Arrays.copyOfRange(beta, c * k, (c + 1) * k);
            double[] w = java.util.Arrays.copyOfRange(v, c * n, (c + 1) * n);
            double[] expectEta = a.operate(b);
            double[] expectBack = a.preMultiply(w);
            double[] etaScale = abs.operate(java.util.Arrays.stream(b).map(Math::abs).toArray());
            double[] backScale = abs.preMultiply(java.util.Arrays.stream(w).map(Math::abs).toArray());
            for (int i = 0; i < n; i++) {
                assertEquals(expectEta[i], eta[c * n + i], 1e-13 * etaScale[i], "eta " + c + "," + i);
            }
            for (int j = 0; j < k; j++) {
                assertEquals(expectBack[j], back[c * k + j], 1e-13 * backScale[j], "A'v " + c + "," + j);
            }
        }
    }

    /**
     * The weighted cross products on a column subset, for weights of one sign (SYRK with the sign
     * as alpha), of the other sign, and of both signs (GEMM), equal the corresponding entries of
     * {@code A' diag(w) A} formed by commons-math3, each to {@code 1e-12 sum_i |w_i a_ir a_ic|}
     * (the rounding bound of a sum of n = 999 terms in another order is about n eps, below
     * 1e-12, times that sum).
     */
    @Test
    void weightedCrossProductsOnColumnsMatchCommonsMath() {
        Random rnd = new Random(23);
        int n = 999;
        int p = 8;
        double[][] rows = randomRows(rnd, n, p, 0.5);
        Design d = new Design(toNative(rows), true);
        RealMatrix a = full(rows, true);
        double[][] weights = new double[3][n];
        for (int i = 0; i < n; i++) {
            weights[0][i] = rnd.nextDouble();
            weights[1][i] = -rnd.nextDouble();
            weights[2][i] = rnd.nextGaussian();
        }
        int[] columns = {6, 1, 3};
        Matrix[] got = d.weightedCrossProducts(weights, columns);
        int[] idx = {0, 7, 2, 4};
        for (int q = 0; q < 3; q++) {
            RealMatrix wa = a.copy();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < a.getColumnDimension(); j++) {
                    wa.setEntry(i, j, a.getEntry(i, j) * weights[q][i]);
                }
            }
            RealMatrix expect = a.transpose().multiply(wa);
            assertEquals(4, got[q].rows());
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    double e = expect.getEntry(idx[r], idx[c]);
                    double magnitude = 0;
                    for (int i = 0; i < n; i++) {
                        magnitude += Math.abs(weights[q][i] * a.getEntry(i, idx[r]) * a.getEntry(i, idx[c]));
                    }
                    assertEquals(e, got[q].get(r, c), 1e-12 * magnitude, "weights " + q + " at " + r + "," + c);
                }
            }
        }
    }
}
