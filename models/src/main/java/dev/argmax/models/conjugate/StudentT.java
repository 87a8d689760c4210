package dev.argmax.models.conjugate;

import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Levels;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The location-scale Student t: {@code X = location + scale T} with {@code T ~ t(df)}. Mean
 * {@code location} ({@code df > 1}), variance {@code scale^2 df/(df - 2)} ({@code df > 2};
 * infinite for {@code 1 < df <= 2}). The marginal posterior of a Gaussian mean and the posterior
 * predictive under the Normal-Inverse-Gamma model.
 *
 * @param df degrees of freedom, {@code > 0}
 * @param location center
 * @param scale scale, {@code > 0} (not the standard deviation)
 */
public record StudentT(double df, double location, double scale) {

    private static final double QUANTILE_ACCURACY = 1e-15;

    public StudentT {
        if (!(df > 0) || !Double.isFinite(location) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Student t needs df > 0, finite location and scale > 0; got " + df
                    + ", " + location + ", " + scale);
        }
    }

    /** {@code scale^2}. */
    public double scaleSquared() {
        return scale * scale;
    }

    /** The mean: location for {@code df > 1}, NaN otherwise (no mean). */
    public double mean() {
        return df > 1 ? location : Double.NaN;
    }

    /** The mode: the location. */
    public double mode() {
        return location;
    }

    /** The variance {@code scale^2 df/(df-2)}; infinite for {@code 1 < df <= 2}, NaN for {@code df <= 1}. */
    public double variance() {
        if (df > 2) {
            return scaleSquared() * df / (df - 2);
        }
        return df > 1 ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    /** The equal-tailed interval at {@code level}. */
    public Interval interval(double level) {
        double tail = Levels.lowerTail(level);
        TDistribution t = new TDistribution(null, df, QUANTILE_ACCURACY);
        return new Interval(location + scale * t.inverseCumulativeProbability(tail),
                location + scale * t.inverseCumulativeProbability(1 - tail));
    }

    /** The cumulative distribution function. */
    public double cdf(double x) {
        return new TDistribution(null, df, QUANTILE_ACCURACY).cumulativeProbability((x - location) / scale);
    }
}
