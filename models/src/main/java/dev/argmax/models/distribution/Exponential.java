package dev.argmax.models.distribution;

import java.util.List;

/**
 * Exponential with rate lambda: density {@code lambda exp(-lambda x)}, {@code x >= 0}, mean
 * {@code 1/lambda}. The MLE is {@code lambda_hat = n/S} ({@code S = sum x_i}), the
 * log-likelihood {@code n log lambda - lambda S}, the score {@code n/lambda - S} and the
 * information of one observation {@code I(lambda) = 1/lambda^2}, so
 * {@code se = lambda_hat/sqrt(n)}. The MLE of the mean {@code 1/lambda} follows by invariance
 * ({@code fit.derive("rate", Transformation.RECIPROCAL)}: {@code xbar}, se {@code xbar/sqrt(n)}).
 * If every observation is 0 the likelihood grows without bound in lambda: there is no finite MLE
 * (the estimate is {@code +Infinity} and the fit says so).
 */
public final class Exponential extends ScalarLikelihood {

    @Override
    public String family() {
        return "exponential";
    }

    @Override
    public String parameter() {
        return "rate";
    }

    @Override
    public boolean discrete() {
        return false;
    }

    @Override
    public void validate(double[] data) {
        Samples.requireNumbers(data, "exponential");
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0) {
                throw new dev.argmax.core.data.InvalidDataException("exponential: observation " + (i + 1)
                        + " is negative (" + data[i] + "); exponential data must be >= 0");
            }
        }
    }

    @Override
    public double estimate(double[] data) {
        return data.length / Samples.sum(data);
    }

    @Override
    public double logLikelihood(double[] data, double rate) {
        double s = Samples.sum(data);
        if (Double.isInfinite(rate) && s == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return data.length * Math.log(rate) - rate * s;
    }

    @Override
    public double score(double[] data, double rate) {
        return data.length / rate - Samples.sum(data);
    }

    @Override
    public double information(double rate) {
        return 1 / (rate * rate);
    }

    @Override
    public double inverseInformation(double rate) {
        return rate * rate;
    }

    @Override
    public List<String> diagnose(double[] data, double rate) {
        if (Double.isInfinite(rate)) {
            return List.of("all " + data.length + " observations are 0: the likelihood increases without bound as"
                    + " the rate grows, so there is no finite MLE (rate = +Infinity) and no standard error");
        }
        return List.of();
    }

    @Override
    public double klDivergence(double a, double b) {
        check(a);
        check(b);
        return Math.log(a / b) + b / a - 1;
    }

    /** The differential entropy {@code 1 - log lambda}. */
    @Override
    public double entropy(double rate) {
        check(rate);
        return 1 - Math.log(rate);
    }

    private static void check(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("an exponential rate must be finite and > 0, got " + rate);
        }
    }
}
