package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;

/**
 * Poisson regression (log link) by maximum likelihood: R's
 * {@code glm(y ~ ., family = poisson)}. The response is a non-negative whole-number count; an offset (log exposure) comes with the data.
 * A thin front for {@link Glm}.
 */
public final class PoissonRegression {

    private PoissonRegression() {
    }

    /** Fits with an intercept and R's defaults. */
    public static FittedGlm fit(Dataset data) {
        return builder().build().fit(data);
    }

    /** A {@link Glm} builder for the Poisson family, to set the intercept, solver or tolerance. */
    public static Glm.Builder builder() {
        return Glm.builder(Family.poisson());
    }
}
