package dev.argmax.models.conjugate;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Levels;
import dev.argmax.models.distribution.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * InvGamma(shape alpha, SCALE beta) over a positive variance: density
 * {@code beta^alpha/Gamma(alpha) x^(-alpha-1) exp(-beta/x)}; equivalently the precision
 * {@code 1/x ~ Gamma(alpha, rate beta)}. Mean {@code beta/(alpha-1)} ({@code alpha > 1}),
 * variance {@code beta^2/((alpha-1)^2 (alpha-2))} ({@code alpha > 2}), mode
 * {@code beta/(alpha+1)} (always interior). The conjugate prior of a Gaussian variance with known
 * mean mu: the posterior is InvGamma(alpha + n/2, beta + sum (x_i - mu)^2/2). Pseudo-count
 * reading: 2 alpha prior observations with sum of squares 2 beta about the mean.
 *
 * @param shape alpha, {@code > 0}
 * @param scale beta, {@code > 0}
 */
public record InverseGamma(double shape, double scale) implements UnivariateConjugateDistribution {

    private static final double QUANTILE_ACCURACY = 1e-15;

    public InverseGamma {
        Checks.requirePositive(shape, "inverse-gamma shape");
        Checks.requirePositive(scale, "inverse-gamma scale");
    }

    /** The posterior after Gaussian observations with known mean. */
    public InverseGamma updateVariance(double[] x, double knownMean) {
        Checks.requireFinite(knownMean, "known mean");
        if (x.length == 0) {
            throw new InvalidDataException("inverse-gamma update: no observations");
        }
        Checks.requireFinite(x, "observations");
        return new InverseGamma(shape + x.length / 2.0, scale + Samples.sumSquaresAbout(x, knownMean) / 2);
    }

    /** The posterior after one Gaussian observation with known mean. */
    public InverseGamma observeVariance(double x, double knownMean) {
        return updateVariance(new double[] {x}, knownMean);
    }

    /** {@code 2 alpha}: the prior's worth in observations. */
    public double pseudoObservations() {
        return 2 * shape;
    }

    /** {@code beta/(alpha-1)}; {@code +Infinity} when {@code alpha <= 1}. */
    public double mean() {
        return shape > 1 ? scale / (shape - 1) : Double.POSITIVE_INFINITY;
    }

    /** {@code beta^2/((alpha-1)^2 (alpha-2))}; infinite for {@code 1 < alpha <= 2}, NaN for {@code alpha <= 1}. */
    public double variance() {
        if (shape > 2) {
            double d = shape - 1;
            return scale * scale / (d * d * (shape - 2));
        }
        return shape > 1 ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    /** {@code E[1/X] = alpha/beta}: the mean of the precision. */
    public double meanOfReciprocal() {
        return shape / scale;
    }

    @Override
    public Mode mode() {
        return Mode.interior(scale / (shape + 1));
    }

    /** The equal-tailed credible interval, from the Gamma(alpha, rate beta) quantiles of 1/X. */
    public Interval credibleInterval(double level) {
        double tail = Levels.lowerTail(level);
        GammaDistribution precision = new GammaDistribution(null, shape, 1 / scale, QUANTILE_ACCURACY);
        return new Interval(1 / precision.inverseCumulativeProbability(1 - tail),
                1 / precision.inverseCumulativeProbability(tail));
    }

    /** The cumulative distribution function {@code P(X <= x) = P(1/X >= 1/x)}. */
    public double cdf(double x) {
        if (x <= 0) {
            return 0;
        }
        return 1 - new GammaDistribution(null, shape, 1 / scale, QUANTILE_ACCURACY).cumulativeProbability(1 / x);
    }

    @Override
    public String family() {
        return "inverse-gamma";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("shape", shape);
        m.put("scale", scale);
        return m;
    }
}
