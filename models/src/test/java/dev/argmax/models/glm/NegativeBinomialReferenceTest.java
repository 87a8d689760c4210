package dev.argmax.models.glm;

import static dev.argmax.models.glm.GlmFamiliesReferenceTest.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import org.junit.jupiter.api.Test;

/**
 * The negative binomial fixture ({@code negbin/negbin_quine.json}: {@code MASS::glm.nb}, its exact
 * joint MLE, and a fixed-theta {@code glm}) through the public API at default settings.
 * Tolerances (issue 14): coefficients 1e-8 relative, standard errors 1e-7, deviance, null deviance,
 * log-likelihood, AIC, BIC 1e-9; theta and its standard error 1e-6 of the exact MLE's
 * ({@code exact_mle}: R's theta SE is evaluated at theta.ml's previous Newton iterate, 3e-6 away).
 */
class NegativeBinomialReferenceTest {

    private static final JsonNode REF = Fixtures.json("negbin/negbin_quine.json");

    @Test
    void thetaEstimatedAsGlmNb() {
        FittedGlm fit = Glm.builder(Family.negativeBinomial()).build().fit(GlmFamiliesReferenceTest.data(REF));
        ThetaEstimate theta = fit.theta().orElseThrow();
        JsonNode exact = REF.get("exact_mle");
        double coef = Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(REF.get("coefficients")), 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(exact.get("std_errors")), 0);
        System.out.printf("glm.nb: coef %.1e se %.1e theta %.1e thetaSE %.1e 2ll %.1e aic %.1e dev %.1e null %.1e"
                        + " (%d alternations)%n", coef, se, rel(theta.theta(), exact.get("theta")),
                rel(theta.standardError(), exact.get("theta_std_error")),
                rel(2 * fit.logLikelihood(), REF.get("twologlik")), rel(fit.aic(), REF.get("aic")),
                rel(fit.deviance(), REF.get("deviance")), rel(fit.nullDeviance(), REF.get("null_deviance")),
                theta.alternations());
        assertTrue(theta.converged() && fit.converged(), fit.solverResult().message());
        assertTrue(coef <= 1e-8, "coefficients " + coef);
        assertTrue(se <= 1e-7, "standard errors " + se);
        assertTrue(rel(theta.theta(), exact.get("theta")) <= 1e-6, "theta");
        assertTrue(rel(theta.standardError(), exact.get("theta_std_error")) <= 1e-6, "theta SE");
        assertTrue(rel(2 * fit.logLikelihood(), REF.get("twologlik")) <= 1e-9, "2 loglik");
        assertTrue(rel(fit.aic(), REF.get("aic")) <= 1e-9, "aic");
        assertTrue(rel(fit.bic(), REF.get("bic")) <= 1e-9, "bic");
        assertTrue(rel(fit.deviance(), REF.get("deviance")) <= 1e-9, "deviance");
        assertTrue(rel(fit.nullDeviance(), REF.get("null_deviance")) <= 1e-9, "null deviance");
        assertTrue(rel(fit.pearsonChiSquare(), REF.get("pearson_chi2")) <= 1e-9, "pearson");
        assertEquals(REF.get("loglik_df").asInt(), fit.logLikelihoodParameters());
        assertEquals(REF.get("family").asText(), fit.family().name());
        assertEquals("z", fit.statisticName());
        assertEquals(1.0, fit.dispersion());
        assertTrue(fit.summary().contains("Theta:"), fit.summary());
    }

    @Test
    void thetaFixed() {
        JsonNode fixed = REF.get("fixed_theta");
        FittedGlm fit = Glm.builder(Family.negativeBinomial(fixed.get("theta").asDouble())).build()
                .fit(GlmFamiliesReferenceTest.data(REF));
        double coef = Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(fixed.get("coefficients")), 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(fixed.get("std_errors_at_mle")), 0);
        assertTrue(fit.converged(), fit.solverResult().message());
        assertTrue(fit.theta().isEmpty());
        assertTrue(coef <= 1e-8, "coefficients " + coef);
        assertTrue(se <= 1e-7, "standard errors " + se);
        assertTrue(rel(fit.deviance(), fixed.get("deviance")) <= 1e-9, "deviance");
        assertTrue(rel(fit.nullDeviance(), fixed.get("null_deviance")) <= 1e-9, "null deviance");
        assertTrue(rel(fit.logLikelihood(), fixed.get("loglik")) <= 1e-9, "loglik");
        assertTrue(rel(fit.aic(), fixed.get("aic")) <= 1e-9, "aic");
        assertEquals(fixed.get("family").asText(), fit.family().name());
    }
}
