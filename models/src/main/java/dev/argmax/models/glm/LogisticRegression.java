package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;

/**
 * Logistic regression (binomial family, logit link) by maximum likelihood: R's
 * {@code glm(y ~ ., family = binomial)}. The response is 0/1 (or a proportion with the number of
 * trials as weight). A thin front for {@link Glm}.
 */
public final class LogisticRegression {

    private LogisticRegression() {
    }

    /** Fits with an intercept and R's defaults. */
    public static FittedGlm fit(Dataset data) {
        return builder().build().fit(data);
    }

    /** A {@link Glm} builder for the binomial family, to set the intercept, solver or tolerance. */
    public static Glm.Builder builder() {
        return Glm.builder(Family.binomial());
    }
}
