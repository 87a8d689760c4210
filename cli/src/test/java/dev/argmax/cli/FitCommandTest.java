package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code argmax fit} end to end: the JSON fields the issue lists, in order, with the values of
 * R 4.2.2 {@code glm} on the Spector & Mazzeo data ({@code glm/logistic_spector.json}), the text
 * summary, and one-line errors with a non-zero exit status.
 */
class FitCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static String spector() {
        return Fixtures.path("data/spector.csv").toString();
    }

    /**
     * A column that duplicates another (R: {@code NA} in the estimate column of {@code summary},
     * and the README's promise of {@code null} in JSON): the estimate is as undefined as its
     * statistics, for the Gaussian (QR) and the binomial (IRLS) fit.
     */
    @Test
    void aliasedEstimateIsNullInJsonAndNaInText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(Fixtures.path("data/spector.csv"));
        List<String> copy = new ArrayList<>();
        copy.add(lines.get(0) + ",gpa_copy");
        for (String line : lines.subList(1, lines.size())) {
            copy.add(line + "," + line.split(",")[1]);
        }
        java.nio.file.Path csv = dir.resolve("aliased.csv");
        java.nio.file.Files.write(csv, copy);
        for (String family : List.of("gaussian", "binomial")) {
            Run json = run("fit", "--data", csv.toString(), "--response", "y", "--family", family, "--format", "json");
            assertEquals(0, json.status(), json.err());
            JsonNode j = new ObjectMapper().readTree(json.out());
            int last = j.get("coefficient_names").size() - 1;
            assertEquals("gpa_copy", j.get("coefficient_names").get(last).asText());
            assertTrue(j.get("coefficients").get(last).isNull(), family + ": " + j.get("coefficients"));
            assertTrue(j.get("std_errors").get(last).isNull());
            assertTrue(j.get("coefficients").get(1).isNumber());
            Run text = run("fit", "--data", csv.toString(), "--response", "y", "--family", family);
            assertEquals(0, text.status(), text.err());
            assertTrue(text.out().lines().anyMatch(l -> l.matches("gpa_copy\\s+NA\\s+NA\\s+NA\\s+NA\\s*")),
                    text.out());
        }
    }

    @Test
    void jsonHasTheListedFieldsWithRsValues() throws Exception {
        Run r = run("fit", "--data", spector(), "--response", "y", "--family", "binomial", "--format", "json",
                "--epsilon", "1e-14");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        List<String> required = List.of("family", "link", "solver", "converged", "iterations", "n",
                "coefficient_names", "coefficients", "std_errors", "statistics", "p_values", "conf_int_lower",
                "conf_int_upper", "deviance", "null_deviance", "loglik", "aic", "bic", "dispersion", "df_residual",
                "warnings");
        assertEquals(required, fields.subList(0, required.size()));
        assertTrue(fields.contains("trace"));
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        assertEquals("binomial", j.get("family").asText());
        assertEquals("logit", j.get("link").asText());
        assertEquals("irls", j.get("solver").asText());
        assertTrue(j.get("converged").asBoolean());
        assertEquals(32, j.get("n").asInt());
        assertEquals(ref.get("coefficient_names"), j.get("coefficient_names"));
        assertTrue(Fixtures.maxRelDiff(Fixtures.doubles(j.get("coefficients")),
                Fixtures.doubles(ref.get("coefficients")), 0) < 1e-9);
        assertTrue(Fixtures.maxRelDiff(Fixtures.doubles(j.get("std_errors")),
                Fixtures.doubles(ref.get("std_errors_at_mle")), 0) < 1e-8);
        assertTrue(Fixtures.maxRelDiff(Fixtures.doubles(j.get("p_values")),
                Fixtures.doubles(ref.get("p_values")), 0) < 1e-6);
        for (String f : List.of("deviance", "null_deviance", "loglik", "aic", "bic")) {
            double v = j.get(f).asDouble();
            double e = ref.get(f).asDouble();
            assertEquals(e, v, 1e-10 * Math.abs(e), f);
        }
        assertEquals(1.0, j.get("dispersion").asDouble());
        assertEquals(28, j.get("df_residual").asInt());
        assertEquals(0, j.get("warnings").size());
        // Wald interval: estimate -/+ 1.959964 SE
        double lo = j.get("conf_int_lower").get(1).asDouble();
        double b = ref.get("coefficients").get(1).asDouble();
        double se = ref.get("std_errors_at_mle").get(1).asDouble();
        assertEquals(b - 1.959963984540054 * se, lo, 1e-8 * Math.abs(lo));
        JsonNode trace = j.get("trace");
        assertEquals(j.get("iterations").asInt(), trace.size());
        JsonNode last = trace.get(trace.size() - 1);
        for (String f : List.of("iteration", "objective", "optimality", "step_size", "seconds")) {
            assertTrue(last.has(f), f);
        }
        assertTrue(last.get("optimality").asDouble() < 1e-10);
    }

    @Test
    void textPrintsTheSummary() {
        Run r = run("fit", "--data", spector(), "--response", "y", "--family", "binomial");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(Intercept) -13.02135    4.93132  -2.641  0.00828 **"), r.out());
        assertTrue(r.out().contains("AIC: 33.779"), r.out());
    }

    @Test
    void excludeAndNoInterceptShapeTheDesign() throws Exception {
        Run r = run("fit", "--data", spector(), "--response", "y", "--family", "poisson", "--exclude", "tuce,psi",
                "--no-intercept", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"gpa\"]", j.get("coefficient_names").toString());
        assertEquals("log", j.get("link").asText());
    }

    @Test
    void offsetAndWeightsColumns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Poisson rates with log exposure as offset and a weights column of ones: the MLE is the
        // per-group rate (sum y) / (sum exposure), exactly
        java.nio.file.Path csv = dir.resolve("rates.csv");
        java.nio.file.Files.writeString(csv, "y,g,logexp,w,note\n2,0," + Math.log(1.5) + ",1,7\n5,0,"
                + Math.log(2.0) + ",1,7\n3,0," + Math.log(0.5) + ",1,7\n7,1," + Math.log(3.0) + ",1,7\n1,1,"
                + Math.log(1.0) + ",1,7\n4,1," + Math.log(2.5) + ",1,7\n6,1," + Math.log(2.0) + ",1,7\n");
        Run r = run("fit", "--data", csv.toString(), "--response", "y", "--family", "poisson", "--offset", "logexp",
                "--weights", "w", "--exclude", "note", "--format", "json", "--epsilon", "1e-14");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"(Intercept)\",\"g\"]", j.get("coefficient_names").toString());
        double b0 = Math.log(10 / 4.0);
        assertEquals(b0, j.get("coefficients").get(0).asDouble(), 1e-13);
        assertEquals(Math.log(18 / 8.5) - b0, j.get("coefficients").get(1).asDouble(), 1e-13);
        assertEquals(7, j.get("n").asInt());
    }

    @Test
    void errorsAreOneLineWithNonZeroStatus() {
        Run bad = run("fit", "--data", spector(), "--response", "gpa", "--family", "binomial");
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("error: binomial response must be 0 or 1"), bad.err());
        assertTrue(bad.out().isEmpty());

        Run family = run("fit", "--data", spector(), "--response", "y", "--family", "weibull");
        assertEquals(2, family.status());
        assertEquals("error: unknown family 'weibull'; the families are gaussian, binomial, poisson, gamma, "
                + "inverse.gaussian, quasibinomial, quasipoisson, negbin, tweedie", family.err().strip());

        Run column = run("fit", "--data", spector(), "--response", "z", "--family", "gaussian");
        assertEquals(2, column.status());
        assertTrue(column.err().startsWith("error: no column named 'z'"), column.err());

        Run format = run("fit", "--data", spector(), "--response", "y", "--family", "binomial", "--format", "xml");
        assertEquals(2, format.status());
        assertEquals(1, format.err().lines().count(), format.err());

        Run missing = run("fit", "--data", "no-such-file.csv", "--response", "y", "--family", "binomial");
        assertFalse(missing.status() == 0);
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    /**
     * NIST StRD Filip (certified values, {@code nist/Filip.csv}) as a CSV of the powers x..x^10:
     * the default fit estimates x10 and warns "nearly collinear"; {@code --alias-tolerance 1e-7}
     * aliases it as R's lm does.
     */
    @Test
    void aliasToleranceReproducesLmOnFilip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.argmax.core.data.CsvTable nist = Fixtures.csv("nist/Filip.csv");
        double[] x = nist.column("x");
        double[] y = nist.column("y");
        StringBuilder csv = new StringBuilder("y");
        for (int d = 1; d <= 10; d++) {
            csv.append(",x").append(d);
        }
        csv.append('\n');
        for (int i = 0; i < x.length; i++) {
            csv.append(y[i]);
            double v = 1;
            for (int d = 1; d <= 10; d++) {
                v *= x[i];
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        java.nio.file.Path file = dir.resolve("filip.csv");
        java.nio.file.Files.writeString(file, csv.toString());
        JsonNode certified = Fixtures.json("nist/Filip.json").get("certified").get("estimates");

        Run r = run("fit", "--data", file.toString(), "--response", "y", "--family", "gaussian", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(11, j.get("rank").asInt());
        assertTrue(j.get("warnings").toString().contains("nearly collinear: x10"), j.get("warnings").toString());
        for (int k = 0; k <= 10; k++) {
            double c = certified.get(k).asDouble();
            assertEquals(c, j.get("coefficients").get(k).asDouble(), 1e-7 * Math.abs(c), "B" + k);
        }

        Run lm = run("fit", "--data", file.toString(), "--response", "y", "--family", "gaussian", "--format", "json",
                "--alias-tolerance", "1e-7");
        assertEquals(0, lm.status(), lm.err());
        JsonNode jl = new ObjectMapper().readTree(lm.out());
        assertEquals(10, jl.get("rank").asInt());
        assertEquals("[\"x10\"]", jl.get("aliased").toString());
    }
}
