package dev.argmax.models.penalized;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import java.util.Locale;

/**
 * The likelihood of a penalised fit with its canonical link: the datafit the solvers minimise
 * and the inverse link used for predictions and cross-validation measures. (A bridge to the
 * glm package's families: the negative log-likelihoods themselves live in core.)
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

    /** The datafit for this response and these weights (null for unit weights). */
    public Datafit datafit(double[] y, double[] weights) {
        switch (this) {
            case BINOMIAL -> {
                for (int i = 0; i < y.length; i++) {
                    if (y[i] != 0 && y[i] != 1) {
                        throw new InvalidDataException("binomial response must be 0 or 1, got " + y[i] + " at row "
                                + (i + 1));
                    }
                }
                return new LogisticDatafit(y, weights);
            }
            case POISSON -> {
                for (int i = 0; i < y.length; i++) {
                    if (y[i] < 0) {
                        throw new InvalidDataException("poisson response must be >= 0, got " + y[i] + " at row "
                                + (i + 1));
                    }
                }
                return new PoissonDatafit(y, weights);
            }
            default -> {
                return new QuadraticDatafit(y, weights);
            }
        }
    }

    /** The mean {@code mu = g^-1(eta)}. */
    public double mean(double eta) {
        return switch (this) {
            case GAUSSIAN -> eta;
            case BINOMIAL -> LogisticDatafit.sigmoid(eta);
            case POISSON -> Math.exp(eta);
        };
    }

    /** Whether the dispersion is estimated (Gaussian) rather than fixed at 1. */
    public boolean hasDispersion() {
        return this == GAUSSIAN;
    }
}
