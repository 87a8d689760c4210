package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import java.util.List;
import java.util.Locale;

/**
 * A GLM family as in R ({@code gaussian()}, {@code binomial(link = "probit")}, {@code Gamma("log")},
 * ...) and statsmodels ({@code families.Gamma(links.log())}): a {@link Variance} function paired
 * with one of the {@link Link}s the family allows, plus what the statistical layer needs around
 * the solver: response validation, R's starting means ({@code mustart}), the full
 * log-likelihood with its constants under R's AIC convention, and whether the dispersion is fixed
 * at 1 or estimated from Pearson's chi-square. The one type used by every fit, path,
 * cross-validation and the command line.
 *
 * <p>Weights are prior weights as in R: {@code Var(y_i) = phi V(mu_i) / w_i}; a weight multiplies
 * observation i's log-likelihood (for the binomial family with a proportion as response, it is
 * the number of trials).
 *
 * <p>The datafit ({@link #datafit}) is half the mean deviance, {@code (1/W) sum_i w_i d(y_i, mu_i)
 * / 2} with {@code mu_i = g^-1(eta_i)} (glmnet's objective for a family object), with Fisher
 * weights {@code (dmu/deta)^2 / V(mu)} as its curvature ({@link FamilyDatafit}); for the three
 * canonical pairs the hand-tuned core datafits are used instead (same minimizer, same deviance).
 */
public interface Family {

    /** Gaussian, identity link (least squares); dispersion estimated. */
    static Family gaussian() {
        return Gaussian.INSTANCE;
    }

    /** Binomial (Bernoulli with 0/1 response, or proportions with trials as weights), logit link. */
    static Family binomial() {
        return Binomial.INSTANCE;
    }

    /** Poisson, log link. */
    static Family poisson() {
        return Poisson.INSTANCE;
    }

    /** Gamma, inverse link (R's default; {@code withLink(Link.LOG)} for the usual log link); dispersion estimated. */
    static Family gamma() {
        return Gamma.INSTANCE;
    }

    /** Inverse Gaussian, {@code 1/mu^2} link; dispersion estimated. */
    static Family inverseGaussian() {
        return InverseGaussian.INSTANCE;
    }

    /** Quasi-binomial: binomial variance, logit link, Pearson dispersion, no likelihood. */
    static Family quasiBinomial() {
        return QuasiBinomial.INSTANCE;
    }

    /** Quasi-Poisson: Poisson variance, log link, Pearson dispersion, no likelihood. */
    static Family quasiPoisson() {
        return QuasiPoisson.INSTANCE;
    }

    /** Negative binomial NB2 with known theta, log link ({@code MASS::negative.binomial(theta)}). */
    static Family negativeBinomial(double theta) {
        return NegativeBinomial.of(theta);
    }

    /** Negative binomial NB2, log link, theta estimated by maximum likelihood ({@code MASS::glm.nb}). */
    static Family negativeBinomial() {
        return NegativeBinomial.ESTIMATED;
    }

    /** Tweedie with variance power {@code 1 < p < 2}, log link ({@code statmod::tweedie}); quasi-likelihood. */
    static Family tweedie(double power) {
        return Tweedie.withPower(power);
    }

    /**
     * The family with R's name and its default link: gaussian (normal), binomial (logistic,
     * bernoulli), poisson, Gamma, inverse.gaussian, quasibinomial, quasipoisson, negative.binomial
     * (negbin; theta estimated). Case and the separators {@code . _ -} do not matter. Tweedie
     * needs its power: {@link #tweedie(double)}.
     *
     * @throws InvalidDataException naming the known families
     */
    static Family of(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("[._ -]", "");
        return switch (key) {
            case "gaussian", "normal" -> gaussian();
            case "binomial", "logistic", "bernoulli" -> binomial();
            case "poisson" -> poisson();
            case "gamma" -> gamma();
            case "inversegaussian" -> inverseGaussian();
            case "quasibinomial" -> quasiBinomial();
            case "quasipoisson" -> quasiPoisson();
            case "negativebinomial", "negbin", "nb" -> negativeBinomial();
            case "tweedie" -> throw new InvalidDataException("the tweedie family needs its variance power 1 < p < 2"
                    + " (Family.tweedie(p); --var-power on the command line)");
            default -> throw new InvalidDataException("unknown family '" + name + "'; the families are gaussian, "
                    + "binomial, poisson, gamma, inverse.gaussian, quasibinomial, quasipoisson, negbin, tweedie");
        };
    }

    /** {@link #of(String)} with the link of that name (null: the family's default link). */
    static Family of(String name, String link) {
        Family f = of(name);
        return link == null ? f : f.withLink(link);
    }

    /** R's name of the family, e.g. "Gamma", "inverse.gaussian", "Negative Binomial(1.2749)". */
    String name();

    /** The link of this family object. */
    Link link();

    /** The variance function. */
    Variance variance();

    /** The links this family allows, the default first. */
    List<Link> allowedLinks();

    /** The canonical link (for which Fisher scoring is Newton's method). */
    Link canonicalLink();

    /**
     * The same family with another link.
     *
     * @throws InvalidDataException if the family does not allow it, naming the links it allows
     */
    Family withLink(Link link);

    /** {@link #withLink(Link)} by R's name of the link. */
    default Family withLink(String link) {
        return withLink(Link.of(link));
    }

    /** Whether the link is the canonical one. */
    default boolean isCanonical() {
        return link().equals(canonicalLink());
    }

    /**
     * Checks the response for this family (observations with zero weight are not checked, as in
     * R) and returns the response to fit.
     *
     * @param y response
     * @param weights prior weights, or null for none given
     * @throws InvalidDataException naming the first offending row
     */
    double[] validate(double[] y, double[] weights);

    /** R's starting means ({@code mustart} of the family's {@code initialize}) for a validated response. */
    double[] startingMeans(double[] y, double[] weights);

    /** Whether the dispersion is estimated (Pearson chi-square / df_residual) rather than fixed at 1. */
    boolean estimatesDispersion();

    /** Whether the family has a likelihood (false for the quasi families and Tweedie: no log-likelihood, AIC). */
    default boolean hasLikelihood() {
        return true;
    }

    /**
     * The full log-likelihood at the fitted means, with every constant, as R's {@code logLik.glm}
     * reports it (NaN for a family without likelihood). Observations with zero weight are left out.
     *
     * @param deviance the deviance at mu (Gaussian, Gamma and inverse Gaussian put their dispersion
     *     at a function of it, as R's {@code aic} does)
     */
    double logLikelihood(double[] y, double[] mu, double[] weights, double deviance);

    /**
     * The log-likelihood of data whose row i stands for {@code frequencyWeights[i]} identical
     * observations: {@code sum_i f_i l_i}, the log-likelihood of the data with the rows repeated
     * (the dispersion of Gaussian, Gamma and inverse Gaussian at {@code deviance} over the
     * repeated count). The default multiplies the prior weights by the frequencies, which is right
     * for every family whose prior weight multiplies an observation's log-density (Poisson,
     * Gamma, inverse Gaussian, negative binomial); the Gaussian (whose prior weight scales the
     * variance) and the binomial (whose prior weight is the number of trials) override it.
     *
     * @param priorWeights prior weights, or null for none
     * @param frequencyWeights frequency weights (whole numbers), or null for none
     */
    default double logLikelihood(double[] y, double[] mu, double[] priorWeights, double[] frequencyWeights,
                                 double deviance) {
        if (frequencyWeights == null) {
            return logLikelihood(y, mu, priorWeights, deviance);
        }
        double[] combined = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            combined[i] = (priorWeights == null ? 1.0 : priorWeights[i]) * frequencyWeights[i];
        }
        return logLikelihood(y, mu, combined, deviance);
    }

    /** The number of parameters AIC counts: the rank, plus 1 for a dispersion that the likelihood estimates. */
    default int logLikelihoodParameters(int rank) {
        return rank + (estimatesDispersion() && hasLikelihood() ? 1 : 0);
    }

    /**
     * Whether responses can sit on the edge of the mean space (counts at 0; proportions at 0 or
     * 1), so that a fitted mean running off to that edge signals a maximum-likelihood estimate that
     * does not exist (separation, zero counts in a subgroup).
     */
    default boolean boundaryResponses() {
        return false;
    }

    /** {@code V(mu)}. */
    default double variance(double mu) {
        return variance().value(mu);
    }

    /** The unit deviance {@code d(y, mu)}, so that the deviance is {@code sum_i w_i d(y_i, mu_i)}. */
    default double unitDeviance(double y, double mu) {
        return variance().unitDeviance(y, mu);
    }

    /** The deviance {@code sum_i w_i d(y_i, mu_i)} (observations with zero weight left out). */
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

    /** {@link #datafit(double[], double[])} with unit weights. */
    default Datafit datafit(double[] y) {
        return datafit(y, null);
    }

    /**
     * The datafit (half the mean deviance in the linear predictor) for a validated response:
     * {@link FamilyDatafit}; Gaussian-identity, binomial-logit and Poisson-log use the core's
     * hand-tuned datafits instead.
     */
    default Datafit datafit(double[] y, double[] weights) {
        return new FamilyDatafit(this, y, weights);
    }
}
