package dev.argmax.models.inference;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The law of a Wald statistic {@code (estimate - 0) / SE} under the null: the standard normal
 * ("z", dispersion known) or Student's t with the residual degrees of freedom ("t", dispersion
 * estimated, as R uses for the Gaussian family).
 *
 * @param degreesOfFreedom +infinity for the normal law; NaN when undefined (a Gaussian fit with
 *     no residual degrees of freedom), which makes every p-value and quantile NaN
 */
public record ReferenceDistribution(double degreesOfFreedom) {

    public ReferenceDistribution {
        if (!(degreesOfFreedom > 0) && !Double.isNaN(degreesOfFreedom)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + degreesOfFreedom);
        }
    }

    /** The standard normal law. */
    public static ReferenceDistribution normal() {
        return new ReferenceDistribution(Double.POSITIVE_INFINITY);
    }

    /** Student's t with {@code df} degrees of freedom. */
    public static ReferenceDistribution studentT(double df) {
        return new ReferenceDistribution(df);
    }

    /** Whether this is the normal law. */
    public boolean isNormal() {
        return degreesOfFreedom == Double.POSITIVE_INFINITY;
    }

    /** R's column name: "z" or "t". */
    public String statisticName() {
        return isNormal() ? "z" : "t";
    }

    /**
     * Two-sided p-value {@code P(|T| >= |s|)}: {@code erfc(|z| / sqrt 2)} for the normal law
     * (accurate in the far tail, where {@code 1 - Phi} would cancel), {@code 2 F_t(-|t|)} for t.
     */
    public double twoSidedPValue(double statistic) {
        if (Double.isNaN(statistic) || Double.isNaN(degreesOfFreedom)) {
            return Double.NaN;
        }
        double a = Math.abs(statistic);
        if (isNormal()) {
            return Erf.erfc(a / Math.sqrt(2));
        }
        return 2 * new TDistribution(null, degreesOfFreedom).cumulativeProbability(-a);
    }

    /** The quantile {@code q} with {@code P(T <= q) = probability}. */
    public double quantile(double probability) {
        if (Double.isNaN(degreesOfFreedom)) {
            return Double.NaN;
        }
        if (isNormal()) {
            return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(probability);
        }
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(probability);
    }
}
