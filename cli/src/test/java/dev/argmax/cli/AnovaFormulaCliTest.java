package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code argmax anova --formula0 --formula1} and {@code fit --formula --drop1} against R 4.2.2
 * ({@code anova_formula/anova_formula_quine.json}, made by the R script beside it): the LR
 * statistics and deviances to 1e-8 relative, fits at epsilon 1e-14 as in the script. p-values are
 * checked in the model module's test through their statistic; here they must be R's to 1e-6
 * relative, which the statistics' agreement guarantees for these tail probabilities (at most 5
 * times the statistic's relative error there).
 */
class AnovaFormulaCliTest {

    private static final JsonNode REF = Fixtures.json("anova_formula/anova_formula_quine.json");

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    private static JsonNode json(String... args) throws Exception {
        String[] r = run(args);
        assertEquals("0", r[0], r[2]);
        return new ObjectMapper().readTree(r[1]);
    }

    private static void close(double expected, JsonNode actual, double tol, String what) {
        assertEquals(expected, actual.asDouble(), tol * Math.abs(expected), what);
    }

    @Test
    void anovaByFormulas() throws Exception {
        String data = Fixtures.path("data/quine_factors.csv").toString();
        for (String name : new String[] {"anova_poisson", "anova_gaussian"}) {
            JsonNode r = REF.get(name);
            JsonNode j = json("anova", "--data", data, "--family", r.get("family").asText(), "--formula0",
                    r.get("formula0").asText(), "--formula1", r.get("formula1").asText(), "--epsilon", "1e-14",
                    "--format", "json");
            assertEquals(r.get("test").asText(), j.get("test").asText());
            assertEquals(r.get("n_dropped").asInt(), j.get("n_dropped").asInt());
            JsonNode row = j.get("anova").get(1);
            assertEquals(r.get("df").get(1).asInt(), row.get("df").asInt());
            assertEquals(r.get("df_residual").get(1).asInt(), row.get("df_residual").asInt());
            close(r.get("deviance").get(1).asDouble(), row.get("deviance"), 1e-8, name + " deviance");
            close(r.get("statistic").get(1).asDouble(), row.get("statistic"), 1e-8, name + " statistic");
            close(r.get("p_value").get(1).asDouble(), row.get("p_value"), 1e-6, name + " p-value");
            assertEquals(r.get("formula1").asText(), row.get("formula").asText());
            String[] text = run("anova", "--data", data, "--family", r.get("family").asText(), "--formula0",
                    r.get("formula0").asText(), "--formula1", r.get("formula1").asText(), "--epsilon", "1e-14");
            assertEquals("0", text[0], text[2]);
            assertTrue(text[1].contains(r.get("test").asText().equals("F") ? "Pr(>F)" : "Pr(>Chi)"), text[1]);
            assertTrue(text[1].contains("5 observations deleted due to missingness"), text[1]);
        }
        String[] bad = run("anova", "--data", data, "--family", "poisson", "--formula0", "Days ~ Lrn",
                "--formula1", "Days ~ Eth + Sex");
        assertNotEquals("0", bad[0]);
        assertTrue(bad[2].contains("not nested: term 'Lrn'"), bad[2]);
        String[] mixed = run("anova", "--data", data, "--family", "poisson", "--formula0", "Days ~ Lrn",
                "--columns1", "Eth");
        assertNotEquals("0", mixed[0]);
        assertTrue(mixed[2].contains("either as --formula0 and --formula1"), mixed[2]);
    }

    @Test
    void fitDrop1ByFormulaTerms() throws Exception {
        String data = Fixtures.path("data/quine_factors.csv").toString();
        for (String name : new String[] {"drop1_poisson", "drop1_gamma"}) {
            JsonNode r = REF.get(name);
            JsonNode j = json("fit", "--data", data, "--family", r.get("family").asText(), "--link",
                    r.get("link").asText(), "--formula", r.get("formula").asText(), "--drop1", "--epsilon", "1e-14",
                    "--max-iterations", "100", "--format", "json");
            assertEquals(r.get("statistic_name").asText(), j.get("drop1_test").asText());
            JsonNode rows = j.get("drop1");
            assertEquals(r.get("terms").size(), rows.size(), rows.toString());
            for (int i = 1; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String what = name + " " + row.get("term").asText();
                assertEquals(r.get("terms").get(i).asText(), row.get("term").asText());
                assertEquals(r.get("df").get(i).asInt(), row.get("df").asInt(), what);
                close(r.get("deviance").get(i).asDouble(), row.get("deviance"), 1e-8, what + " deviance");
                close(r.get("aic").get(i).asDouble(), row.get("aic"), 1e-8, what + " AIC");
                close(r.get("statistic").get(i).asDouble(), row.get("statistic"), 1e-8, what + " statistic");
                close(r.get("p_value").get(i).asDouble(), row.get("p_value"), 1e-6, what + " p-value");
            }
        }
    }
}
