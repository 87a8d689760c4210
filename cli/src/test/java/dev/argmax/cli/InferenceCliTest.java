package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inference fixtures ({@code inference/*.json}, R 4.2.2 with sandwich, MASS and brglm2)
 * through the command line: {@code fit --vcov}, {@code fit --confint profile}, {@code fit --firth},
 * {@code fit --drop1} and {@code anova}, at the issue's tolerances (sandwich SEs 1e-8 relative of
 * the fixtures' at-MLE values, LR statistics and p-values 1e-8, exact profile limits 1e-8, Firth
 * coefficients and SEs 1e-8), every fit at the fixtures' epsilon 1e-14.
 */
class InferenceCliTest {

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, status, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> base(JsonNode ref, String... more) {
        List<String> a = new ArrayList<>(List.of("fit", "--data",
                Fixtures.path(ref.get("data_file").asText().replace("../", "")).toString(), "--response",
                ref.get("response").asText(), "--family", ref.get("family").asText(), "--format", "json",
                "--epsilon", "1e-14", "--max-iterations", "100"));
        if (ref.get("fixture").asText().equals("logistic_bacteria")) {
            a.addAll(List.of("--exclude", "id"));
        }
        a.addAll(List.of(more));
        return a;
    }

    private static void close(double[] expected, JsonNode actual, double tol, String what) {
        double[] a = Fixtures.doubles(actual);
        assertTrue(Fixtures.maxRelDiff(a, expected, 0) < tol, what + ": " + actual + " vs "
                + java.util.Arrays.toString(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic_bacteria", "poisson_traffic"})
    void sandwichProfileAnovaAndDrop1(String name) throws Exception {
        JsonNode ref = Fixtures.json("inference/" + name + ".json");
        String cl = ref.get("cluster_column").asText();
        String[][] types = {{"HC0", "HC0"}, {"HC3", "HC3"}, {"cluster:" + cl, "cluster"},
            {"cluster-HC1:" + cl, "cluster_HC1"}};
        for (String[] t : types) {
            JsonNode j = run(base(ref, "--vcov", t[0]).toArray(String[]::new));
            assertEquals(t[1], j.get("vcov_type").asText());
            close(Fixtures.doubles(ref.get(t[1]).get("std_errors_at_mle")), j.get("std_errors"), 1e-8, t[0]);
        }
        JsonNode p = run(base(ref, "--confint", "profile").toArray(String[]::new));
        assertEquals("profile", p.get("conf_int_method").asText());
        assertEquals("model", p.get("vcov_type").asText());
        close(Fixtures.doubles(ref.get("confint_profile").get("exact_lower")), p.get("conf_int_lower"), 1e-8,
                "profile lower");
        close(Fixtures.doubles(ref.get("confint_profile").get("exact_upper")), p.get("conf_int_upper"), 1e-8,
                "profile upper");

        JsonNode a = ref.get("anova_lrt");
        List<String> reduced = new ArrayList<>();
        a.get("reduced_design_columns").forEach(c -> reduced.add(c.asText()));
        List<String> full = new ArrayList<>();
        ref.get("design_columns").forEach(c -> full.add(c.asText()));
        JsonNode an = run("anova", "--data", Fixtures.path(ref.get("data_file").asText().replace("../", ""))
                .toString(), "--response", "y", "--family", ref.get("family").asText(), "--columns0",
                String.join(",", reduced), "--columns1", String.join(",", full), "--epsilon", "1e-14",
                "--format", "json");
        JsonNode row = an.get("anova").get(1);
        double stat = a.get("deviance_difference").asDouble();
        assertEquals(stat, row.get("statistic").asDouble(), 1e-8 * stat);
        assertEquals(stat, row.get("deviance").asDouble(), 1e-8 * stat);
        assertEquals(a.get("df_difference").asInt(), row.get("df").asInt());
        assertEquals(a.get("p_value").asDouble(), row.get("p_value").asDouble(), 1e-8 * a.get("p_value").asDouble());
        assertTrue(an.get("anova").get(0).get("p_value").isNull());

        if (a.get("dropped_columns").size() == 1) {
            JsonNode d = run(base(ref, "--drop1").toArray(String[]::new)).get("drop1");
            String dropped = a.get("dropped_columns").get(0).asText();
            for (JsonNode r : d) {
                if (r.get("term").asText().equals(dropped)) {
                    assertEquals(stat, r.get("statistic").asDouble(), 1e-8 * stat);
                    assertEquals(a.get("p_value").asDouble(), r.get("p_value").asDouble(),
                            1e-8 * a.get("p_value").asDouble());
                    assertEquals(a.get("deviance_reduced").asDouble(), r.get("deviance").asDouble(),
                            1e-10 * stat * 100);
                }
            }
            assertEquals("<none>", d.get(0).get("term").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic_bacteria", "firth_separation_iris"})
    void firth(String name) throws Exception {
        JsonNode ref = Fixtures.json("inference/" + name + ".json");
        JsonNode f = ref.get("firth");
        JsonNode j = run(base(ref, "--firth").toArray(String[]::new));
        assertEquals("firth", j.get("method").asText());
        assertTrue(j.get("estimate_type").asText().startsWith("MAP under Jeffreys prior"));
        close(Fixtures.doubles(f.get("coefficients")), j.get("coefficients"), 1e-8, "firth coefficients");
        close(Fixtures.doubles(f.get("std_errors_at_estimate")), j.get("std_errors"), 1e-8, "firth SEs");
        double pl = f.get("penalized_loglik").asDouble();
        assertEquals(pl, j.get("penalized_loglik").asDouble(), 1e-10 * Math.abs(pl));
        if (name.equals("firth_separation_iris")) {
            JsonNode mle = run(base(ref).toArray(String[]::new));
            assertTrue(mle.get("separation").asBoolean());
            assertEquals(3, mle.get("diverging_coefficients").size());
            assertTrue(mle.get("warnings").toString().contains("--firth"));
        }
    }
}
