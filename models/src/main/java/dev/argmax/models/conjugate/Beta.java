package dev.argmax.models.conjugate;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Bernoulli;
import dev.argmax.models.distribution.Binomial;
import dev.argmax.models.distribution.Geometric;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Levels;
import dev.argmax.models.distribution.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Beta(alpha, beta) over a probability p: density {@code p^(alpha-1) (1-p)^(beta-1) / B(alpha, beta)},
 * the conjugate prior of the Bernoulli, Binomial (known trials) and Geometric likelihoods.
 *
 * <p>Updating with k successes and f failures gives Beta(alpha + k, beta + f). Pseudo-count
 * reading: the prior counts as alpha successes and beta failures already seen
 * ({@link #effectiveSampleSize()} = alpha + beta); the mode reads it as alpha - 1 and beta - 1.
 * Mean {@code alpha/(alpha+beta)}, variance {@code alpha beta/((alpha+beta)^2 (alpha+beta+1))},
 * mode {@code (alpha-1)/(alpha+beta-2)} (see {@link Mode} for the boundary and non-existent
 * cases). Under the uniform prior Beta(1, 1) the posterior mean is Laplace's rule of succession
 * {@code (k+1)/(n+2)} and the MAP is the MLE {@code k/n}.
 *
 * @param alpha first shape, {@code > 0}
 * @param beta second shape, {@code > 0}
 */
public record Beta(double alpha, double beta) implements UnivariateConjugateDistribution {

    private static final double QUANTILE_ACCURACY = 1e-15;

    public Beta {
        Checks.requirePositive(alpha, "Beta alpha");
        Checks.requirePositive(beta, "Beta beta");
    }

    /** The uniform prior Beta(1, 1). */
    public static Beta uniform() {
        return new Beta(1, 1);
    }

    /** Jeffreys' prior Beta(1/2, 1/2). */
    public static Beta jeffreys() {
        return new Beta(0.5, 0.5);
    }

    /**
     * Laplace's rule of succession {@code (k+1)/(n+2)}: the posterior mean of p under the uniform
     * prior after k successes in n trials.
     */
    public static double ruleOfSuccession(long successes, long trials) {
        if (successes < 0 || trials < successes) {
            throw new InvalidDataException("rule of succession needs 0 <= successes <= trials, got " + successes
                    + " of " + trials);
        }
        return uniform().update(successes, trials - successes).mean();
    }

    /** The posterior after {@code successes} successes and {@code failures} failures. */
    public Beta update(long successes, long failures) {
        if (successes < 0 || failures < 0) {
            throw new InvalidDataException("counts of successes and failures must be >= 0, got " + successes
                    + " and " + failures);
        }
        return new Beta(alpha + successes, beta + failures);
    }

    /** The posterior after one Bernoulli observation. */
    public Beta observe(boolean success) {
        return success ? new Beta(alpha + 1, beta) : new Beta(alpha, beta + 1);
    }

    /** The posterior after Bernoulli observations (0/1 values). */
    public Beta updateBernoulli(double[] x) {
        new Bernoulli().validate(x);
        long k = (long) Samples.sum(x);
        return update(k, x.length - k);
    }

    /** The posterior after Binomial counts, each out of {@code trials}. */
    public Beta updateBinomial(double[] x, int trials) {
        new Binomial(trials).validate(x);
        long k = (long) Samples.sum(x);
        return update(k, (long) x.length * trials - k);
    }

    /**
     * The posterior after Geometric observations (failures before the first success): each
     * observation is one success and x failures, so Beta(alpha + n, beta + sum x).
     */
    public Beta updateGeometric(double[] x) {
        new Geometric().validate(x);
        return update(x.length, (long) Samples.sum(x));
    }

    @Override
    public String family() {
        return "beta";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("beta", beta);
        return m;
    }

    /** Prior successes in the pseudo-count reading: alpha. */
    public double pseudoSuccesses() {
        return alpha;
    }

    /** Prior failures in the pseudo-count reading: beta. */
    public double pseudoFailures() {
        return beta;
    }

    /** alpha + beta: the number of observations the prior is worth. */
    public double effectiveSampleSize() {
        return alpha + beta;
    }

    /** {@code alpha/(alpha+beta)}. */
    public double mean() {
        return alpha / (alpha + beta);
    }

    /** {@code alpha beta / ((alpha+beta)^2 (alpha+beta+1))}. */
    public double variance() {
        double s = alpha + beta;
        return alpha * beta / (s * s * (s + 1));
    }

    @Override
    public Mode mode() {
        Mode m = Mode.ofDirichlet(new double[] {alpha, beta}, new String[] {"alpha", "beta"});
        if (!m.exists()) {
            return m;
        }
        double p = m.location()[0];
        return m.interior() ? Mode.interior(p)
                : Mode.boundary(alpha == 1 ? "alpha = 1 <= beta: the density is largest at p = 0"
                        : "beta = 1: the density is largest at p = 1", p);
    }

    /** The equal-tailed credible interval at {@code level}. */
    public Interval credibleInterval(double level) {
        double tail = Levels.lowerTail(level);
        BetaDistribution d = new BetaDistribution(null, alpha, beta, QUANTILE_ACCURACY);
        return new Interval(d.inverseCumulativeProbability(tail), d.inverseCumulativeProbability(1 - tail));
    }

    /** The cumulative distribution function at p. */
    public double cdf(double p) {
        return new BetaDistribution(null, alpha, beta, QUANTILE_ACCURACY).cumulativeProbability(p);
    }

    /**
     * The log marginal likelihood of one particular sequence with k successes and f failures:
     * {@code log B(alpha + k, beta + f) - log B(alpha, beta)} (add {@code log C(k+f, k)} for the
     * probability of the count k).
     */
    public double logMarginalLikelihood(long successes, long failures) {
        return org.apache.commons.math3.special.Beta.logBeta(alpha + successes, beta + failures)
                - org.apache.commons.math3.special.Beta.logBeta(alpha, beta);
    }

    /** The posterior predictive of the number of successes in {@code trials} new trials. */
    public BetaBinomial predictive(int trials) {
        return new BetaBinomial(trials, alpha, beta);
    }
}
