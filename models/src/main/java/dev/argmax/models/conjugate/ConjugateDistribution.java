package dev.argmax.models.conjugate;

import dev.argmax.models.distribution.Interval;
import java.util.Map;

/**
 * A prior or posterior distribution over the parameters of a model, in a common form for
 * reporting. Arrays are in the order of the model's parameters (e.g. {@code p}; {@code p_1..p_K};
 * {@code mu, sigma2}).
 */
public interface ConjugateDistribution {

    /** The family, e.g. {@code "beta"}. */
    String family();

    /** The family's parameters by name, in the order the Javadoc states them. */
    Map<String, Double> hyperparameters();

    /** The (marginal) means; {@code +Infinity} or NaN where a mean does not exist. */
    double[] means();

    /** The (marginal) variances; {@code +Infinity} or NaN where a variance does not exist. */
    double[] variances();

    /** The (joint) mode: the MAP estimate, or why there is none. */
    Mode mode();

    /** Equal-tailed (marginal) credible intervals at {@code level}. */
    Interval[] credibleIntervals(double level);
}
