package dev.argmax.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import java.util.Random;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;

/**
 * The elastic-net penalty's prox and KKT distance, checked against direct numerical
 * minimization (commons-math3 Brent) of the one-dimensional problems they solve.
 */
class ElasticNetTest {

    private static double brentArgmin(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        return new BrentOptimizer(1e-14, 1e-16).optimize(new MaxEval(10_000), GoalType.MINIMIZE,
                new UnivariateObjectiveFunction(f::applyAsDouble), new SearchInterval(lo, hi)).getPoint();
    }

    @Test
    void proxMinimisesTheProximalObjective() {
        Random rnd = new Random(2);
        double[] factors = {1, 0, 2.5};
        double[] lower = {Double.NEGATIVE_INFINITY, -0.3, -1};
        double[] upper = {Double.POSITIVE_INFINITY, 0.4, 0};
        ElasticNet pen = new ElasticNet(0.7, 0.6, factors, lower, upper);
        for (int trial = 0; trial < 200; trial++) {
            int j = trial % 3;
            double z = 4 * rnd.nextGaussian();
            double t = 0.1 + rnd.nextDouble();
            double prox = pen.prox(j, z, t);
            double lo = Math.max(lower[j], -20);
            double hi = Math.min(upper[j], 20);
            double ref = brentArgmin(b -> (b - z) * (b - z) / (2 * t) + pen.value(j, b), lo, hi);
            assertEquals(ref, prox, 1e-7, "j=" + j + " z=" + z + " t=" + t);
        }
    }

    @Test
    void coordinateMinimizerIsGlmnetsUpdate() {
        ElasticNet pen = new ElasticNet(0.5, 0.8, null, null, null);
        double g = 1.3;
        double h = 2.0;
        // S(g, lambda alpha) / (h + lambda (1 - alpha))
        assertEquals((1.3 - 0.4) / (2.0 + 0.1), pen.coordinateMinimizer(0, g, h), 1e-15);
        assertEquals(0.0, pen.coordinateMinimizer(0, 0.39, h), 0.0);
        assertEquals((-1.3 + 0.4) / 2.1, pen.coordinateMinimizer(0, -g, h), 1e-15);
    }

    @Test
    void kktDistanceIsZeroExactlyAtTheCoordinateOptimum() {
        ElasticNet pen = new ElasticNet(0.5, 0.8, null, new double[] {-1}, new double[] {0.2});
        // objective (h/2) b^2 - g b + P(b): the smooth part's gradient at b is h b - g
        double h = 1.5;
        for (double g : new double[] {-3, -0.2, 0.1, 0.39, 0.5, 2}) {
            double b = pen.coordinateMinimizer(0, g, h);
            assertEquals(0.0, pen.subdifferentialDistance(0, b, h * b - g), 1e-14, "g=" + g);
            double off = b + 0.05 <= 0.2 ? b + 0.05 : b - 0.05;
            assertTrue(pen.subdifferentialDistance(0, off, h * off - g) > 0, "g=" + g);
        }
    }

    @Test
    void smoothnessCapabilities() {
        assertTrue(ElasticNet.ridge(1).isSmooth());
        assertTrue(ElasticNet.none().isSmooth());
        assertFalse(ElasticNet.lasso(0.1).isSmooth());
        assertFalse(new ElasticNet(1, 0, null, new double[] {-1}, null).isSmooth());
        assertThrows(UnsupportedOperationException.class, () -> ElasticNet.lasso(0.1).gradient(new double[1],
                new double[1]));
    }

    @Test
    void invalidSettingsAreNamed() {
        assertEquals("lambda must be finite and >= 0, got -0.1",
                assertThrows(InvalidDataException.class, () -> ElasticNet.lasso(-0.1)).getMessage());
        assertEquals("alpha must lie in [0, 1], got 1.5",
                assertThrows(InvalidDataException.class, () -> new ElasticNet(1, 1.5, null, null, null)).getMessage());
        assertEquals("penalty factor 2 must be finite and >= 0, got -1.0",
                assertThrows(InvalidDataException.class,
                        () -> new ElasticNet(1, 1, new double[] {1, -1}, null, null)).getMessage());
        assertEquals("lower limit 1 must be <= 0 (as in glmnet), got 0.5",
                assertThrows(InvalidDataException.class,
                        () -> new ElasticNet(1, 1, null, new double[] {0.5}, null)).getMessage());
        assertEquals("3 penalty factors given for 2 predictors",
                assertThrows(InvalidDataException.class,
                        () -> new ElasticNet(1, 1, new double[3], null, null).requireSize(2)).getMessage());
    }
}
