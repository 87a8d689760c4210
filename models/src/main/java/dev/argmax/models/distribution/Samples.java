package dev.argmax.models.distribution;

import dev.argmax.core.data.InvalidDataException;

/**
 * Accurate sums and moments of a sample (compensated sum, refined mean, corrected sum of squared
 * deviations), and the data checks of this package.
 */
public final class Samples {

    private Samples() {
    }

    static void requireNonEmpty(double[] x, String family) {
        if (x == null) {
            throw new InvalidDataException(family + ": data must not be null");
        }
        if (x.length == 0) {
            throw new InvalidDataException(family + ": no observations (empty data); an MLE needs at least one");
        }
    }

    static void requireNumbers(double[] x, String family) {
        requireNonEmpty(x, family);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidDataException(family + ": observation " + (i + 1) + " is " + x[i]
                        + "; every observation must be a finite number");
            }
        }
    }

    /** Non-negative integers (counts), each at most {@code max}. */
    static void requireCounts(double[] x, double max, String family) {
        requireNumbers(x, family);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v < 0) {
                throw new InvalidDataException(family + ": observation " + (i + 1) + " is negative (" + v
                        + "); counts must be >= 0");
            }
            if (v != Math.rint(v)) {
                throw new InvalidDataException(family + ": observation " + (i + 1) + " is not an integer (" + v
                        + "); counts must be whole numbers");
            }
            if (v > max) {
                throw new InvalidDataException(family + ": observation " + (i + 1) + " is " + (long) v
                        + ", larger than the number of trials " + (long) max);
            }
        }
    }

    /** Sum with Neumaier compensation (exact for integers below 2^53). */
    public static double sum(double[] x) {
        double s = 0;
        double c = 0;
        for (double v : x) {
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    /** The mean, with one refinement pass. */
    public static double mean(double[] x) {
        boolean allEqual = true;
        for (double v : x) {
            allEqual &= v == x[0];
        }
        if (allEqual) {
            return x[0];
        }
        double m = sum(x) / x.length;
        double r = 0;
        for (double v : x) {
            r += v - m;
        }
        return m + r / x.length;
    }

    /**
     * {@code sum (x_i - xbar)^2} given the computed mean {@code xbar}, with the correction
     * {@code - (sum (x_i - xbar))^2 / n} for the rounding of {@code xbar}.
     */
    public static double sumSquaredDeviations(double[] x, double xbar) {
        boolean allEqual = true;
        for (double v : x) {
            allEqual &= v == x[0];
        }
        if (allEqual) {
            return 0;
        }
        double ss = 0;
        double r = 0;
        for (double v : x) {
            double d = v - xbar;
            ss += d * d;
            r += d;
        }
        return Math.max(0, ss - r * r / x.length);
    }

    /** {@code sum (x_i - m)^2} about a known center {@code m}. */
    public static double sumSquaresAbout(double[] x, double m) {
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss;
    }

    /** {@code a * log(b)} with the convention {@code 0 * log(0) = 0}. */
    public static double xlogy(double a, double b) {
        return a == 0 ? 0 : a * Math.log(b);
    }

    /** The entropy {@code -sum f log f} of the empirical distribution of discrete data. */
    static double empiricalEntropy(double[] x) {
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        double h = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double f = (double) (j - i) / sorted.length;
            h -= f * Math.log(f);
            i = j;
        }
        return h;
    }
}
