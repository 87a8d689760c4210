package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argmax fit --family multinomial} on the {@code nnet::multinom} fixture (housing, frequency
 * weights; README section 7): coefficients 1e-7 relative of the exact MLE, standard errors 1e-6 of
 * {@code std_errors_at_mle}, z and p-values, deviance, null deviance and AIC 1e-9, JSON per-class
 * fields keyed by class; the same model with the classes as text (levels given, and sorted as R
 * sorts a factor), and the text summary laid out as {@code summary(multinom)}.
 */
class MultinomialCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, status, err.toString());
        return out.toString();
    }

    private static void assertRel(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void housingMatchesMultinom(@TempDir Path dir) throws Exception {
        JsonNode ref = Fixtures.json("multinomial/multinom_housing.json");
        String csv = Fixtures.path("data/housing_sat.csv").toString();
        JsonNode o = new ObjectMapper().readTree(run("fit", "--data", csv, "--response", "y", "--family",
                "multinomial", "--weights", "Freq", "--format", "json"));
        check(ref, o, List.of("2", "3"));
        assertEquals("1", o.get("reference_level").asText());

        // the same classes as text, levels given in the fixture's order (not the alphabetical one)
        List<String> lines = Files.readAllLines(Path.of(csv), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(lines.get(0).replaceFirst("^y,", "Sat,")).append('\n');
        List<String> names = List.of("Low", "Medium", "High");
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            text.append(names.get(Integer.parseInt(line.substring(0, comma)) - 1)).append(line.substring(comma))
                    .append('\n');
        }
        Path file = dir.resolve("housing_text.csv");
        Files.writeString(file, text.toString());
        JsonNode t = new ObjectMapper().readTree(run("fit", "--data", file.toString(), "--response", "Sat",
                "--family", "multinomial", "--weights", "Freq", "--levels", "Low,Medium,High", "--format", "json"));
        check(ref, t, List.of("Medium", "High"));
        assertEquals("Low", t.get("reference_level").asText());
        // without --levels, R's factor order: High, Low, Medium
        JsonNode sorted = new ObjectMapper().readTree(run("fit", "--data", file.toString(), "--response", "Sat",
                "--family", "multinomial", "--weights", "Freq", "--format", "json"));
        assertEquals("[\"High\",\"Low\",\"Medium\"]", sorted.get("levels").toString());
        assertRel(ref.get("deviance").asDouble(), sorted.get("deviance").asDouble(), 1e-9, "deviance (other reference)");

        String summary = run("fit", "--data", file.toString(), "--response", "Sat", "--family", "multinomial",
                "--weights", "Freq", "--levels", "Low,Medium,High");
        // --response is the shorthand for "Sat ~ .", printed as R prints the call's formula
        assertTrue(summary.startsWith("Call:\nmultinom(formula = Sat ~ .)"), summary);
        assertTrue(summary.contains("\nCoefficients:\n") && summary.contains("\nStd. Errors:\n")
                && summary.contains("\nResidual Deviance: 3470.084 \nAIC: 3498.084 \n"), summary);
    }

    private static void check(JsonNode ref, JsonNode o, List<String> classes) {
        assertTrue(o.get("converged").asBoolean(), o.get("message").asText());
        assertEquals(ref.get("coefficient_names").toString(), o.get("coefficient_names").toString());
        double[][] coef = Fixtures.matrix(ref.get("coefficients"));
        double[][] se = Fixtures.matrix(ref.get("std_errors_at_mle"));
        double[][] z = Fixtures.matrix(ref.get("test_statistics"));
        double[][] pv = Fixtures.matrix(ref.get("p_values"));
        for (int c = 0; c < classes.size(); c++) {
            for (int j = 0; j < coef[c].length; j++) {
                String at = classes.get(c) + ":" + j;
                assertRel(coef[c][j], o.get("coefficients").get(classes.get(c)).get(j).asDouble(), 1e-7, "coef " + at);
                assertRel(se[c][j], o.get("std_errors").get(classes.get(c)).get(j).asDouble(), 1e-6, "se " + at);
                assertRel(z[c][j], o.get("statistics").get(classes.get(c)).get(j).asDouble(), 1e-6, "z " + at);
                assertRel(pv[c][j], o.get("p_values").get(classes.get(c)).get(j).asDouble(), 1e-5, "p " + at);
                double lo = o.get("conf_int_lower").get(classes.get(c)).get(j).asDouble();
                double hi = o.get("conf_int_upper").get(classes.get(c)).get(j).asDouble();
                assertRel(coef[c][j] - 1.959963984540054 * se[c][j], lo, 1e-6, "lower " + at);
                assertRel(coef[c][j] + 1.959963984540054 * se[c][j], hi, 1e-6, "upper " + at);
            }
        }
        assertRel(ref.get("deviance").asDouble(), o.get("deviance").asDouble(), 1e-9, "deviance");
        assertRel(ref.get("null_deviance").asDouble(), o.get("null_deviance").asDouble(), 1e-9, "null deviance");
        assertRel(ref.get("aic").asDouble(), o.get("aic").asDouble(), 1e-9, "aic");
        assertRel(ref.get("bic").asDouble(), o.get("bic").asDouble(), 1e-9, "bic");
        assertEquals(ref.get("edf").asInt(), o.get("edf").asInt());
    }

    /**
     * {@code compare --family multinomial}: every solver that handles the problem (the MLE of the
     * housing fixture; the ungrouped and grouped lasso on iris at 0.05 lambda_max) converges and
     * ends within 1e-8 of the best objective (each stops on its own KKT rule; the objectives are
     * O(1)). The MLE's best objective is the fixture's deviance / (2 N).
     */
    @Test
    void compareEverySolverWithinOneEMinusEightOfTheBest() throws Exception {
        JsonNode ref = Fixtures.json("multinomial/multinom_housing.json");
        JsonNode o = new ObjectMapper().readTree(run("compare", "--data",
                Fixtures.path("data/housing_sat.csv").toString(), "--family", "multinomial", "--weights", "Freq",
                "--format", "json"));
        checkCompare(o, List.of("newton", "cd", "lbfgs", "fista"));
        assertRel(ref.get("deviance").asDouble() / (2 * ref.get("n_weighted").asDouble()),
                o.get("best_objective").asDouble(), 1e-10, "best objective");
        assertEquals("2:(Intercept)", o.get("coefficient_names").get(0).asText());
        JsonNode iris = Fixtures.json("multinomial/glmnet_multinomial_iris_grouped.json");
        for (boolean grouped : new boolean[] {false, true}) {
            double lambda = 0.05 * iris.get("lambda_max").asDouble();
            List<String> args = new java.util.ArrayList<>(List.of("compare", "--data",
                    Fixtures.path("data/iris.csv").toString(), "--family", "multinomial", "--lambda",
                    Double.toString(lambda), "--format", "json"));
            if (grouped) {
                args.add("--grouped");
            }
            JsonNode c = new ObjectMapper().readTree(run(args.toArray(new String[0])));
            checkCompare(c, List.of("cd", "fista"));
        }
    }

    private static void checkCompare(JsonNode o, List<String> required) {
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode s : o.get("solvers")) {
            names.add(s.get("solver").asText());
            assertTrue(s.get("converged").asBoolean(), s.toString());
            assertTrue(s.get("objective").asDouble() - o.get("best_objective").asDouble() <= 1e-8, s.toString());
        }
        assertTrue(names.containsAll(required), names.toString());
    }

    /**
     * {@code path --family multinomial} at the glmnet fixtures' lambdas (iris, ungrouped and
     * grouped): coefficients 1e-7 absolute in glmnet's symmetric parametrization, objective 1e-10
     * relative, lambda_max 1e-12; {@code cv --family multinomial} gives a curve with lambda_min and
     * lambda_1se on the path's lambdas.
     */
    @Test
    void pathAndCvMatchGlmnet() throws Exception {
        for (String type : new String[] {"ungrouped", "grouped"}) {
            JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_" + type + ".json");
            double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
            List<String> args = new java.util.ArrayList<>(List.of("path", "--data",
                    Fixtures.path("data/iris.csv").toString(), "--family", "multinomial", "--lambda",
                    lambdas[0] + "," + lambdas[1] + "," + lambdas[2], "--format", "json"));
            if (type.equals("grouped")) {
                args.add("--grouped");
            }
            JsonNode o = new ObjectMapper().readTree(run(args.toArray(new String[0])));
            assertEquals(type, o.get("type_multinomial").asText());
            assertTrue(o.get("converged").asBoolean());
            assertRel(ref.get("lambda_max").asDouble(), o.get("lambda_max").asDouble(), 1e-12, "lambda_max");
            double[][] intercepts = Fixtures.matrix(ref.get("intercepts"));
            double[] objectives = Fixtures.doubles(ref.get("objective_values"));
            List<String> classes = List.of("1", "2", "3");
            for (int l = 0; l < 3; l++) {
                JsonNode pt = o.get("path").get(l);
                double[][] slopes = Fixtures.matrix(ref.get("coefficients").get(l));
                for (int c = 0; c < 3; c++) {
                    JsonNode row = pt.get("coefficients").get(classes.get(c));
                    assertEquals(intercepts[l][c], row.get(0).asDouble(), 1e-7, type + " intercept " + l + "," + c);
                    for (int j = 0; j < slopes[c].length; j++) {
                        assertEquals(slopes[c][j], row.get(j + 1).asDouble(), 1e-7, type + " slope " + l + "," + c);
                    }
                }
                assertRel(objectives[l], pt.get("objective").asDouble(), 1e-10, type + " objective " + l);
            }
        }
        JsonNode cv = new ObjectMapper().readTree(run("cv", "--data", Fixtures.path("data/iris.csv").toString(),
                "--response", "y", "--family", "multinomial", "--folds", "5", "--nlambda", "20", "--measure", "class",
                "--format", "json"));
        assertEquals("class", cv.get("measure").asText());
        assertEquals(20, cv.get("path").size());
        double min = cv.get("lambda_min").asDouble();
        double oneSe = cv.get("lambda_1se").asDouble();
        assertTrue(oneSe >= min);
        boolean found = false;
        for (JsonNode pt : cv.get("path")) {
            found |= pt.get("lambda").asDouble() == min;
            assertTrue(pt.get("cv_mean").asDouble() >= 0 && pt.get("cv_mean").asDouble() <= 1);
        }
        assertTrue(found);
        String text = run("path", "--data", Fixtures.path("data/iris.csv").toString(), "--family", "multinomial",
                "--nlambda", "10", "--cv", "3");
        assertTrue(text.contains("lambda_min = ") && text.contains("Df"), text);
    }
}
