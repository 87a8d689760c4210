package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;

/** Response checks shared by the families (rows with zero weight are not checked, as in R). */
final class Responses {

    private Responses() {
    }

    private static double weight(double[] weights, int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** Every y > 0 (Gamma, inverse Gaussian). */
    static double[] positive(double[] y, double[] weights, String family) {
        for (int i = 0; i < y.length; i++) {
            if (weight(weights, i) != 0 && !(y[i] > 0)) {
                throw new InvalidDataException("the " + family + " family needs a positive response, got " + y[i]
                        + " at row " + (i + 1));
            }
        }
        return y;
    }

    /** Every y >= 0, and a whole number when {@code counts} (Poisson, negative binomial). */
    static double[] nonNegative(double[] y, double[] weights, String family, boolean counts) {
        for (int i = 0; i < y.length; i++) {
            if (weight(weights, i) == 0) {
                continue;
            }
            double v = y[i];
            if (v < 0) {
                throw new InvalidDataException(family + " response must be " + (counts ? "a non-negative count" : ">= 0")
                        + ", got " + v + " at row " + (i + 1));
            }
            if (counts && v != Math.rint(v)) {
                throw new InvalidDataException(family + " response must be a whole-number count, got " + v
                        + " at row " + (i + 1));
            }
        }
        return y;
    }

    /**
     * A binomial response: 0/1, or a proportion in [0, 1] with the number of trials as weight,
     * whose product with its weight is a whole number of successes unless {@code quasi}. A
     * zero-weight row's response is set to 0 (R).
     */
    static double[] binomial(double[] y, double[] weights, boolean quasi) {
        double[] out = y.clone();
        for (int i = 0; i < y.length; i++) {
            double w = weight(weights, i);
            if (w == 0) {
                out[i] = 0.0;
                continue;
            }
            double v = y[i];
            if (v < 0 || v > 1) {
                throw new InvalidDataException("binomial response must be 0 or 1 (or a proportion in [0, 1] with "
                        + "the number of trials as weight), got " + v + " at row " + (i + 1));
            }
            if (!quasi && v != 0 && v != 1) {
                if (weights == null) {
                    throw new InvalidDataException("binomial response must be 0 or 1, got " + v + " at row "
                            + (i + 1) + " (a proportion of successes needs the number of trials as weight)");
                }
                double successes = w * v;
                if (Math.abs(successes - Math.rint(successes)) > 1e-3) {
                    throw new InvalidDataException("binomial response " + v + " at row " + (i + 1)
                            + " times its weight " + w + " is not a whole number of successes");
                }
            }
        }
        return out;
    }

    /** R's binomial {@code mustart}: {@code (w y + 1/2) / (w + 1)}. */
    static double[] binomialStart(double[] y, double[] weights) {
        double[] mu = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double w = weight(weights, i);
            mu[i] = (w * y[i] + 0.5) / (w + 1);
        }
        return mu;
    }

    /** {@code y + c} (R's Poisson {@code mustart} with c = 0.1), or {@code y + c} only where y = 0. */
    static double[] shifted(double[] y, double c, boolean zerosOnly) {
        double[] mu = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            mu[i] = y[i] + (!zerosOnly || y[i] == 0 ? c : 0.0);
        }
        return mu;
    }

    /** The sum of the weights (n without weights). */
    static double weightSum(double[] weights, int n) {
        if (weights == null) {
            return n;
        }
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }
}
