package dev.argmax.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each example's {@code main} and checks what it prints against outside references: R 4.2.2's
 * {@code glm(y ~ gpa + tuce + psi, binomial)} on the Spector and Mazzeo data (coefficients
 * -13.02135, 2.82611, 0.09516, 2.37869 as R prints them to 7 significant digits; AIC 33.779), and
 * glmnet 4.1-6's lambda_max on the standardized diabetes data (45.16003002046289, the reference set's
 * {@code lasso_gaussian_diabetes_standardized}).
 */
class ExamplesTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run() throws Exception;
    }

    /** R's summary line for a coefficient: name, estimate, standard error, z, p. */
    private static void assertRow(String summary, String name, String estimate, String se) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\S+)\\s+(\\S+)").matcher(summary);
        assertTrue(m.find(), "no row " + name + " in\n" + summary);
        assertEquals(estimate, m.group(1), name + " estimate");
        assertEquals(se, m.group(2), name + " standard error");
    }

    private static void assertSpectorSummary(String out) {
        assertRow(out, "(Intercept)", "-13.02135", "4.93132");
        assertRow(out, "gpa", "2.82611", "1.26294");
        assertRow(out, "tuce", "0.09516", "0.14155");
        assertRow(out, "psi", "2.37869", "1.06456");
        assertTrue(out.contains("AIC: 33.779"), out);
    }

    @Test
    void glmSummaryMatchesR() throws Exception {
        String out = run(() -> GlmSummaryExample.main(new String[0]));
        assertSpectorSummary(out);
        assertTrue(out.contains("converged: true"), out);
    }

    @Test
    void lassoPathWithCrossValidationWritesAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("path.png");
        String out = run(() -> LassoPathCvExample.main(new String[] {png.toString()}));
        Matcher m = Pattern.compile("lambda_max (\\S+), (\\d+) lambdas").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(45.16003002046289, Double.parseDouble(m.group(1)), 1e-4, "glmnet's lambda_max, printed to 6 digits");
        assertTrue(out.contains("lambda_1se"), out);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000, "PNG of " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    @Test
    void sparkFitMatchesR() throws Exception {
        String out = run(() -> SparkGlmExample.main(new String[0]));
        assertSpectorSummary(out);
    }
}
