package dev.argmax.models.distribution;

import dev.argmax.core.data.Checks;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Confidence / credible levels and the normal quantiles that go with them. */
public final class Levels {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1,
            NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);

    private Levels() {
    }

    /**
     * The two-sided standard normal quantile {@code z = Phi^-1(1 - (1 - level)/2)} (1.959964 for
     * 0.95).
     *
     * @throws dev.argmax.core.data.InvalidDataException if the level is not strictly between 0 and 1
     */
    public static double twoSidedNormalQuantile(double level) {
        Checks.requireOpenUnitInterval(level, "level");
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2);
    }

    /** The lower tail probability {@code (1 - level)/2} of an equal-tailed interval. */
    public static double lowerTail(double level) {
        Checks.requireOpenUnitInterval(level, "level");
        return (1 - level) / 2;
    }
}
