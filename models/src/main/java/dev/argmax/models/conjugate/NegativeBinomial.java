package dev.argmax.models.conjugate;


/**
 * Negative Binomial(size r, probability p) counting failures before the r-th success (r may be
 * real): {@code P(K = k) = Gamma(k + r)/(Gamma(r) k!) p^r (1-p)^k}, mean {@code r(1-p)/p},
 * variance {@code r(1-p)/p^2}. The posterior predictive of the Gamma-Poisson model.
 *
 * @param size r, {@code > 0}
 * @param probability p, in (0, 1]
 */
public record NegativeBinomial(double size, double probability) {

    public NegativeBinomial {
        if (!(size > 0) || !(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("Negative Binomial needs size > 0 and probability in (0, 1]; got "
                    + size + ", " + probability);
        }
    }

    /** {@code P(K = k)}; 0 for negative k. */
    public double probability(long k) {
        if (k < 0) {
            return 0;
        }
        double tail = k == 0 ? 0 : k * Math.log1p(-probability);
        return Math.exp(logGamma(k + size) - logGamma(size) - logGamma(k + 1.0)
                + size * Math.log(probability) + tail);
    }

    /** {@code r(1-p)/p}. */
    public double mean() {
        return size * (1 - probability) / probability;
    }

    /** {@code r(1-p)/p^2}. */
    public double variance() {
        return size * (1 - probability) / (probability * probability);
    }

    /** {@code log Gamma(x)} (commons-math3; named in full, since {@link Gamma} here is the distribution). */
    private static double logGamma(double x) {
        return org.apache.commons.math3.special.Gamma.logGamma(x);
    }
}
