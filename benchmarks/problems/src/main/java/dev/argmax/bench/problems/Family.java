package dev.argmax.bench.problems;

import java.util.Locale;

/**
 * The response distribution of a synthetic problem: a GLM family and link, named as R names them
 * ({@link #family()}, {@link #link()}) so that a fitting library maps it to its own family type.
 * This module stays dependency-free, so the generators below draw with {@link java.util.SplittableRandom}
 * only.
 */
public enum Family {
    /** {@code y = eta + N(0, 1)}, identity link. */
    GAUSSIAN("gaussian", "identity"),
    /** {@code y ~ Bernoulli(1 / (1 + e^-eta))}, logit link. */
    BINOMIAL("binomial", "logit"),
    /** {@code y ~ Poisson(e^eta)}, log link. */
    POISSON("poisson", "log"),
    /** {@code y ~ Bernoulli(Phi(eta))}, probit link, drawn as {@code 1{eta + N(0, 1) > 0}}. */
    PROBIT("binomial", "probit"),
    /** {@code y ~ Gamma(shape 2, mean e^eta)}, log link (Marsaglia-Tsang draws). */
    GAMMA_LOG("Gamma", "log");

    private final String family;
    private final String link;

    Family(String family, String link) {
        this.family = family;
        this.link = link;
    }

    /**
     * The family of a command-line or JMH parameter name: gaussian, binomial (logistic), poisson,
     * probit (binomial-probit), gamma-log (gamma).
     */
    public static Family parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "gaussian", "normal" -> GAUSSIAN;
            case "binomial", "logistic", "bernoulli" -> BINOMIAL;
            case "poisson" -> POISSON;
            case "probit", "binomial-probit" -> PROBIT;
            case "gamma-log", "gamma_log", "gamma" -> GAMMA_LOG;
            default -> throw new IllegalArgumentException("unknown family '" + name
                    + "'; the families are gaussian, binomial, poisson, probit, gamma-log");
        };
    }

    /** Lower-case name, as on the command line ({@code gamma-log}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** R's name of the family ({@code gaussian, binomial, poisson, Gamma}). */
    public String family() {
        return family;
    }

    /** R's name of the link ({@code identity, logit, log, probit}). */
    public String link() {
        return link;
    }
}
