package dev.argmax.models.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GeometricDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Properties every closed-form MLE must have, on fixed-seed random samples: no random
 * perturbation of the MLE has a higher log-likelihood, the score vanishes at an interior MLE, and
 * the MLE minimizes the forward KL divergence from the empirical distribution (equivalently the
 * empirical cross-entropy). The KL divergences and entropies are checked against direct
 * summation / integration of their definitions (an independent route to the closed forms).
 */
class MaximumLikelihoodPropertiesTest {

    private static final int PERTURBATIONS = 2000;

    private static double[] sample(java.util.function.DoubleSupplier draw, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = draw.getAsDouble();
        }
        return x;
    }

    private static Well19937c rng(int seed) {
        return new Well19937c(seed);
    }

    /**
     * Random relative perturbations of 1e-5 to 1 of a scalar MLE inside the parameter space (lo,
     * hi); smaller ones change the log-likelihood by less than its rounding error.
     */
    private static void assertScalarMaximum(ScalarLikelihood family, double[] x, double lo, double hi) {
        MaximumLikelihoodFit fit = family.fit(x);
        double best = fit.logLikelihood();
        double theta = fit.estimate()[0];
        Random r = new Random(7);
        for (int i = 0; i < PERTURBATIONS; i++) {
            double scale = Math.pow(10, -5 + 5 * r.nextDouble());
            double t = theta + scale * r.nextGaussian() * Math.max(theta, 1e-3);
            if (t <= lo || t >= hi) {
                continue;
            }
            double l = family.logLikelihood(x, t);
            assertTrue(l <= best, family.family() + ": loglik at " + t + " = " + l + " exceeds loglik at MLE "
                    + theta + " = " + best);
            if (family.discrete()) {
                assertTrue(family.empiricalKlDivergence(x, new double[] {t})
                        >= family.empiricalKlDivergence(x, fit.estimate()), family.family() + " empirical KL");
            }
            assertTrue(family.empiricalCrossEntropy(x, new double[] {t})
                    >= family.empiricalCrossEntropy(x, fit.estimate()), family.family() + " cross-entropy");
        }
        double score = fit.score()[0];
        double scoreScale = Math.sqrt(fit.fisherInformation()[0][0]);
        assertTrue(Math.abs(score) <= 1e-9 * scoreScale, family.family() + " score at the MLE " + score);
        assertTrue(fit.regular(), fit.warnings().toString());
    }

    @Test
    void bernoulliMleMaximisesLikelihood() {
        Well19937c g = rng(1);
        assertScalarMaximum(new Bernoulli(), sample(() -> g.nextDouble() < 0.3 ? 1 : 0, 57), 0, 1);
    }

    @Test
    void binomialMleMaximisesLikelihood() {
        BinomialDistribution d = new BinomialDistribution(rng(2), 12, 0.62);
        assertScalarMaximum(new Binomial(12), sample(d::sample, 40), 0, 1);
    }

    @Test
    void poissonMleMaximisesLikelihood() {
        PoissonDistribution d = new PoissonDistribution(rng(3), 4.2, 1e-12, 100000);
        assertScalarMaximum(new Poisson(), sample(d::sample, 80), 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void exponentialMleMaximisesLikelihood() {
        ExponentialDistribution d = new ExponentialDistribution(rng(4), 2.5);
        assertScalarMaximum(new Exponential(), sample(d::sample, 33), 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void geometricMleMaximisesLikelihood() {
        GeometricDistribution d = new GeometricDistribution(rng(5), 0.35);
        assertScalarMaximum(new Geometric(), sample(d::sample, 45), 0, 1);
    }

    @Test
    void gaussianMleMaximisesLikelihood() {
        Well19937c g = rng(6);
        double[] x = sample(() -> 10 + 3 * g.nextGaussian(), 25);
        Gaussian family = Gaussian.bothUnknown();
        MaximumLikelihoodFit fit = family.fit(x);
        double[] theta = fit.estimate();
        Random r = new Random(8);
        for (int i = 0; i < PERTURBATIONS; i++) {
            double scale = Math.pow(10, -5 + 5 * r.nextDouble());
            double[] t = {theta[0] + scale * r.nextGaussian(), theta[1] * Math.exp(scale * r.nextGaussian())};
            assertTrue(family.logLikelihood(x, t) <= fit.logLikelihood(), "gaussian loglik at perturbation");
            assertTrue(family.empiricalCrossEntropy(x, t) >= family.empiricalCrossEntropy(x, theta));
        }
        for (double s : fit.score()) {
            assertTrue(Math.abs(s) < 1e-12 * x.length, "score " + s);
        }
        // known-mean and known-variance variants: their single-parameter MLEs also maximize
        MaximumLikelihoodFit known = Gaussian.knownMean(10).fit(x);
        for (int i = 0; i < 200; i++) {
            double t = known.estimate()[0] * Math.exp(0.3 * r.nextGaussian());
            assertTrue(Gaussian.knownMean(10).logLikelihood(x, new double[] {t}) <= known.logLikelihood());
        }
        MaximumLikelihoodFit knownVariance = Gaussian.knownVariance(9).fit(x);
        assertEquals(theta[0], knownVariance.estimate()[0], 0);
        assertEquals(Math.sqrt(9.0 / x.length), knownVariance.standardError("mu"), 1e-15);
    }

    @Test
    void multinomialMleMaximisesLikelihoodOnTheSimplex() {
        double[] counts = {14, 3, 22, 9, 1};
        Multinomial family = Multinomial.withCategories(5);
        MaximumLikelihoodFit fit = family.fit(counts);
        double[] p = fit.estimate();
        Random r = new Random(9);
        for (int i = 0; i < PERTURBATIONS; i++) {
            double[] q = new double[p.length];
            double total = 0;
            for (int k = 0; k < q.length; k++) {
                q[k] = -Math.log(r.nextDouble());
                total += q[k];
            }
            double t = Math.pow(10, -5 + 5 * r.nextDouble());
            for (int k = 0; k < q.length; k++) {
                q[k] = (1 - t) * p[k] + t * q[k] / total;
            }
            double sum = 0;
            for (double v : q) {
                sum += v;
            }
            for (int k = 0; k < q.length; k++) {
                q[k] /= sum;
            }
            assertTrue(family.logLikelihood(counts, q) <= fit.logLikelihood(), "multinomial loglik");
            assertTrue(family.empiricalKlDivergence(counts, q) >= family.empiricalKlDivergence(counts, p));
        }
        assertEquals(0, family.empiricalKlDivergence(counts, p), 1e-15, "KL from the empirical to the MLE is 0");
        for (double s : fit.score()) {
            assertTrue(Math.abs(s) < 1e-12 * 49, "score " + s);
        }
    }

    @Test
    void klDivergenceAgreesWithDirectSummation() {
        assertEquals(directKl(k -> bernoulliPmf(0.3, k), k -> bernoulliPmf(0.55, k), 1),
                new Bernoulli().klDivergence(0.3, 0.55), 1e-15);
        BinomialDistribution b1 = new BinomialDistribution(null, 9, 0.2);
        BinomialDistribution b2 = new BinomialDistribution(null, 9, 0.45);
        assertEquals(directKl(b1::probability, b2::probability, 9), new Binomial(9).klDivergence(0.2, 0.45), 1e-12);
        PoissonDistribution p1 = new PoissonDistribution(3.7);
        PoissonDistribution p2 = new PoissonDistribution(5.1);
        assertEquals(directKl(p1::probability, p2::probability, 200), new Poisson().klDivergence(3.7, 5.1), 1e-13);
        GeometricDistribution g1 = new GeometricDistribution(null, 0.3);
        GeometricDistribution g2 = new GeometricDistribution(null, 0.6);
        assertEquals(directKl(g1::probability, g2::probability, 400), new Geometric().klDivergence(0.3, 0.6),
                1e-13);
        // entropies by summation
        assertEquals(directEntropy(p1::probability, 200), new Poisson().entropy(3.7), 1e-13);
        assertEquals(directEntropy(g1::probability, 400), new Geometric().entropy(0.3), 1e-13);
        assertEquals(directEntropy(b1::probability, 9), new Binomial(9).entropy(0.2), 1e-13);
        // continuous: midpoint-rule integration of the definitions
        assertEquals(integrate(x -> 2 * Math.exp(-2 * x) * Math.log(2 * Math.exp(-2 * x) / (0.5 * Math.exp(-0.5 * x))),
                0, 40), new Exponential().klDivergence(2, 0.5), 1e-8);
        Gaussian gaussian = Gaussian.bothUnknown();
        double kl = integrate(x -> normalPdf(x, 1, 2) * Math.log(normalPdf(x, 1, 2) / normalPdf(x, -0.5, 0.7)),
                -30, 30);
        assertEquals(kl, gaussian.klDivergence(new double[] {1, 2}, new double[] {-0.5, 0.7}), 1e-8);
        double crossEntropy = integrate(x -> -normalPdf(x, 1, 2) * Math.log(normalPdf(x, -0.5, 0.7)), -30, 30);
        assertEquals(crossEntropy, gaussian.crossEntropy(new double[] {1, 2}, new double[] {-0.5, 0.7}), 1e-8);
        assertEquals(0, new Poisson().klDivergence(2.2, 2.2), 0);
    }

    @Test
    void mleIsTheMinimumEmpiricalKlForDiscreteFamilies() {
        double[] x = {0, 1, 1, 3, 2, 0, 5, 1, 1, 2, 2, 0};
        Poisson poisson = new Poisson();
        double lambdaHat = poisson.fit(x).estimate()[0];
        // KL(P_n || P_lambda) summed directly over the distinct values
        double direct = 0;
        for (int v = 0; v <= 5; v++) {
            int count = 0;
            for (double xi : x) {
                count += xi == v ? 1 : 0;
            }
            if (count > 0) {
                double f = (double) count / x.length;
                direct += f * Math.log(f / new PoissonDistribution(lambdaHat).probability(v));
            }
        }
        assertEquals(direct, poisson.empiricalKlDivergence(x, new double[] {lambdaHat}), 1e-14);
        double step = 1e-4;
        assertTrue(poisson.empiricalKlDivergence(x, new double[] {lambdaHat + step}) > direct);
        assertTrue(poisson.empiricalKlDivergence(x, new double[] {lambdaHat - step}) > direct);
    }

    private static double bernoulliPmf(double p, int k) {
        return k == 1 ? p : 1 - p;
    }

    private static double directKl(java.util.function.IntToDoubleFunction p, java.util.function.IntToDoubleFunction q,
            int kMax) {
        double s = 0;
        for (int k = 0; k <= kMax; k++) {
            double a = p.applyAsDouble(k);
            if (a > 0) {
                s += a * Math.log(a / q.applyAsDouble(k));
            }
        }
        return s;
    }

    private static double directEntropy(java.util.function.IntToDoubleFunction p, int kMax) {
        double s = 0;
        for (int k = 0; k <= kMax; k++) {
            double a = p.applyAsDouble(k);
            if (a > 0) {
                s -= a * Math.log(a);
            }
        }
        return s;
    }

    private static double normalPdf(double x, double mu, double variance) {
        return Math.exp(-(x - mu) * (x - mu) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
    }

    private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        int n = 400_000;
        double h = (b - a) / n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = f.applyAsDouble(a + (i + 0.5) * h);
            if (Double.isFinite(v)) {
                s += v;
            }
        }
        return s * h;
    }

    @Test
    void informationParametersOfTheMultinomialAreTheFreeProbabilities() {
        Multinomial m = new Multinomial(List.of("a", "b", "c"));
        MaximumLikelihoodFit fit = m.fit(new double[] {2, 3, 5});
        assertEquals(List.of("p_a", "p_b"), fit.informationParameterNames());
        // (n I)^-1 over the free probabilities equals the top-left block of the covariance
        double[][] info = fit.fisherInformation();
        double det = info[0][0] * info[1][1] - info[0][1] * info[1][0];
        double[][] cov = fit.covariance();
        assertEquals(info[1][1] / det, cov[0][0], 1e-15);
        assertEquals(-info[0][1] / det, cov[0][1], 1e-15);
        assertEquals(info[0][0] / det, cov[1][1], 1e-15);
    }
}
