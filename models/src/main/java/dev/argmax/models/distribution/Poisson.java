package dev.argmax.models.distribution;

import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Poisson(lambda): data are counts. The MLE is the mean {@code lambda_hat = S/n}
 * ({@code S = sum x_i}), the full log-likelihood {@code S log lambda - n lambda - sum log x_i!},
 * the score {@code S/lambda - n} and the information of one observation
 * {@code I(lambda) = 1/lambda}, so {@code se = sqrt(lambda_hat/n)}. All-zero data put the MLE on
 * the boundary lambda = 0.
 */
public final class Poisson extends ScalarLikelihood {

    @Override
    public String family() {
        return "poisson";
    }

    @Override
    public String parameter() {
        return "lambda";
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void validate(double[] data) {
        Samples.requireCounts(data, Double.MAX_VALUE, "poisson");
    }

    @Override
    public double estimate(double[] data) {
        return Samples.sum(data) / data.length;
    }

    @Override
    public double logLikelihood(double[] data, double lambda) {
        double s = Samples.sum(data);
        double logFactorials = 0;
        for (double x : data) {
            logFactorials += logFactorial(x);
        }
        return Samples.xlogy(s, lambda) - data.length * lambda - logFactorials;
    }

    static double logFactorial(double x) {
        return x <= 20 ? CombinatoricsUtils.factorialLog((int) x) : Gamma.logGamma(x + 1);
    }

    @Override
    public double score(double[] data, double lambda) {
        double s = Samples.sum(data);
        return (s == 0 ? 0 : s / lambda) - data.length;
    }

    @Override
    public double information(double lambda) {
        return 1 / lambda;
    }

    @Override
    public double inverseInformation(double lambda) {
        return lambda;
    }

    @Override
    public List<String> diagnose(double[] data, double lambda) {
        if (lambda == 0) {
            return List.of(boundary(lambda, "all " + data.length + " counts are 0"));
        }
        return List.of();
    }

    @Override
    public double klDivergence(double a, double b) {
        check(a);
        check(b);
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return a * Math.log(a / b) - a + b;
    }

    /**
     * The entropy {@code -sum_k p(k) log p(k)}, summed numerically over
     * {@code k <= lambda + 40 sqrt(lambda) + 60} (the remaining tail is below double precision).
     */
    @Override
    public double entropy(double lambda) {
        check(lambda);
        if (lambda == 0) {
            return 0;
        }
        long kMax = (long) Math.ceil(lambda + 40 * Math.sqrt(lambda) + 60);
        double h = 0;
        for (long k = 0; k <= kMax; k++) {
            double logPmf = k * Math.log(lambda) - lambda - logFactorial(k);
            double pmf = Math.exp(logPmf);
            if (pmf > 0) {
                h -= pmf * logPmf;
            }
        }
        return h;
    }

    private static void check(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("a Poisson rate must be finite and >= 0, got " + lambda);
        }
    }
}
