package dev.argmax.bench.problems;

import java.util.Locale;

/** The response distribution of a synthetic problem (GLM family with its canonical link). */
public enum Family {
    /** {@code y = eta + N(0, 1)}, identity link. */
    GAUSSIAN,
    /** {@code y ~ Bernoulli(1 / (1 + e^-eta))}, logit link. */
    BINOMIAL,
    /** {@code y ~ Poisson(e^eta)}, log link. */
    POISSON;

    /** The family of a command-line or JMH parameter name ("gaussian", "binomial", "logistic", "poisson"). */
    public static Family parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "gaussian", "normal" -> GAUSSIAN;
            case "binomial", "logistic", "bernoulli" -> BINOMIAL;
            case "poisson" -> POISSON;
            default -> throw new IllegalArgumentException("unknown family '" + name
                    + "'; the families are gaussian, binomial, poisson");
        };
    }

    /** Lower-case name, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
