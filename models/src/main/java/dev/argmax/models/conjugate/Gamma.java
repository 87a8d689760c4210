package dev.argmax.models.conjugate;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Exponential;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Levels;
import dev.argmax.models.distribution.Poisson;
import dev.argmax.models.distribution.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * Gamma(shape a, RATE b) over a positive rate: density {@code b^a/Gamma(a) x^(a-1) exp(-b x)},
 * scale {@code 1/b}, mean {@code a/b}, variance {@code a/b^2}, mode {@code (a-1)/b} for
 * {@code a >= 1} (on the boundary 0 when a = 1; unbounded at 0 when a &lt; 1). The conjugate prior of
 * the Poisson rate (counts: Gamma(a + sum x, b + n)) and of the Exponential rate (Gamma(a + n,
 * b + sum x)).
 *
 * <p>Pseudo-count reading: for the Poisson, a prior total count a over b prior observations; for
 * the Exponential, a prior events over a total time b. Rate b = 0 (with a &gt; 0) is accepted as an
 * <em>improper</em> prior ({@code Gamma(1, 0)} is flat on the rate): it must be updated with data
 * before any summary is asked for. Under it the MAP is the MLE.
 *
 * @param shape a, {@code > 0}
 * @param rate b, {@code >= 0} ({@code 0} only for an improper prior)
 */
public record Gamma(double shape, double rate) implements UnivariateConjugateDistribution {

    private static final double QUANTILE_ACCURACY = 1e-15;

    public Gamma {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new InvalidDataException("Gamma shape must be finite and > 0, got " + shape);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new InvalidDataException("Gamma rate must be finite and >= 0 (0 only for an improper prior), got "
                    + rate);
        }
    }

    /** The improper flat prior Gamma(1, 0) on a rate (density constant on (0, inf)). */
    public static Gamma flat() {
        return new Gamma(1, 0);
    }

    /** Whether the distribution is proper (rate > 0). */
    public boolean proper() {
        return rate > 0;
    }

    private void requireProper() {
        if (!proper()) {
            throw new IllegalStateException("Gamma(" + shape + ", rate 0) is improper: update it with data first");
        }
    }

    /** The posterior after Poisson counts: Gamma(a + sum x, b + n). */
    public Gamma updatePoisson(double[] counts) {
        new Poisson().validate(counts);
        return new Gamma(shape + Samples.sum(counts), rate + counts.length);
    }

    /** The posterior after one Poisson count. */
    public Gamma observePoisson(double count) {
        return updatePoisson(new double[] {count});
    }

    /** The posterior after Exponential observations: Gamma(a + n, b + sum x). */
    public Gamma updateExponential(double[] x) {
        new Exponential().validate(x);
        return new Gamma(shape + x.length, rate + Samples.sum(x));
    }

    /** The posterior after one Exponential observation. */
    public Gamma observeExponential(double x) {
        return updateExponential(new double[] {x});
    }

    /** {@code 1/b}. */
    public double scale() {
        return 1 / rate;
    }

    /** The prior's worth in observations in the pseudo-count reading: b. */
    public double pseudoObservations() {
        return rate;
    }

    /** {@code a/b}. */
    public double mean() {
        requireProper();
        return shape / rate;
    }

    /** {@code a/b^2}. */
    public double variance() {
        requireProper();
        return shape / (rate * rate);
    }

    /**
     * {@code E[1/X] = b/(a - 1)} for {@code a > 1} (an inverse-gamma mean; for an exponential rate
     * it is the posterior mean of the mean {@code 1/lambda}); {@code +Infinity} for {@code a <= 1}.
     */
    public double meanOfReciprocal() {
        requireProper();
        return shape > 1 ? rate / (shape - 1) : Double.POSITIVE_INFINITY;
    }

    @Override
    public Mode mode() {
        requireProper();
        if (shape > 1) {
            return Mode.interior((shape - 1) / rate);
        }
        if (shape == 1) {
            return Mode.boundary("shape = 1: the density is largest at 0", 0.0);
        }
        return Mode.unbounded("shape = " + shape + " < 1: the density is unbounded at 0, so there is no mode");
    }

    /** The equal-tailed credible interval at {@code level}. */
    public Interval credibleInterval(double level) {
        requireProper();
        double tail = Levels.lowerTail(level);
        GammaDistribution d = distribution();
        return new Interval(d.inverseCumulativeProbability(tail), d.inverseCumulativeProbability(1 - tail));
    }

    /** The cumulative distribution function. */
    public double cdf(double x) {
        requireProper();
        return distribution().cumulativeProbability(x);
    }

    private GammaDistribution distribution() {
        return new GammaDistribution(null, shape, 1 / rate, QUANTILE_ACCURACY);
    }

    /**
     * The posterior predictive of a new Poisson count: Negative Binomial with size a and success
     * probability {@code b/(b + 1)}, mean {@code a/b}, variance {@code a/b (1 + 1/b)}.
     */
    public NegativeBinomial poissonPredictive() {
        requireProper();
        return new NegativeBinomial(shape, rate / (rate + 1));
    }

    @Override
    public String family() {
        return "gamma";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("shape", shape);
        m.put("rate", rate);
        return m;
    }
}
