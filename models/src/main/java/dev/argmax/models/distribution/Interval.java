package dev.argmax.models.distribution;

/**
 * A closed interval {@code [lower, upper]} of a parameter: a Wald confidence interval or an
 * equal-tailed credible interval. Bounds may be infinite (an unbounded interval) or equal (a
 * degenerate interval, e.g. a Wald interval with a zero standard error on the boundary).
 *
 * @param lower lower bound
 * @param upper upper bound, {@code >= lower}
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("interval bounds must not be NaN: [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower bound " + lower + " exceeds upper bound " + upper);
        }
    }

    /** Whether {@code value} lies in the closed interval. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }
}
