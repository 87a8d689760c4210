package dev.argmax.models.distribution;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The likelihood of an iid sample under a parametric family, with its closed-form MLE.
 *
 * <p>Conventions: {@code theta} is in the order of {@link #parameterNames()}; the
 * log-likelihood is the <em>full</em> one, constants included (e.g. {@code -sum log x_i!} for
 * the Poisson), so that it matches R's {@code logLik}; the score is its gradient; the Fisher
 * information is the <em>expected</em> information of one observation, with respect to
 * {@link #informationParameterNames()} (the free parameters), and the sample information is
 * {@code n} times it. The asymptotic covariance of the MLE is the inverse of the sample
 * information, written in a closed form that stays finite on the boundary of the parameter
 * space (e.g. {@code p(1-p)/n} for a Bernoulli p, which is 0 at p = 0 or 1).
 */
public interface Likelihood {

    /** The family, e.g. {@code "bernoulli"}. */
    String family();

    /** Names of the parameters, in the order of {@code theta}. */
    List<String> parameterNames();

    /**
     * Names of the free parameters the Fisher information refers to; the same as
     * {@link #parameterNames()} except for families with a constraint (multinomial: the last
     * probability is {@code 1 - sum} of the others).
     */
    default List<String> informationParameterNames() {
        return parameterNames();
    }

    /**
     * Checks the data before any work.
     *
     * @throws dev.argmax.core.data.InvalidDataException naming the first bad observation, or for
     *     empty data
     */
    void validate(double[] data);

    /** The number of observations {@code n} that the sample information is {@code n I} for. */
    int sampleSize(double[] data);

    /** The closed-form MLE (data already validated); may lie on the boundary or be infinite. */
    double[] mle(double[] data);

    /** The full log-likelihood of the sample at {@code theta}. */
    double logLikelihood(double[] data, double[] theta);

    /** The score: gradient of the log-likelihood with respect to the information parameters. */
    double[] score(double[] data, double[] theta);

    /** The expected Fisher information of one observation at {@code theta}. */
    double[][] fisherInformation(double[] theta);

    /** The asymptotic covariance of the MLE from {@code n} observations: {@code (n I(theta))^-1}. */
    double[][] asymptoticCovariance(double[] theta, int n);

    /**
     * Warnings about the estimate: an MLE on the boundary of the parameter space, an infinite
     * MLE, a degenerate sample. Empty when the MLE is interior and the asymptotics apply.
     */
    List<String> diagnose(double[] data, double[] theta);

    /** The KL divergence {@code KL(P_from || P_to) = E_from[log p_from(X) - log p_to(X)]}. */
    double klDivergence(double[] from, double[] to);

    /** The entropy {@code -E[log p(X)]} (differential entropy for continuous families). */
    double entropy(double[] theta);

    /** The cross-entropy {@code -E_from[log p_to(X)] = H(P_from) + KL(P_from || P_to)}. */
    default double crossEntropy(double[] from, double[] to) {
        return entropy(from) + klDivergence(from, to);
    }

    /**
     * The cross-entropy of the model {@code P_theta} relative to the empirical distribution of
     * the data: {@code -(1/n) sum_i log p_theta(x_i)}. Minimizing it over theta is maximizing
     * the likelihood.
     */
    default double empiricalCrossEntropy(double[] data, double[] theta) {
        return -logLikelihood(data, theta) / sampleSize(data);
    }

    /** Whether the data are discrete (so that the empirical distribution has a pmf). */
    boolean discrete();

    /**
     * The forward KL divergence {@code KL(P_n || P_theta)} from the empirical distribution
     * {@code P_n} of discrete data: {@code empiricalCrossEntropy - H(P_n)}; it is minimized by
     * the MLE.
     *
     * @throws UnsupportedOperationException for a continuous family (the empirical distribution
     *     has no density)
     */
    default double empiricalKlDivergence(double[] data, double[] theta) {
        if (!discrete()) {
            throw new UnsupportedOperationException(family() + " is continuous: the empirical distribution has no"
                    + " density, so KL(P_n || P_theta) is infinite; compare empiricalCrossEntropy instead");
        }
        validate(data);
        return empiricalCrossEntropy(data, theta) - Samples.empiricalEntropy(data);
    }

    /**
     * Validates the data and computes the MLE with its log-likelihood, score, Fisher information,
     * standard errors and warnings (each also logged at WARN).
     */
    default MaximumLikelihoodFit fit(double[] data) {
        validate(data);
        double[] theta = mle(data);
        int n = sampleSize(data);
        double[][] perObs = fisherInformation(theta);
        double[][] sample = new double[perObs.length][perObs.length];
        for (int i = 0; i < perObs.length; i++) {
            for (int j = 0; j < perObs.length; j++) {
                sample[i][j] = n * perObs[i][j];
            }
        }
        double[][] covariance = asymptoticCovariance(theta, n);
        List<String> warnings = new ArrayList<>(diagnose(data, theta));
        Logger log = LoggerFactory.getLogger(Likelihood.class);
        for (String w : warnings) {
            log.warn("{} MLE: {}", family(), w);
        }
        return new MaximumLikelihoodFit(family(), parameterNames(), informationParameterNames(), n, theta,
                logLikelihood(data, theta), score(data, theta), perObs, sample, covariance, warnings);
    }
}
