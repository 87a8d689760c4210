package dev.argmax.models.conjugate;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Levels;
import dev.argmax.models.distribution.Samples;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normal(mean, variance) over a Gaussian mean mu, the conjugate prior when the data variance
 * sigma2 is known. From prior N(mu0, tau0^2) and n observations, in precisions:
 * {@code 1/tau_n^2 = 1/tau0^2 + n/sigma2},
 * {@code mu_n = (mu0/tau0^2 + sum x/sigma2) tau_n^2}. Mean = mode = {@code mu_n}; the posterior
 * predictive of a new observation is {@code N(mu_n, tau_n^2 + sigma2)}. Pseudo-count reading: the
 * prior is worth {@code sigma2/tau0^2} observations with mean mu0.
 *
 * @param mean the mean (mu0 for a prior)
 * @param variance the variance (tau0^2 for a prior), {@code > 0}
 */
public record Normal(double mean, double variance) implements UnivariateConjugateDistribution {

    public Normal {
        Checks.requireFinite(mean, "normal mean");
        Checks.requirePositive(variance, "normal variance");
    }

    /** {@code 1/variance}. */
    public double precision() {
        return 1 / variance;
    }

    /** The posterior of mu after observations with known variance {@code sigma2}. */
    public Normal updateMean(double[] x, double knownVariance) {
        Checks.requirePositive(knownVariance, "known variance");
        if (x.length == 0) {
            throw new InvalidDataException("normal-mean update: no observations");
        }
        Checks.requireFinite(x, "observations");
        double precision = 1 / variance + x.length / knownVariance;
        double m = (mean / variance + Samples.sum(x) / knownVariance) / precision;
        return new Normal(m, 1 / precision);
    }

    /** The posterior after one observation. */
    public Normal observeMean(double x, double knownVariance) {
        return updateMean(new double[] {x}, knownVariance);
    }

    /** {@code sigma2/variance}: the prior's worth in observations of variance sigma2. */
    public double pseudoObservations(double knownVariance) {
        return knownVariance / variance;
    }

    /** The posterior predictive of a new observation: {@code N(mean, variance + sigma2)}. */
    public Normal predictive(double knownVariance) {
        Checks.requirePositive(knownVariance, "known variance");
        return new Normal(mean, variance + knownVariance);
    }

    /** The equal-tailed credible interval. */
    public Interval credibleInterval(double level) {
        double half = Levels.twoSidedNormalQuantile(level) * Math.sqrt(variance);
        return new Interval(mean - half, mean + half);
    }

    @Override
    public Mode mode() {
        return Mode.interior(mean);
    }

    @Override
    public String family() {
        return "normal";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("variance", variance);
        return m;
    }
}
