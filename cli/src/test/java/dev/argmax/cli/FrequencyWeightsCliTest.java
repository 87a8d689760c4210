package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --freq-weights COL} (with and without {@code --weights}, through a formula with a
 * factor) gives the fit of the file with each row written out that many times; a fractional
 * frequency is refused naming the row. Both fits are at epsilon 1e-14 (IRLS with its Newton
 * finish), so they agree to rounding: 1e-9 relative covers the summation-order differences.
 */
class FrequencyWeightsCliTest {

    @TempDir
    Path dir;

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

    @Test
    void frequencyWeightedFileEqualsTheRepeatedFile() throws Exception {
        String[] g = {"a", "b", "c"};
        StringBuilder weighted = new StringBuilder("y,x,g,w,f\n");
        StringBuilder repeated = new StringBuilder("y,x,g,w\n");
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 30; i++) {
            double x = rnd.nextGaussian();
            int y = rnd.nextInt(6);
            String gi = g[i % 3];
            double w = 1 + rnd.nextInt(3) * 0.5;
            int f = rnd.nextInt(4);
            weighted.append(y).append(',').append(x).append(',').append(gi).append(',').append(w).append(',')
                    .append(f).append('\n');
            for (int r = 0; r < f; r++) {
                repeated.append(y).append(',').append(x).append(',').append(gi).append(',').append(w).append('\n');
            }
        }
        Path a = dir.resolve("weighted.csv");
        Path b = dir.resolve("repeated.csv");
        Files.writeString(a, weighted);
        Files.writeString(b, repeated);
        for (String family : new String[] {"poisson", "gaussian"}) {
            JsonNode fw = json("fit", "--data", a.toString(), "--formula", "y ~ x + g", "--family", family,
                    "--weights", "w", "--freq-weights", "f", "--epsilon", "1e-14", "--format", "json");
            JsonNode rep = json("fit", "--data", b.toString(), "--formula", "y ~ x + g", "--family", family,
                    "--weights", "w", "--epsilon", "1e-14", "--format", "json");
            assertEquals(rep.get("n").asInt(), fw.get("n").asInt(), family);
            assertEquals(rep.get("df_residual").asInt(), fw.get("df_residual").asInt(), family);
            assertEquals(rep.get("df_null").asInt(), fw.get("df_null").asInt(), family);
            assertEquals(rep.get("coefficient_names"), fw.get("coefficient_names"), family);
            for (String field : new String[] {"coefficients", "std_errors"}) {
                for (int j = 0; j < rep.get(field).size(); j++) {
                    double e = rep.get(field).get(j).asDouble();
                    assertEquals(e, fw.get(field).get(j).asDouble(), 1e-9 * Math.max(1, Math.abs(e)),
                            family + " " + field + " " + j);
                }
            }
            for (String field : new String[] {"deviance", "null_deviance", "aic", "bic", "dispersion"}) {
                double e = rep.get(field).asDouble();
                assertEquals(e, fw.get(field).asDouble(), 1e-9 * Math.abs(e), family + " " + field);
            }
            JsonNode prior = json("fit", "--data", a.toString(), "--formula", "y ~ x + g", "--family", family,
                    "--weights", "w", "--epsilon", "1e-14", "--format", "json");
            assertNotEquals(prior.get("n").asInt(), fw.get("n").asInt(), "the frequencies count");
        }
        Files.writeString(a, weighted.toString().replaceFirst("\n(.*),(\\d)\n", "\n$1,$2.5\n"));
        String[] bad = run("fit", "--data", a.toString(), "--formula", "y ~ x", "--family", "poisson",
                "--freq-weights", "f");
        assertNotEquals("0", bad[0]);
        assertTrue(bad[2].contains("fractional value") && bad[2].contains("at row 1"), bad[2]);
    }
}
