package dev.argmax.models.conjugate;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Beta-Binomial(m, alpha, beta): the number of successes in m trials when p ~ Beta(alpha, beta)
 * (the posterior predictive of the Beta-Binomial model).
 * {@code P(K = k) = C(m, k) B(k + alpha, m - k + beta) / B(alpha, beta)}, mean
 * {@code m alpha/(alpha+beta)}, variance
 * {@code m alpha beta (alpha+beta+m) / ((alpha+beta)^2 (alpha+beta+1))}.
 *
 * @param trials m, {@code >= 1}
 * @param alpha {@code > 0}
 * @param beta {@code > 0}
 */
public record BetaBinomial(int trials, double alpha, double beta) {

    public BetaBinomial {
        if (trials < 1 || !(alpha > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("Beta-Binomial needs trials >= 1, alpha > 0, beta > 0; got " + trials
                    + ", " + alpha + ", " + beta);
        }
    }

    /** {@code P(K = k)}; 0 outside {@code 0..m}. */
    public double probability(int k) {
        if (k < 0 || k > trials) {
            return 0;
        }
        return Math.exp(CombinatoricsUtils.binomialCoefficientLog(trials, k)
                + logBeta(k + alpha, trials - k + beta) - logBeta(alpha, beta));
    }

    /** {@code m alpha/(alpha+beta)}. */
    public double mean() {
        return trials * alpha / (alpha + beta);
    }

    /** {@code m alpha beta (alpha+beta+m) / ((alpha+beta)^2 (alpha+beta+1))}. */
    public double variance() {
        double s = alpha + beta;
        return trials * alpha * beta * (s + trials) / (s * s * (s + 1));
    }

    /** {@code log B(a, b)} (commons-math3; named in full, since {@link Beta} here is the distribution). */
    private static double logBeta(double a, double b) {
        return org.apache.commons.math3.special.Beta.logBeta(a, b);
    }
}
