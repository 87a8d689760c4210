package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GLM fixture of the reference set (R 4.2.2 {@code glm}, cross-checked with statsmodels;
 * {@code glm/*.json}) through the public API, at the reference README's tolerances:
 * coefficients 1e-9 relative, standard errors 1e-8 relative of {@code std_errors_at_mle},
 * statistics 1e-8, deviance / null deviance / loglik / AIC / BIC / Pearson chi-square 1e-10
 * relative, p-values 1e-6 relative. Fitted with the fixtures' own stopping rule (R's, epsilon
 * 1e-14, as recorded in each fixture's {@code method.call}) and with R's default epsilon 1e-8,
 * where IRLS's final Newton step on its last Gram brings the coefficients to the same limit.
 */
class GlmReferenceTest {

    /** Every {@code glm/*.json} fixture in the test resources (the public three, or any set in the same format). */
    static List<String> fixtures() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Fixtures.path("glm"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
            assertTrue(names.size() >= 3, "fixtures: " + names);
            return names;
        }
    }

    static Dataset data(JsonNode ref) {
        String file = ref.get("data_file").asText().replace("../", "");
        CsvTable csv = Fixtures.csv(file);
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        String offset = ref.hasNonNull("offset_column") ? ref.get("offset_column").asText() : null;
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals(ref.get("response").asText()) && !design.contains(name) && !name.equals(offset)) {
                exclude.add(name);
            }
        }
        Dataset d = csv.toDataset(ref.get("response").asText(), null, offset, exclude);
        assertEquals(design, d.predictorNames());
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesR(String name) {
        check(name, 1e-14, null);
    }

    @ParameterizedTest(name = "{0} at R's default epsilon")
    @MethodSource("fixtures")
    void matchesRAtDefaultSettings(String name) {
        check(name, 1e-8, null);
    }

    /** The Gaussian fixture through IRLS too (normal equations refined by Newton steps). */
    @ParameterizedTest(name = "{0} by irls")
    @MethodSource("fixtures")
    void matchesRByIrls(String name) {
        check(name, 1e-14, "irls");
    }

    private static void check(String name, double epsilon, String solver) {
        JsonNode ref = Fixtures.json("glm/" + name + ".json");
        Family family = Family.of(ref.get("family").asText());
        boolean intercept = !ref.has("add_intercept") || ref.get("add_intercept").asBoolean();
        FittedGlm fit = Glm.builder(family).intercept(intercept).epsilon(epsilon).solver(solver).build()
                .fit(data(ref));
        assertTrue(fit.converged(), fit.solverResult().message());
        assertEquals(ref.get("link").asText(), fit.link().label());
        List<String> names = new ArrayList<>();
        ref.get("coefficient_names").forEach(c -> names.add(c.asText()));
        assertEquals(names, fit.coefficientNames());

        double coef = Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(ref.get("std_errors_at_mle")), 0);
        double seR = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(ref.get("std_errors")), 0);
        double stat = Fixtures.maxRelDiff(fit.statistics(), Fixtures.doubles(ref.get("test_statistics")), 0);
        double pv = Fixtures.maxRelDiff(fit.pValues(), Fixtures.doubles(ref.get("p_values")), 0);
        System.out.printf("%-18s eps %.0e (%s, %d it): coef %.1e  se(at mle) %.1e  se(R) %.1e  stat %.1e  p %.1e"
                        + "  dev %.1e  null %.1e  loglik %.1e  aic %.1e  bic %.1e  pearson %.1e%n",
                name, epsilon, fit.solverResult().solver(), fit.iterations(), coef, se, seR, stat, pv,
                rel(fit.deviance(), ref.get("deviance")), rel(fit.nullDeviance(), ref.get("null_deviance")),
                rel(fit.logLikelihood(), ref.get("loglik")), rel(fit.aic(), ref.get("aic")),
                rel(fit.bic(), ref.get("bic")), rel(fit.pearsonChiSquare(), ref.get("pearson_chi2")));
        assertTrue(coef <= 1e-9, "coefficients: " + coef);
        assertTrue(se <= 1e-8, "standard errors: " + se);
        assertTrue(stat <= 1e-8, "statistics: " + stat);
        assertTrue(pv <= 1e-6, "p-values: " + pv);
        assertTrue(rel(fit.deviance(), ref.get("deviance")) <= 1e-10, "deviance");
        assertTrue(rel(fit.nullDeviance(), ref.get("null_deviance")) <= 1e-10, "null deviance");
        assertTrue(rel(fit.logLikelihood(), ref.get("loglik")) <= 1e-10, "loglik");
        assertTrue(rel(fit.aic(), ref.get("aic")) <= 1e-10, "aic");
        assertTrue(rel(fit.bic(), ref.get("bic")) <= 1e-10, "bic");
        assertTrue(rel(fit.pearsonChiSquare(), ref.get("pearson_chi2")) <= 1e-10, "pearson chi2");
        assertTrue(rel(fit.dispersion(), ref.get("dispersion")) <= 1e-10, "dispersion");
        assertEquals(ref.get("df_residual").asInt(), fit.dfResidual());
        assertEquals(ref.get("df_null").asInt(), fit.dfNull());
        assertEquals(ref.get("loglik_df").asInt(), fit.logLikelihoodParameters());
        assertEquals(ref.get("statistic_name").asText(), fit.statisticName());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
        double[][] cov = Fixtures.matrix(ref.get("covariance_at_mle"));
        for (int i = 0; i < cov.length; i++) {
            for (int j = 0; j < cov.length; j++) {
                double scale = Math.sqrt(cov[i][i] * cov[j][j]);
                assertEquals(cov[i][j], fit.covariance().get(i, j), 1e-8 * scale, "covariance " + i + "," + j);
            }
        }
        double[] eta5 = Fixtures.doubles(ref.get("linear_predictor_first5"));
        double[] mu5 = Fixtures.doubles(ref.get("fitted_mean_first5"));
        for (int i = 0; i < 5; i++) {
            assertEquals(eta5[i], fit.linearPredictor()[i], 1e-9 * Math.max(1, Math.abs(eta5[i])));
            assertEquals(mu5[i], fit.fittedValues()[i], 1e-9 * Math.abs(mu5[i]));
        }
    }

    static double rel(double value, JsonNode ref) {
        double r = ref.asDouble();
        return Math.abs(value - r) / Math.abs(r);
    }
}
