package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code summary()} in R's {@code summary(glm)} layout. The expected text is what R 4.2.2 prints
 * for the reference fit ({@code glm/logistic_spector.json}: the fixture's numbers laid out by
 * R's {@code printCoefmat} rules: 4 significant digits for estimates and standard errors sharing
 * one number of decimals, statistics rounded to 3 decimals, {@code format.pval} with 3 digits,
 * significance codes padded to the widest present; deviances with 5 significant digits).
 */
class SummaryFormatTest {

    @Test
    void spectorSummaryReadsLikeR() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        FittedGlm fit = LogisticRegression.builder().epsilon(1e-14).build().fit(GlmReferenceTest.data(ref));
        String s = fit.summary();
        String expected = """
                Coefficients:
                             Estimate Std. Error z value Pr(>|z|)  \s
                (Intercept) -13.02135    4.93132  -2.641  0.00828 **
                gpa           2.82611    1.26294   2.238  0.02524 *\s
                tuce          0.09516    0.14155   0.672  0.50143  \s
                psi           2.37869    1.06456   2.234  0.02546 *\s
                ---
                Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1

                (Dispersion parameter for binomial family taken to be 1)

                    Null deviance: 41.183  on 31  degrees of freedom
                Residual deviance: 25.779  on 28  degrees of freedom
                AIC: 33.779

                Number of Fisher Scoring iterations: 6
                """;
        assertTrue(s.contains(expected), "summary was:\n" + s);
        assertTrue(s.startsWith("\nCall:\nglm(formula = y ~ gpa + tuce + psi, family = binomial(link = \"logit\"))\n"), s);
    }

    @Test
    void gaussianSummaryUsesTAndTheEstimatedDispersion() {
        JsonNode ref = Fixtures.json("glm/gaussian_diabetes.json");
        FittedGlm fit = LinearRegression.fit(GlmReferenceTest.data(ref));
        String s = fit.summary();
        assertTrue(s.contains(" Estimate Std. Error t value Pr(>|t|)"), s);
        assertTrue(s.contains("(Dispersion parameter for gaussian family taken to be 2932.682)"), s);
        assertTrue(s.contains("No Fisher scoring iterations: solved directly by "), s);
        assertEquals(ref.get("dispersion").asDouble(), fit.dispersion(), 1e-10 * fit.dispersion());
    }
}
