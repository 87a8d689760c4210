package dev.argmax.models.distribution;

import java.util.List;

/**
 * Geometric(p) counting the <em>failures before the first success</em> (R's {@code dgeom}):
 * {@code P(X = x) = (1 - p)^x p}, {@code x = 0, 1, 2, ...}, mean {@code (1 - p)/p}. With
 * {@code S = sum x_i} the MLE is {@code p_hat = n/(n + S) = 1/(1 + xbar)}, the log-likelihood
 * {@code n log p + S log(1 - p)}, the score {@code n/p - S/(1 - p)} and the information of one
 * observation {@code I(p) = 1/(p^2 (1 - p))}, so {@code se = p_hat sqrt((1 - p_hat)/n)}.
 * All-zero data put the MLE on the boundary p = 1. (For the number of trials up to and
 * including the first success, subtract 1 from each observation.)
 */
public final class Geometric extends ScalarLikelihood {

    @Override
    public String family() {
        return "geometric";
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
        Samples.requireCounts(data, Double.MAX_VALUE, "geometric (failures before the first success)");
    }

    @Override
    public double estimate(double[] data) {
        return data.length / (data.length + Samples.sum(data));
    }

    @Override
    public double logLikelihood(double[] data, double p) {
        double s = Samples.sum(data);
        return data.length * Math.log(p) + (s == 0 ? 0 : s * Math.log1p(-p));
    }

    @Override
    public double score(double[] data, double p) {
        double s = Samples.sum(data);
        return data.length / p - (s == 0 ? 0 : s / (1 - p));
    }

    @Override
    public double information(double p) {
        return 1 / (p * p * (1 - p));
    }

    @Override
    public double inverseInformation(double p) {
        return p * p * (1 - p);
    }

    @Override
    public List<String> diagnose(double[] data, double p) {
        if (p == 1) {
            return List.of(boundary(p, "every one of the " + data.length + " observations is 0 failures"));
        }
        return List.of();
    }

    @Override
    public double klDivergence(double a, double b) {
        check(a);
        check(b);
        double failureTerm = a == 1 ? 0 : (1 - a) / a * Math.log((1 - a) / (1 - b));
        return Math.log(a / b) + failureTerm;
    }

    /** The entropy {@code (-(1 - p) log(1 - p) - p log p)/p}. */
    @Override
    public double entropy(double p) {
        check(p);
        return (-Samples.xlogy(1 - p, 1 - p) - Samples.xlogy(p, p)) / p;
    }

    private static void check(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("a geometric success probability must lie in (0, 1], got " + p);
        }
    }
}
