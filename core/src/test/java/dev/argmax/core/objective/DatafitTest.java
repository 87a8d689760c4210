package dev.argmax.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.argmax.core.data.InvalidDataException;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The three canonical datafits: values against commons-math3 log-densities (up to the constants
 * each drops), derivatives against central finite differences.
 */
class DatafitTest {

    private static final Random RND = new Random(4);

    private static double[] draw(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * RND.nextGaussian();
        }
        return v;
    }

    @Test
    void logisticValueIsTheBernoulliNegativeLogLikelihood() {
        double[] eta = {-40, -2, 0, 0.7, 35};
        double[] y = {0, 1, 0, 1, 1};
        double[] w = {1, 2, 1, 0.5, 1};
        double expected = 0;
        double total = 0;
        for (int i = 0; i < eta.length; i++) {
            double p = 1 / (1 + Math.exp(-eta[i]));
            expected -= w[i] * new BinomialDistribution(1, p).logProbability((int) y[i]);
            total += w[i];
        }
        assertEquals(expected / total, new LogisticDatafit(y, w).value(eta), 1e-12);
    }

    @Test
    void poissonValueIsTheNegativeLogLikelihoodWithoutLogYFactorial() {
        double[] eta = {-1, 0.3, 2.2};
        double[] y = {0, 2, 7};
        double expected = 0;
        for (int i = 0; i < eta.length; i++) {
            double mu = Math.exp(eta[i]);
            double logFactorial = org.apache.commons.math3.util.CombinatoricsUtils.factorialLog((int) y[i]);
            expected -= new PoissonDistribution(mu).logProbability((int) y[i]) + logFactorial;
        }
        assertEquals(expected / 3, new PoissonDatafit(y, null).value(eta), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, new PoissonDatafit(y, null).value(new double[] {0, 800, 0}));
    }

    @Test
    void quadraticValueIsHalfTheWeightedMeanSquare() {
        double[] y = {1, 2, 4};
        double[] eta = {1.5, 2, 3};
        double[] w = {2, 1, 1};
        assertEquals((2 * 0.25 + 0 + 1) / (2 * 4), new QuadraticDatafit(y, w).value(eta), 1e-15);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        int n = 12;
        double[] eta = draw(n, 1.5);
        double[] counts = new double[n];
        double[] binary = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            counts[i] = RND.nextInt(6);
            binary[i] = RND.nextBoolean() ? 1 : 0;
            w[i] = 0.5 + RND.nextDouble();
        }
        for (Datafit f : List.of(new QuadraticDatafit(draw(n, 2), w), new LogisticDatafit(binary, w),
                new PoissonDatafit(counts, w))) {
            double[] g = new double[n];
            double[] h = new double[n];
            f.derivatives(eta, g, h);
            double[] g2 = new double[n];
            double[] h2 = new double[n];
            f.gradient(eta, g2);
            f.hessianDiagonal(eta, h2);
            for (int i = 0; i < n; i++) {
                double step = 1e-5;
                double[] up = eta.clone();
                double[] down = eta.clone();
                up[i] += step;
                down[i] -= step;
                double fd = (f.value(up) - f.value(down)) / (2 * step);
                assertEquals(fd, g[i], 1e-8, f.name() + " gradient " + i);
                assertEquals(g[i], g2[i], 1e-15);
                double[] gu = new double[n];
                double[] gd = new double[n];
                f.gradient(up, gu);
                f.gradient(down, gd);
                assertEquals((gu[i] - gd[i]) / (2 * step), h[i], 1e-8, f.name() + " hessian " + i);
                assertEquals(h[i], h2[i], 1e-15);
            }
        }
    }

    @Test
    void responsesOutsideTheSupportAreRejected() {
        assertEquals("logistic response must lie in [0, 1], got 2.0 at row 2",
                assertThrows(InvalidDataException.class,
                        () -> new LogisticDatafit(new double[] {0, 2}, null)).getMessage());
        assertEquals("Poisson response must be >= 0, got -1.0 at row 1",
                assertThrows(InvalidDataException.class,
                        () -> new PoissonDatafit(new double[] {-1, 2}, null)).getMessage());
    }
}
