package dev.argmax.spark;

import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;

/** The families argmax fits on Spark, each with its canonical link and its datafit from core. */
enum FamilyKind {
    GAUSSIAN, BINOMIAL, POISSON;

    static FamilyKind parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "gaussian" -> GAUSSIAN;
            case "binomial", "bernoulli", "logistic" -> BINOMIAL;
            case "poisson" -> POISSON;
            default -> throw new IllegalArgumentException("unknown family '" + name
                    + "': expected gaussian, binomial or poisson");
        };
    }

    Datafit datafit(double[] y, double[] weights) {
        return switch (this) {
            case GAUSSIAN -> new QuadraticDatafit(y, weights);
            case BINOMIAL -> new LogisticDatafit(y, weights);
            case POISSON -> new PoissonDatafit(y, weights);
        };
    }

    /** The canonical link of a mean, for the intercept-only starting value. */
    double link(double mu) {
        return switch (this) {
            case GAUSSIAN -> mu;
            case BINOMIAL -> Math.log(mu / (1 - mu));
            case POISSON -> Math.log(mu);
        };
    }
}
