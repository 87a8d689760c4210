package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every family / link and negative binomial fixture of the reference set through
 * {@code argmax fit --format json} at default settings (issue 14): coefficients 1e-8 relative of
 * the MLE, standard errors 1e-7 of {@code std_errors_at_mle}, deviance, null deviance, loglik,
 * AIC 1e-9 (null where R has NA); theta and its SE 1e-6 of the exact MLE. And {@code compare} on
 * Gamma-log and probit problems: every solver that accepts them within 1e-8 of the best objective.
 */
class FamiliesCommandTest {

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, status, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> args(JsonNode ref, String family) {
        String file = ref.get("data_file").asText().replace("../", "");
        CsvTable csv = Fixtures.csv(file);
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        String offset = ref.hasNonNull("offset_column") ? ref.get("offset_column").asText() : null;
        String weights = ref.hasNonNull("weights_column") ? ref.get("weights_column").asText() : null;
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals("y") && !design.contains(name) && !name.equals(offset) && !name.equals(weights)) {
                exclude.add(name);
            }
        }
        List<String> a = new ArrayList<>(List.of("fit", "--data", Fixtures.path(file).toString(), "--response",
                ref.get("response").asText(), "--family", family, "--format", "json"));
        if (offset != null) {
            a.addAll(List.of("--offset", offset));
        }
        if (weights != null) {
            a.addAll(List.of("--weights", weights));
        }
        if (!exclude.isEmpty()) {
            a.addAll(List.of("--exclude", String.join(",", exclude)));
        }
        return a;
    }

    private static double rel(JsonNode got, JsonNode want) {
        return Math.abs(got.asDouble() - want.asDouble()) / Math.abs(want.asDouble());
    }

    private static double maxRel(JsonNode got, JsonNode want) {
        double worst = 0;
        for (int j = 0; j < want.size(); j++) {
            worst = Math.max(worst, rel(got.get(j), want.get(j)));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binomial_cloglog_cats", "binomial_logit_proportions_esoph", "binomial_probit_mtcars",
        "gamma_inverse_mtcars", "gamma_log_cars93", "gaussian_log_anorexia", "inverse_gaussian_cats",
        "poisson_sqrt_quine", "quasibinomial_esoph", "quasipoisson_ships_offset"})
    void fitJsonMatchesR(String name) throws Exception {
        JsonNode ref = Fixtures.json("glm_families/" + name + ".json");
        List<String> a = args(ref, ref.get("family").asText());
        a.addAll(List.of("--link", ref.get("link").asText()));
        JsonNode j = run(a.toArray(String[]::new));
        assertEquals(ref.get("link").asText(), j.get("link").asText());
        assertTrue(maxRel(j.get("coefficients"), ref.get("coefficients")) <= 1e-8, "coefficients");
        assertTrue(maxRel(j.get("std_errors"), ref.get("std_errors_at_mle")) <= 1e-7, "standard errors");
        for (String f : List.of("deviance", "null_deviance", "dispersion", "pearson_chi2")) {
            assertTrue(rel(j.get(f), ref.get(f)) <= 1e-9, f);
        }
        for (String f : List.of("loglik", "aic", "bic")) {
            if (ref.get(f).isNull()) {
                assertTrue(j.get(f).isNull(), f + " has no value for " + name);
            } else {
                assertTrue(rel(j.get(f), ref.get(f)) <= 1e-9, f);
            }
        }
    }

    @Test
    void negativeBinomialWithThetaEstimatedAndFixed() throws Exception {
        JsonNode ref = Fixtures.json("negbin/negbin_quine.json");
        JsonNode j = run(args(ref, "negbin").toArray(String[]::new));
        JsonNode exact = ref.get("exact_mle");
        assertTrue(maxRel(j.get("coefficients"), ref.get("coefficients")) <= 1e-8, "coefficients");
        assertTrue(maxRel(j.get("std_errors"), exact.get("std_errors")) <= 1e-7, "standard errors");
        assertTrue(rel(j.get("theta"), exact.get("theta")) <= 1e-6, "theta");
        assertTrue(rel(j.get("theta_std_error"), exact.get("theta_std_error")) <= 1e-6, "theta SE");
        assertTrue(rel(j.get("aic"), ref.get("aic")) <= 1e-9, "aic");
        assertTrue(Math.abs(2 * j.get("loglik").asDouble() - ref.get("twologlik").asDouble())
                <= 1e-9 * Math.abs(ref.get("twologlik").asDouble()), "2 loglik");
        assertTrue(rel(j.get("deviance"), ref.get("deviance")) <= 1e-9, "deviance");

        JsonNode fixed = ref.get("fixed_theta");
        List<String> a = args(ref, "negbin");
        a.addAll(List.of("--theta", fixed.get("theta").asText()));
        JsonNode f = run(a.toArray(String[]::new));
        assertTrue(maxRel(f.get("coefficients"), fixed.get("coefficients")) <= 1e-8, "fixed-theta coefficients");
        assertTrue(maxRel(f.get("std_errors"), fixed.get("std_errors_at_mle")) <= 1e-7, "fixed-theta SEs");
        assertTrue(rel(f.get("aic"), fixed.get("aic")) <= 1e-9, "fixed-theta aic");
        assertEquals(1.0, f.get("theta").asDouble());
        assertTrue(f.get("theta_std_error").isNull());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2000,6,gamma-log,3", "2000,6,probit,4"})
    void compareOnGammaLogAndProbit(String synthetic) throws Exception {
        JsonNode j = run("compare", "--synthetic", synthetic, "--tolerance", "1e-9", "--format", "json");
        double best = j.get("best_objective").asDouble();
        int compared = 0;
        for (JsonNode r : j.get("solvers")) {
            assertTrue(!r.has("error"), r.toString());
            compared++;
            double gap = r.get("objective").asDouble() - best;
            assertTrue(gap <= 1e-8 * Math.abs(best), r.get("solver").asText() + " gap " + gap);
        }
        assertTrue(compared >= 5, j.toString());
    }
}
