package dev.argmax.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.testing.Fixtures;
import dev.argmax.core.testing.NistCase;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Aliasing decided at the rounding level: exact linear combinations (a duplicated column, a
 * column that is the sum of others) are aliased, a nearly collinear but estimable column (NIST
 * StRD Filip's x^10, certified values) is estimated and flagged, and R's tolerance 1e-7 still
 * reproduces {@code lm}'s choice.
 */
class LeastSquaresAliasingTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {30, 20_000})
    void exactLinearCombinationsAreAliased(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] duplicate = new double[n];
        double[] sum = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1000 + rnd.nextGaussian();
            b[i] = rnd.nextGaussian() * 1e-3;
            duplicate[i] = a[i];
            sum[i] = a[i] + b[i];
            y[i] = 2 + 0.5 * a[i] - 30 * b[i] + 0.1 * rnd.nextGaussian();
        }
        INDArray x = NativeArrays.fromColumns(new double[][] {a, duplicate, b, sum}, n);
        LeastSquares.Solution s = LeastSquares.solve(x, y, null, null, LeastSquares.Options.defaults(true));
        assertArrayEquals(new int[] {2, 4}, s.aliased());
        assertTrue(Double.isNaN(s.coefficients()[2]) && Double.isNaN(s.coefficients()[4]));
        assertEquals(3, s.rank());
        LeastSquares.Solution kept = LeastSquares.solve(NativeArrays.fromColumns(new double[][] {a, b}, n), y, null,
                null, LeastSquares.Options.defaults(true));
        // both are refined to the least-squares solution of the same kept columns
        for (int[] pair : new int[][] {{0, 0}, {1, 1}, {3, 2}}) {
            double expected = kept.coefficients()[pair[1]];
            assertEquals(expected, s.coefficients()[pair[0]], 1e-12 * Math.abs(expected));
        }
    }

    @Test
    void filipIsEstimatedByDefaultAndFlaggedNearlyCollinear() {
        NistCase c = NistCase.load("Filip");
        INDArray x = NativeArrays.fromColumns(c.columns(), c.y().length);
        LeastSquares.Solution s = LeastSquares.solve(x, c.y(), null, null, LeastSquares.Options.defaults(true));
        assertEquals(0, s.aliased().length);
        assertTrue(java.util.Arrays.stream(s.nearlyCollinear()).anyMatch(j -> j == 10),
                java.util.Arrays.toString(s.nearlyCollinear()));
        assertTrue(Fixtures.minLre(s.coefficients(), c.estimates()) >= 7);
        assertTrue(s.refinementConverged());
    }

    @Test
    void rsToleranceAliasesFilipsLastPowerAsLmDoes() {
        NistCase c = NistCase.load("Filip");
        INDArray x = NativeArrays.fromColumns(c.columns(), c.y().length);
        LeastSquares.Solution s = LeastSquares.solve(x, c.y(), null, null,
                new LeastSquares.Options(true, 1e-7, 10));
        assertArrayEquals(new int[] {10}, s.aliased());
        assertEquals(0, s.nearlyCollinear().length);
        assertTrue(Double.isNaN(s.coefficients()[10]));
    }

    /**
     * Past the block sizes of the BLAS kernels (k = 121): the semi-normal equations with
     * refinement agree with LAPACK's pivoted QR without refinement. Both solve the same
     * well-conditioned problem (cond about 2); plain QR is backward stable, so its coefficients
     * are within about {@code k sqrt(n) u cond} (below 1e-11 here) of the exact solution that the
     * refined ones reach; the covariance likewise.
     */
    @Test
    void semiNormalEquationsAgreeWithPlainQrPastBlockSizes() {
        int n = 3000;
        int p = 120;
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] cols = new double[p][n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rnd.nextDouble();
            offset[i] = rnd.nextGaussian();
            y[i] = 3 + offset[i] + rnd.nextGaussian();
            for (int j = 0; j < p; j++) {
                cols[j][i] = 5 * j + rnd.nextGaussian();
                y[i] += (j % 7 - 3) * 0.1 * cols[j][i];
            }
        }
        INDArray x = NativeArrays.fromColumns(cols, n);
        LeastSquares.Solution sne = LeastSquares.solve(x, y, w, offset, LeastSquares.Options.defaults(true));
        LeastSquares.Solution qr = LeastSquares.solve(x, y, w, offset, new LeastSquares.Options(true, 0, 0));
        assertEquals(LeastSquares.Method.SEMI_NORMAL_EQUATIONS, sne.method());
        assertEquals(LeastSquares.Method.PIVOTED_QR, qr.method());
        double scale = 0;
        for (double v : qr.coefficients()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j <= p; j++) {
            assertEquals(qr.coefficients()[j], sne.coefficients()[j], 1e-11 * scale, "coefficient " + j);
            double v = qr.unscaledCovariance().get(j, j);
            assertEquals(v, sne.unscaledCovariance().get(j, j), 1e-10 * v, "variance " + j);
        }
        assertEquals(qr.residualSumOfSquares(), sne.residualSumOfSquares(), 1e-12 * qr.residualSumOfSquares());
    }

    /**
     * A problem whose least-squares solution is known exactly: integer predictors, integer
     * coefficients, and rows in identical pairs whose errors are {@code +d} and {@code -d}, so that
     * {@code X'e = 0} in exact arithmetic and the solution is the coefficients themselves with
     * {@code RSS = 2 sum d^2}. Every input is an exactly representable small integer, so the
     * refined solution must be those integers to within the refinement's stopping rule (2 ulps).
     * n is past several of the residual pass's parallel row blocks, and the same solve run on a
     * one-thread pool gives bit-identical numbers (the blocks are fixed by n, not by the threads).
     * With a shift of 10^6 on one column, centering the SYRK Gram afterwards would cancel about
     * 36 bits, so the panelled, centered Gram is used, with the same exact answer.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e6})
    void unweightedSolutionIsExactAndThreadIndependent(double shift) throws Exception {
        PairedProblem prob = PairedProblem.of(60_000, 40, 5, 3, shift);
        int p = prob.beta().length - 1;
        double[] beta = prob.beta();
        double[] y = prob.y();
        double rss = prob.rss();
        INDArray x = NativeArrays.fromColumns(prob.columns(), y.length);
        LeastSquares.Solution s = LeastSquares.solve(x, y, null, null, LeastSquares.Options.defaults(true));
        assertEquals(LeastSquares.Method.SEMI_NORMAL_EQUATIONS, s.method());
        assertTrue(s.refinementConverged());
        for (int j = 0; j <= p; j++) {
            assertEquals(beta[j], s.coefficients()[j], 2 * Math.ulp(Math.max(1, Math.abs(
                    beta[j]))), "coefficient " + j);
        }
        assertEquals(rss, s.residualSumOfSquares(), 1e-13 * rss);
        assertFinalPassWithinRounding(prob, s, 2 * Math.ulp(4.0 + Math.abs(shift)));
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            LeastSquares.Solution single = one.submit(() -> LeastSquares.solve(x, y, null, null,
                    LeastSquares.Options.defaults(true))).get();
            assertArrayEquals(s.coefficients(), single.coefficients());
            assertArrayEquals(s.weightedResiduals(), single.weightedResiduals());
            assertEquals(s.residualSumOfSquares(), single.residualSumOfSquares());
        } finally {
            one.shutdown();
        }
    }

    /**
     * Past {@link LeastSquares#DOUBLE_REFINEMENT_ENTRIES} entries a well-conditioned problem is
     * refined in double: the same exactly solvable construction as above (integer data, paired
     * rows with errors {@code +d, -d}), 200,000 x 90. The answer is then that of a backward-stable
     * solver, normwise within about {@code k u cond(A'')} of the exact integers (k = 91, the
     * centered, scaled design's condition near 1 here: about 1e-14); asserted with a factor of 100
     * for the constant: every coefficient within 1e-12 of the largest, and the residual sum of
     * squares within 1e-12 relative.
     */
    @Test
    void largeWellConditionedProblemsAreRefinedInDouble() {
        PairedProblem prob = PairedProblem.of(100_000, 90, 9, -2, 0);
        int p = prob.beta().length - 1;
        int n = prob.y().length;
        assertTrue((long) n * (p + 1) > LeastSquares.DOUBLE_REFINEMENT_ENTRIES);
        double[] beta = prob.beta();
        double[] y = prob.y();
        double rss = prob.rss();
        INDArray x = NativeArrays.fromColumns(prob.columns(), n);
        LeastSquares.Solution s = LeastSquares.solve(x, y, null, null, LeastSquares.Options.defaults(true));
        assertEquals(LeastSquares.Method.SEMI_NORMAL_EQUATIONS_REFINED_IN_DOUBLE, s.method());
        for (int j = 0; j <= p; j++) {
            assertEquals(beta[j], s.coefficients()[j], 1e-12 * 4, "coefficient " + j);
        }
        assertEquals(rss, s.residualSumOfSquares(), 1e-12 * rss);
        assertFinalPassWithinRounding(prob, s, 1e-12 * 4);
    }

    /**
     * The fitted values {@code A beta} and the normal-equations residual {@code A'(y - A beta)} of
     * the solution's final pass, against the exact problem: with the returned coefficients within
     * {@code e} of the exact ones (which have {@code A'(y - A beta*) = 0}), row i's fit is off by at
     * most {@code ||a_i||_1 e} plus the rounding of its dot product, {@code gamma_k ||a_i||_1 |beta|_max}
     * ({@code gamma_m = m u / (1 - m u)}), and entry c of the normal-equations residual by at most
     * {@code sum_i |a_ic| (||a_i||_1 e + gamma_(n+k) (|y_i| + ||a_i||_1 |beta|_max))}: the
     * coefficients' error times {@code |A|'|A|} plus the rounding of the residual and of the
     * transposed product. A pass that read X at a wrong offset or dropped a panel misses by far more.
     */
    private static void assertFinalPassWithinRounding(PairedProblem prob, LeastSquares.Solution s, double e) {
        double[][] cols = prob.columns();
        double[] y = prob.y();
        double[] beta = prob.beta();
        int n = y.length;
        int k = beta.length;
        double maxBeta = java.util.Arrays.stream(s.coefficients()).map(Math::abs).max().orElse(0);
        double u = 0x1p-53;
        double gammaK = k * u / (1 - k * u);
        double gammaNK = (n + k) * u / (1 - (n + k) * u);
        double[] bound = new double[k];
        for (int i = 0; i < n; i++) {
            double rowNorm = 1;
            double exactFit = beta[0];
            for (int j = 0; j < k - 1; j++) {
                rowNorm += Math.abs(cols[j][i]);
                exactFit += beta[j + 1] * cols[j][i];
            }
            assertEquals(exactFit, s.fittedValues()[i], rowNorm * e + gammaK * rowNorm * maxBeta, "fitted value " + i);
            double term = rowNorm * e + gammaNK * (Math.abs(y[i]) + rowNorm * maxBeta);
            bound[0] += term;
            for (int j = 0; j < k - 1; j++) {
                bound[j + 1] += Math.abs(cols[j][i]) * term;
            }
        }
        for (int c = 0; c < k; c++) {
            assertTrue(Math.abs(s.normalEquationsResidual()[c]) <= bound[c], "normal-equations residual " + c + ": "
                    + s.normalEquationsResidual()[c] + " beyond " + bound[c]);
        }
    }

    /**
     * An exactly solvable least-squares problem: integer predictors in [-8, 8] (column 0 shifted
     * by {@code shift}), integer coefficients in [-4, 4] after the given intercept, and rows in
     * identical pairs whose errors are {@code +d} and {@code -d} (d an integer in [-3, 3]), so
     * that {@code X'e = 0} exactly: the solution is {@code beta} and {@code RSS = 2 sum d^2}.
     */
    private record PairedProblem(double[][] columns, double[] y, double[] beta, double rss) {

        static PairedProblem of(int pairs, int p, long seed, double intercept, double shift) {
            int n = 2 * pairs;
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] beta = new double[p + 1];
            beta[0] = intercept;
            for (int j = 1; j <= p; j++) {
                beta[j] = rnd.nextInt(-4, 5);
            }
            double[][] cols = new double[p][n];
            double[] y = new double[n];
            double rss = 0;
            for (int i = 0; i < pairs; i++) {
                double fit = beta[0];
                for (int j = 0; j < p; j++) {
                    double v = rnd.nextInt(-8, 9) + (j == 0 ? shift : 0);
                    cols[j][2 * i] = v;
                    cols[j][2 * i + 1] = v;
                    fit += beta[j + 1] * v;
                }
                double d = rnd.nextInt(-3, 4);
                y[2 * i] = fit + d;
                y[2 * i + 1] = fit - d;
                rss += 2 * d * d;
            }
            return new PairedProblem(cols, y, beta, rss);
        }
    }
}
