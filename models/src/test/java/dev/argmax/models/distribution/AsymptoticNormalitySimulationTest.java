package dev.argmax.models.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed simulation of asymptotic normality: the 95% Wald interval
 * {@code theta_hat +- 1.96/sqrt(n I(theta_hat))} must cover the true parameter in 93% to 97% of
 * 2,000 replications with n = 200 (the binomial standard error of a 95% coverage estimate from
 * 2,000 replications is 0.5%).
 */
class AsymptoticNormalitySimulationTest {

    private static final int REPLICATIONS = 2000;
    private static final int N = 200;

    @Test
    void poissonWaldIntervalCoversTheRate() {
        double lambda = 3.5;
        PoissonDistribution draw = new PoissonDistribution(new Well19937c(20261201), lambda,
                PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS);
        Poisson family = new Poisson();
        int covered = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = draw.sample();
            }
            covered += family.fit(x).waldInterval("lambda", 0.95).contains(lambda) ? 1 : 0;
        }
        double coverage = (double) covered / REPLICATIONS;
        System.out.printf("Poisson(3.5), n = 200: Wald 95%% coverage %.4f over %d replications%n", coverage,
                REPLICATIONS);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
    }

    @Test
    void bernoulliWaldIntervalCoversP() {
        double p = 0.3;
        Well19937c rng = new Well19937c(20261202);
        Bernoulli family = new Bernoulli();
        int covered = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = rng.nextDouble() < p ? 1 : 0;
            }
            covered += family.fit(x).waldInterval("p", 0.95).contains(p) ? 1 : 0;
        }
        double coverage = (double) covered / REPLICATIONS;
        System.out.printf("Bernoulli(0.3), n = 200: Wald 95%% coverage %.4f over %d replications%n", coverage,
                REPLICATIONS);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
    }
}
