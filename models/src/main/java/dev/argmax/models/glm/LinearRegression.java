package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;

/**
 * Linear regression (Gaussian family, identity link) by maximum likelihood, i.e. least squares: R's
 * {@code glm(y ~ ., family = gaussian)}, solved directly by pivoted QR with double-double refinement
 * (NIST StRD accuracy). A thin front for {@link Glm}.
 */
public final class LinearRegression {

    private LinearRegression() {
    }

    /** Fits with an intercept and R's defaults. */
    public static FittedGlm fit(Dataset data) {
        return builder().build().fit(data);
    }

    /** A {@link Glm} builder for the Gaussian family, to set the intercept, solver or tolerance. */
    public static Glm.Builder builder() {
        return Glm.builder(Family.gaussian());
    }
}
