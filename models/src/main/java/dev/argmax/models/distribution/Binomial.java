package dev.argmax.models.distribution;

import java.util.List;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Binomial(m, p) with a known number of trials m per observation: data are counts in
 * {@code 0..m}. With {@code S = sum x_i} successes in {@code n m} trials the MLE is
 * {@code p_hat = S/(n m)}, the full log-likelihood
 * {@code sum log C(m, x_i) + S log p + (n m - S) log(1 - p)}, the score
 * {@code S/p - (n m - S)/(1 - p)} and the information of one observation
 * {@code I(p) = m/(p(1 - p))}, so {@code se = sqrt(p_hat(1 - p_hat)/(n m))}.
 */
public final class Binomial extends ScalarLikelihood {

    private final int trials;

    /**
     * @param trials the known number of trials m of every observation, {@code >= 1}
     */
    public Binomial(int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("binomial: the number of trials must be >= 1, got " + trials);
        }
        this.trials = trials;
    }

    /** The known number of trials m. */
    public int trials() {
        return trials;
    }

    @Override
    public String family() {
        return "binomial";
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
        Samples.requireCounts(data, trials, "binomial (counts of successes out of " + trials + " trials)");
    }

    @Override
    public double estimate(double[] data) {
        return Samples.sum(data) / ((double) data.length * trials);
    }

    @Override
    public double logLikelihood(double[] data, double p) {
        double s = Samples.sum(data);
        double failures = (double) data.length * trials - s;
        double c = 0;
        for (double x : data) {
            c += CombinatoricsUtils.binomialCoefficientLog(trials, (int) x);
        }
        return c + Samples.xlogy(s, p) + (failures == 0 ? 0 : failures * Math.log1p(-p));
    }

    @Override
    public double score(double[] data, double p) {
        double s = Samples.sum(data);
        double failures = (double) data.length * trials - s;
        return (s == 0 ? 0 : s / p) - (failures == 0 ? 0 : failures / (1 - p));
    }

    @Override
    public double information(double p) {
        return trials / (p * (1 - p));
    }

    @Override
    public double inverseInformation(double p) {
        return p * (1 - p) / trials;
    }

    @Override
    public List<String> diagnose(double[] data, double p) {
        if (p == 0) {
            return List.of(boundary(p, "no successes in " + (long) data.length * trials + " trials"));
        }
        if (p == 1) {
            return List.of(boundary(p, "all " + (long) data.length * trials + " trials are successes"));
        }
        return List.of();
    }

    @Override
    public double klDivergence(double p, double q) {
        Bernoulli.checkProbability(p);
        Bernoulli.checkProbability(q);
        return trials * (relativeEntropyTerm(p, q) + relativeEntropyTerm(1 - p, 1 - q));
    }

    /** The entropy, summed exactly over {@code 0..m}. */
    @Override
    public double entropy(double p) {
        Bernoulli.checkProbability(p);
        double h = 0;
        for (int k = 0; k <= trials; k++) {
            double logPmf = CombinatoricsUtils.binomialCoefficientLog(trials, k) + Samples.xlogy(k, p)
                    + Samples.xlogy(trials - k, 1 - p);
            double pmf = Math.exp(logPmf);
            if (pmf > 0) {
                h -= pmf * logPmf;
            }
        }
        return h;
    }
}
