package dev.argmax.models.penalized;

import dev.argmax.core.objective.Datafit;
import dev.argmax.models.family.Family;
import java.util.Locale;

/**
 * The likelihood of a penalised fit with its canonical link, as a small enum for builders and the
 * command line; everything it knows comes from the glm package's {@link Family} (validation,
 * datafit, inverse link, dispersion), so penalised and unpenalised fits share one definition.
 */
public enum Likelihood {
    /** Gaussian, identity link; datafit {@code (1/(2W)) sum w (y - eta)^2}. */
    GAUSSIAN("gaussian"),
    /** Bernoulli / binomial, logit link; y in [0, 1]. */
    BINOMIAL("binomial"),
    /** Poisson, log link; y >= 0. */
    POISSON("poisson");

    private final String label;

    Likelihood(String label) {
        this.label = label;
    }

    /** The family name as R and glmnet spell it. */
    public String label() {
        return label;
    }

    /** By name: gaussian, binomial (or logistic), poisson. */
    public static Likelihood of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian", "normal" -> GAUSSIAN;
            case "binomial", "logistic", "bernoulli" -> BINOMIAL;
            case "poisson" -> POISSON;
            default -> throw new IllegalArgumentException("unknown family '" + name
                    + "'; the families are gaussian, binomial, poisson");
        };
    }

    /** The glm family behind this likelihood (canonical link, variance, validation, log-likelihood). */
    public Family family() {
        return Family.of(label);
    }

    /**
     * The datafit for this response and these weights (null for unit weights), after the family's
     * own validation (0/1 or proportions with trials as weights for binomial, non-negative counts
     * for Poisson), with the family's message naming the first offending row.
     */
    public Datafit datafit(double[] y, double[] weights) {
        Family family = family();
        return family.datafit(family.validate(y, weights), weights);
    }

    /** The mean {@code mu = g^-1(eta)}. */
    public double mean(double eta) {
        return family().link().inverse(eta);
    }

    /** Whether the dispersion is estimated (Gaussian) rather than fixed at 1. */
    public boolean hasDispersion() {
        return family().estimatesDispersion();
    }
}
