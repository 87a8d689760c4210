package dev.argmax.optim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The null model of a multinomial path ({@link BlockCoordinateDescent} with no eligible slope and
 * every slope at 0, fitted on the intercepts alone): without an offset it is the closed-form
 * weighted MLE of the class probabilities in the symmetric parametrization,
 * {@code b_c = log W_c - mean_d log W_d} ({@code W_c} the weight of class c); with an offset its
 * exact intercept gradient, computed independently through {@link Problem}, is at the tolerance.
 * The KKT stop is at {@code 1e-12} times the gradient scale (O(0.1) here) and the intercepts'
 * curvature is at least {@code min_c pi_c (1 - pi_c)} &gt; 0.05, so the intercepts are within 1e-9.
 */
class BlockInterceptNewtonTest {

    private static final int N = 300;
    private static final int P = 3;
    private static final int K = 4;

    private final Random random = new Random(7);
    private final int[] y = new int[N];
    private final double[] w = new double[N];
    private final Design design;

    BlockInterceptNewtonTest() {
        double[][] columns = new double[P][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                columns[j][i] = random.nextGaussian();
            }
            double u = random.nextDouble();
            y[i] = u < 0.1 ? 0 : u < 0.4 ? 1 : u < 0.8 ? 2 : 3;
            w[i] = 0.5 + random.nextDouble();
        }
        design = new Design(NativeArrays.fromColumns(columns, N), true);
    }

    private SolverResult nullFit(MultinomialDatafit datafit, double[] offset) {
        BlockCoordinateDescent cd = new BlockCoordinateDescent(design, datafit, offset,
                CoordinateDescent.Settings.defaults());
        SolverResult r = cd.solve(ElasticNet.lasso(1.0), null, new boolean[K * P], 1e-12, System.nanoTime()).result();
        assertTrue(r.converged(), r.message());
        int k = design.coefficients();
        for (int c = 0; c < K; c++) {
            for (int j = 1; j < k; j++) {
                assertEquals(0.0, r.coefficients()[c * k + j], "slope " + c + ":" + j);
            }
        }
        return r;
    }

    @Test
    void withoutOffsetTheInterceptsAreTheClosedFormMle() {
        MultinomialDatafit datafit = new MultinomialDatafit(y, K, w, MultinomialDatafit.Parametrization.SYMMETRIC);
        SolverResult r = nullFit(datafit, null);
        double[] logW = new double[K];
        for (int i = 0; i < N; i++) {
            logW[y[i]] += w[i];
        }
        double mean = 0;
        for (int c = 0; c < K; c++) {
            logW[c] = Math.log(logW[c]);
            mean += logW[c] / K;
        }
        int k = design.coefficients();
        for (int c = 0; c < K; c++) {
            assertEquals(logW[c] - mean, r.coefficients()[c * k], 1e-9, "intercept " + c);
        }
    }

    @Test
    void withAnOffsetTheInterceptGradientVanishes() {
        MultinomialDatafit datafit = new MultinomialDatafit(y, K, w, MultinomialDatafit.Parametrization.SYMMETRIC);
        double[] offset = new double[N * K];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = 0.8 * random.nextGaussian();
        }
        SolverResult r = nullFit(datafit, offset);
        Problem prob = new Problem(design, datafit, ElasticNet.lasso(1.0), offset);
        double[] eta = new double[prob.predictorLength()];
        prob.linearPredictor(r.coefficients(), eta);
        double[] grad = prob.datafitGradient(eta);
        int k = design.coefficients();
        for (int c = 0; c < K; c++) {
            assertTrue(Math.abs(grad[c * k]) <= 1e-11, "intercept " + c + " gradient " + grad[c * k]);
        }
    }
}
