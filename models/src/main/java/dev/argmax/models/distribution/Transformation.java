package dev.argmax.models.distribution;

import java.util.function.DoubleUnaryOperator;

/**
 * A smooth reparameterisation {@code g(theta)} with its derivative, for the invariance property
 * of the MLE ({@link MaximumLikelihoodFit#derive}).
 *
 * @param name short name, e.g. {@code "log-odds"}
 * @param function {@code g}
 * @param derivative {@code g'}
 */
public record Transformation(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) {

    /** {@code log(p / (1 - p))}, derivative {@code 1 / (p (1 - p))}: infinite at p = 0 or 1. */
    public static final Transformation LOG_ODDS = new Transformation("log-odds",
            p -> Math.log(p) - Math.log1p(-p), p -> 1 / (p * (1 - p)));

    /** {@code sqrt(v)}, derivative {@code 1 / (2 sqrt(v))}: the standard deviation from a variance. */
    public static final Transformation SQUARE_ROOT = new Transformation("sqrt",
            Math::sqrt, v -> 0.5 / Math.sqrt(v));

    /** {@code 1 / theta}, derivative {@code -1 / theta^2}: e.g. the mean of an exponential from its rate. */
    public static final Transformation RECIPROCAL = new Transformation("reciprocal",
            t -> 1 / t, t -> -1 / (t * t));

    /** {@code log(theta)}, derivative {@code 1 / theta}. */
    public static final Transformation LOG = new Transformation("log", Math::log, t -> 1 / t);
}
