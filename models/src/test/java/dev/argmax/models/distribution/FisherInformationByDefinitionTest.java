package dev.argmax.models.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.GeometricDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The closed forms of the families not in the reference fixture (Binomial, Geometric) and of the
 * discrete ones that are, checked by their definitions against commons-math3's pmfs (an outside
 * implementation): the log-likelihood is {@code sum log p(x_i)}, and the Fisher information of
 * one observation is {@code E[score^2] = sum_k p(k) (d/dtheta log p(k))^2}, with the derivative
 * taken by central differences of commons-math3's {@code logProbability}.
 */
class FisherInformationByDefinitionTest {

    private static final double[] COUNTS = {3, 0, 7, 2, 5, 5, 1, 4};

    private interface LogPmf {
        double at(double theta, int k);
    }

    private static double informationByDefinition(LogPmf logPmf, double theta, int kMax) {
        double h = 1e-5 * theta;
        double info = 0;
        for (int k = 0; k <= kMax; k++) {
            double p = Math.exp(logPmf.at(theta, k));
            if (p == 0) {
                continue;
            }
            double score = (logPmf.at(theta + h, k) - logPmf.at(theta - h, k)) / (2 * h);
            info += p * score * score;
        }
        return info;
    }

    private static double logLikelihoodByDefinition(IntToDoubleFunction logPmf, double[] x) {
        double l = 0;
        for (double v : x) {
            l += logPmf.applyAsDouble((int) v);
        }
        return l;
    }

    @Test
    void binomial() {
        Binomial family = new Binomial(9);
        double p = 0.37;
        LogPmf logPmf = (t, k) -> new BinomialDistribution(null, 9, t).logProbability(k);
        assertEquals(informationByDefinition(logPmf, p, 9), family.information(p), 1e-7 * family.information(p));
        assertEquals(logLikelihoodByDefinition(k -> logPmf.at(p, k), COUNTS), family.logLikelihood(COUNTS, p), 1e-12);
    }

    @Test
    void geometric() {
        Geometric family = new Geometric();
        double p = 0.22;
        LogPmf logPmf = (t, k) -> new GeometricDistribution(null, t).logProbability(k);
        assertEquals(informationByDefinition(logPmf, p, 600), family.information(p), 1e-7 * family.information(p));
        assertEquals(logLikelihoodByDefinition(k -> logPmf.at(p, k), COUNTS), family.logLikelihood(COUNTS, p), 1e-12);
    }

    @Test
    void poisson() {
        Poisson family = new Poisson();
        double lambda = 2.9;
        LogPmf logPmf = (t, k) -> new PoissonDistribution(null, t, 1e-12, 10000000).logProbability(k);
        assertEquals(informationByDefinition(logPmf, lambda, 200), family.information(lambda),
                1e-7 * family.information(lambda));
        assertEquals(logLikelihoodByDefinition(k -> logPmf.at(lambda, k), COUNTS), family.logLikelihood(COUNTS, lambda),
                1e-12);
    }

    @Test
    void bernoulli() {
        Bernoulli family = new Bernoulli();
        double p = 0.81;
        LogPmf logPmf = (t, k) -> new BinomialDistribution(null, 1, t).logProbability(k);
        assertEquals(informationByDefinition(logPmf, p, 1), family.information(p), 1e-7 * family.information(p));
        double[] x = {1, 0, 1, 1};
        assertEquals(logLikelihoodByDefinition(k -> logPmf.at(p, k), x), family.logLikelihood(x, p), 1e-14);
    }
}
