package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import java.util.Locale;

/**
 * An exponential-family distribution for the response, with its canonical link: a GLM family as
 * in R ({@code gaussian()}, {@code binomial()}, {@code poisson()}), seen as a negative
 * log-likelihood. It supplies what the statistical layer needs around the solver: response
 * validation, R's starting values, the variance function, unit deviances, the full
 * log-likelihood with its constants (R's {@code aic} conventions) and the solver's
 * {@link Datafit}.
 *
 * <p>Weights are prior weights as in R: a weight {@code w_i} multiplies observation i's
 * log-likelihood (for the binomial family with a proportion as response, the number of trials).
 */
public sealed interface Family permits Gaussian, Binomial, Poisson {

    /** The Gaussian family with identity link (least squares); dispersion estimated. */
    static Family gaussian() {
        return Gaussian.INSTANCE;
    }

    /** The binomial (Bernoulli) family with logit link (logistic regression). */
    static Family binomial() {
        return Binomial.INSTANCE;
    }

    /** The Poisson family with log link. */
    static Family poisson() {
        return Poisson.INSTANCE;
    }

    /**
     * The family with R's name ("gaussian", "binomial" or "poisson"; "logistic" and "bernoulli"
     * are accepted for binomial, "normal" for gaussian).
     *
     * @throws InvalidDataException naming the known families
     */
    static Family of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian", "normal" -> gaussian();
            case "binomial", "logistic", "bernoulli" -> binomial();
            case "poisson" -> poisson();
            default -> throw new InvalidDataException("unknown family '" + name
                    + "'; the families are gaussian, binomial, poisson");
        };
    }

    /** R's name, e.g. "binomial". */
    String name();

    /** The (canonical) link. */
    Link link();

    /** The variance function {@code V(mu)}. */
    double variance(double mu);

    /** The unit deviance {@code d(y, mu)}, so that the deviance is {@code sum_i w_i d(y_i, mu_i)}. */
    double unitDeviance(double y, double mu);

    /**
     * Checks the response for this family (observations with zero weight are not checked, as in
     * R) and returns the response to fit (R sets a zero-weight binomial response to 0).
     *
     * @param y response
     * @param weights prior weights, or null for none given
     * @throws InvalidDataException naming the first offending row
     */
    double[] validate(double[] y, double[] weights);

    /** R's starting means ({@code mustart}) for a validated response. */
    double[] startingMeans(double[] y, double[] weights);

    /** The datafit (negative log-likelihood in the linear predictor) for a validated response. */
    Datafit datafit(double[] y, double[] weights);

    /**
     * The full log-likelihood at the fitted means, with every constant, as R's {@code logLik.glm}
     * reports it. Observations with zero weight are left out.
     *
     * @param deviance the deviance at mu (the Gaussian log-likelihood uses the ML variance
     *     {@code deviance / n})
     */
    double logLikelihood(double[] y, double[] mu, double[] weights, double deviance);

    /** Whether the dispersion is estimated (Gaussian) rather than fixed at 1. */
    boolean estimatesDispersion();

    /** The number of parameters the log-likelihood counts: the rank, plus 1 for an estimated variance. */
    default int logLikelihoodParameters(int rank) {
        return rank + (estimatesDispersion() ? 1 : 0);
    }

    /** The deviance {@code sum_i w_i d(y_i, mu_i)}. */
    default double deviance(double[] y, double[] mu, double[] weights) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w != 0) {
                s += w * unitDeviance(y[i], mu[i]);
            }
        }
        return s;
    }
}
