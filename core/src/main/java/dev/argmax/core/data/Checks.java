package dev.argmax.core.data;

/**
 * Argument checks shared by every module. Each method throws {@link InvalidDataException}
 * with a message naming the argument and, for arrays, the first offending index.
 */
public final class Checks {

    private Checks() {
    }

    /** Every value finite (not NaN, not infinite). */
    public static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidDataException(name + " has a non-finite value (" + values[i] + ") at row " + (i + 1));
            }
        }
    }

    /** A finite scalar. */
    public static double requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new InvalidDataException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** A finite scalar {@code >= 0}. */
    public static double requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidDataException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** A finite scalar {@code > 0}. */
    public static double requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidDataException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** A probability-like level strictly between 0 and 1. */
    public static double requireOpenUnitInterval(double value, String name) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidDataException(name + " must lie strictly between 0 and 1, got " + value);
        }
        return value;
    }

    /** The array has exactly {@code expected} entries. */
    public static void requireLength(double[] values, int expected, String name) {
        if (values.length != expected) {
            throw new InvalidDataException(name + " has length " + values.length + " but " + expected + " was expected");
        }
    }

    /**
     * Observation weights as a datafit stores them: a validated copy ({@link #requireWeights}), or
     * unit weights when none are given.
     *
     * @param weights the weights, or null
     * @param n the number of observations they must match
     * @param name the weights' name in messages
     * @return a new array of length n
     */
    public static double[] weightsOrUnit(double[] weights, int n, String name) {
        if (weights == null) {
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            return ones;
        }
        requireLength(weights, n, name);
        requireWeights(weights, name);
        return weights.clone();
    }

    /**
     * Observation weights: finite, {@code >= 0}, and not all zero.
     */
    public static void requireWeights(double[] weights, String name) {
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!Double.isFinite(w)) {
                throw new InvalidDataException(name + " has a non-finite value (" + w + ") at row " + (i + 1));
            }
            if (w < 0) {
                throw new InvalidDataException(name + " has a negative value (" + w + ") at row " + (i + 1));
            }
            total += w;
        }
        if (total == 0) {
            throw new InvalidDataException(name + " are all zero");
        }
    }

    /**
     * Frequency weights (Stata's {@code fweight}, statsmodels' {@code freq_weights}): each a
     * whole number {@code >= 0} (how many identical observations the row stands for), not all
     * zero, their total at most {@link Integer#MAX_VALUE}. Fractional frequencies are refused: a
     * frequency counts rows, and the degrees of freedom built from it are whole numbers;
     * fractional weights are prior (variance) weights.
     *
     * @return the total, the number of observations the rows stand for
     */
    public static long requireFrequencyWeights(double[] weights, String name) {
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            double f = weights[i];
            if (!Double.isFinite(f)) {
                throw new InvalidDataException(name + " has a non-finite value (" + f + ") at row " + (i + 1));
            }
            if (f < 0) {
                throw new InvalidDataException(name + " has a negative value (" + f + ") at row " + (i + 1)
                        + "; a frequency weight counts rows and must be a whole number >= 0");
            }
            if (f != Math.rint(f)) {
                throw new InvalidDataException(name + " has a fractional value (" + f + ") at row " + (i + 1)
                        + "; a frequency weight counts rows and must be a whole number >= 0 (fractional weights are"
                        + " prior weights: give them as weights)");
            }
            total += (long) f;
            if (total > Integer.MAX_VALUE) {
                throw new InvalidDataException(name + " add up to more than " + Integer.MAX_VALUE + " observations");
            }
        }
        if (total == 0) {
            throw new InvalidDataException(name + " are all zero");
        }
        return total;
    }
}
