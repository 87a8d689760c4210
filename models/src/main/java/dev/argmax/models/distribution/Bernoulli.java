package dev.argmax.models.distribution;

import java.util.List;

/**
 * Bernoulli(p): {@code P(X = 1) = p}, data in {0, 1}. With k successes in n trials the MLE is
 * {@code p_hat = k/n}, the log-likelihood {@code k log p + (n - k) log(1 - p)} (of the observed
 * sequence), the score {@code k/p - (n - k)/(1 - p)} and the information of one observation
 * {@code I(p) = 1/(p(1 - p))}, so {@code se = sqrt(p_hat(1 - p_hat)/n)}. All successes or all
 * failures put the MLE on the boundary (0 or 1): the standard error is 0, the log-odds infinite,
 * and the fit says so.
 */
public final class Bernoulli extends ScalarLikelihood {

    @Override
    public String family() {
        return "bernoulli";
    }

    @Override
    public String parameter() {
        return "p";
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void validate(double[] data) {
        Samples.requireCounts(data, 1, "bernoulli (values must be 0 or 1)");
    }

    @Override
    public double estimate(double[] data) {
        return Samples.sum(data) / data.length;
    }

    @Override
    public double logLikelihood(double[] data, double p) {
        double k = Samples.sum(data);
        return Samples.xlogy(k, p) + (data.length - k == 0 ? 0 : (data.length - k) * Math.log1p(-p));
    }

    @Override
    public double score(double[] data, double p) {
        double k = Samples.sum(data);
        double failures = data.length - k;
        return (k == 0 ? 0 : k / p) - (failures == 0 ? 0 : failures / (1 - p));
    }

    @Override
    public double information(double p) {
        return 1 / (p * (1 - p));
    }

    @Override
    public double inverseInformation(double p) {
        return p * (1 - p);
    }

    @Override
    public List<String> diagnose(double[] data, double p) {
        if (p == 0) {
            return List.of(boundary(p, "all " + data.length + " observations are failures"));
        }
        if (p == 1) {
            return List.of(boundary(p, "all " + data.length + " observations are successes"));
        }
        return List.of();
    }

    @Override
    public double klDivergence(double p, double q) {
        checkProbability(p);
        checkProbability(q);
        return relativeEntropyTerm(p, q) + relativeEntropyTerm(1 - p, 1 - q);
    }

    @Override
    public double entropy(double p) {
        checkProbability(p);
        return -Samples.xlogy(p, p) - Samples.xlogy(1 - p, 1 - p);
    }

    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability must lie in [0, 1], got " + p);
        }
    }
}
