package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import org.junit.jupiter.api.Test;

/**
 * The intercept-only model (R's {@code glm(y ~ 1)}) against its closed form: the MLE of the
 * intercept is the link of the mean, with standard error {@code 1 / sqrt(n V(mu))} (binomial,
 * Poisson) and the null deviance equal to the deviance.
 */
class InterceptOnlyGlmTest {

    @Test
    void logisticInterceptIsTheLogOddsOfTheMean() {
        double[] y = {1, 0, 0, 1, 1, 1, 0, 1, 0, 1};
        FittedGlm fit = Glm.builder(Family.binomial()).build()
                .fit(Dataset.builder().x(new double[y.length][0]).y(y).build());
        double p = 0.6;
        assertEquals(Math.log(p / (1 - p)), fit.coefficients()[0], 1e-12);
        assertEquals(1 / Math.sqrt(y.length * p * (1 - p)), fit.standardErrors()[0], 1e-12);
        assertEquals(fit.nullDeviance(), fit.deviance(), 1e-12);
    }

    @Test
    void poissonInterceptIsTheLogOfTheMean() {
        double[] y = {0, 2, 3, 1, 4, 2};
        FittedGlm fit = Glm.builder(Family.poisson()).build()
                .fit(Dataset.builder().x(new double[y.length][0]).y(y).build());
        assertEquals(Math.log(2.0), fit.coefficients()[0], 1e-12);
        assertEquals(1 / Math.sqrt(y.length * 2.0), fit.standardErrors()[0], 1e-12);
    }
}
