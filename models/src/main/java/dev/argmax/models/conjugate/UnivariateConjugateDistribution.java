package dev.argmax.models.conjugate;

import dev.argmax.models.distribution.Interval;

/**
 * A conjugate distribution over a single parameter (Beta, Gamma, Inverse-Gamma, Normal): the
 * array views of {@link ConjugateDistribution} are its scalar mean, variance and credible interval.
 */
public interface UnivariateConjugateDistribution extends ConjugateDistribution {

    /** The mean; {@code +Infinity} or NaN where it does not exist. */
    double mean();

    /** The variance; {@code +Infinity} or NaN where it does not exist. */
    double variance();

    /** The equal-tailed credible interval at {@code level}. */
    Interval credibleInterval(double level);

    @Override
    default double[] means() {
        return new double[] {mean()};
    }

    @Override
    default double[] variances() {
        return new double[] {variance()};
    }

    @Override
    default Interval[] credibleIntervals(double level) {
        return new Interval[] {credibleInterval(level)};
    }
}
