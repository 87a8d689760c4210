package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} against R 4.2.2 ({@code glm/logistic_spector.json}): the linear predictor and
 * fitted means of the first five training rows, and standard errors of the fit at design rows
 * whose variance the reference covariance gives directly: {@code x = 0} (the intercept's
 * variance) and {@code x = e_1} ({@code C00 + 2 C01 + C11}).
 */
class PredictionTest {

    @Test
    void matchesRPredictionsAndCovariance() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        Dataset train = GlmReferenceTest.data(ref);
        FittedGlm fit = LogisticRegression.builder().epsilon(1e-14).build().fit(train);
        Prediction p = fit.predict(train);
        double[] eta5 = Fixtures.doubles(ref.get("linear_predictor_first5"));
        double[] mu5 = Fixtures.doubles(ref.get("fitted_mean_first5"));
        for (int i = 0; i < 5; i++) {
            assertEquals(eta5[i], p.link()[i], 1e-12 * Math.abs(eta5[i]));
            assertEquals(mu5[i], p.response()[i], 1e-12 * mu5[i]);
        }
        double[][] cov = Fixtures.matrix(ref.get("covariance_at_mle"));
        Dataset rows = Dataset.builder().x(new double[][] {{0, 0, 0}, {1, 0, 0}}).y(new double[] {0, 0}).build();
        Prediction q = fit.predict(rows);
        double se0 = Math.sqrt(cov[0][0]);
        double se1 = Math.sqrt(cov[0][0] + 2 * cov[0][1] + cov[1][1]);
        assertEquals(se0, q.linkStandardErrors()[0], 1e-8 * se0);
        assertEquals(se1, q.linkStandardErrors()[1], 1e-8 * se1);
        double b0 = Fixtures.doubles(ref.get("coefficients"))[0];
        double mu0 = 1 / (1 + Math.exp(-b0));
        assertEquals(mu0, q.response()[0], 1e-12 * mu0);
        // delta method: se(mu) = mu (1 - mu) se(eta)
        assertEquals(mu0 * (1 - mu0) * se0, q.responseStandardErrors()[0], 1e-8 * mu0 * (1 - mu0) * se0);
    }

    @Test
    void rejectsNewDataWithOtherColumns() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        FittedGlm fit = Glm.builder(Family.binomial()).build().fit(GlmReferenceTest.data(ref));
        Dataset wrong = Dataset.builder().x(new double[][] {{0, 0}}).y(new double[] {0}).build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> fit.predict(wrong));
        assertTrue(e.getMessage().contains("new data have 2 predictors, the model has 3"), e.getMessage());
    }
}
