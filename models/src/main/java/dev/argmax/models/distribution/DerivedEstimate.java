package dev.argmax.models.distribution;

import java.util.List;

/**
 * The MLE of a function {@code g(theta)} of a parameter, by invariance, with its delta-method
 * standard error {@code |g'(theta_hat)| se(theta_hat)}.
 *
 * @param name e.g. {@code "sqrt(sigma2)"}
 * @param estimate {@code g(theta_hat)}; infinite when g is (log-odds at p = 1)
 * @param standardError delta-method standard error; NaN when undefined
 * @param fisherInformationPerObservation information of one observation about {@code g(theta)}
 * @param warnings why the estimate or its standard error should not be read as usual
 */
public record DerivedEstimate(String name, double estimate, double standardError,
        double fisherInformationPerObservation, List<String> warnings) {

    public DerivedEstimate {
        warnings = List.copyOf(warnings);
    }

    /** The Wald interval {@code g(theta_hat) +- z se}. */
    public Interval waldInterval(double level) {
        return MaximumLikelihoodFit.wald(estimate, standardError, Levels.twoSidedNormalQuantile(level));
    }
}
