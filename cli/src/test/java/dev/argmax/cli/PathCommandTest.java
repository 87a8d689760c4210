package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argmax path} on the bundled diabetes data against glmnet's lasso path polished to the
 * exact optimum (fixture penalized/lasso_gaussian_diabetes.json): lambda_max, every point's
 * objective and coefficients; the plot is a non-empty PNG.
 */
class PathCommandTest {

    @Test
    void lassoPathMatchesGlmnetAndIsPlotted(@TempDir Path dir) throws Exception {
        JsonNode ref = Fixtures.json("penalized/lasso_gaussian_diabetes.json");
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        double[] intercepts = Fixtures.doubles(ref.get("intercepts"));
        double[][] slopes = Fixtures.matrix(ref.get("coefficients"));
        StringJoiner list = new StringJoiner(",");
        for (double l : lambdas) {
            list.add(Double.toString(l));
        }
        Path png = dir.resolve("path.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "path", "--penalty", "l1", "--lambda",
                list.toString(),
                "--format", "json", "--plot", png.toString());
        assertEquals(0, status, err.toString());
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(ref.get("lambda_max").asDouble(), root.get("lambda_max").asDouble(),
                1e-10 * ref.get("lambda_max").asDouble());
        JsonNode path = root.get("path");
        assertEquals(lambdas.length, path.size());
        for (int k = 0; k < lambdas.length; k++) {
            JsonNode pt = path.get(k);
            assertEquals(objectives[k], pt.get("objective").asDouble(), 1e-9 * objectives[k], "lambda " + lambdas[k]);
            double[] c = Fixtures.doubles(pt.get("coefficients"));
            // coefficients of raw (unscaled) diabetes features reach ~800: relative to max(1, |b|)
            assertEquals(intercepts[k], c[0], 1e-6 * Math.max(1, Math.abs(intercepts[k])), "intercept " + k);
            for (int j = 0; j < slopes[k].length; j++) {
                assertEquals(slopes[k][j], c[j + 1], 1e-6 * Math.max(1, Math.abs(slopes[k][j])), "slope " + j
                        + " at lambda " + lambdas[k]);
            }
        }
        assertTrue(Files.size(png) > 0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }

    @Test
    void crossValidatedPathIsPlottedWithItsCurve(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("cv.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "path", "--data", "birthwt", "--cv", "5",
                "--nlambda", "30", "--format", "json", "--plot", png.toString());
        assertEquals(0, status, err.toString());
        JsonNode cv = new ObjectMapper().readTree(out.toString()).get("cv");
        assertEquals(5, cv.get("folds").asInt());
        assertEquals(30, cv.get("mean").size());
        // lambda_1se is the largest lambda within one s.e. of the minimum: never below lambda_min
        assertTrue(cv.get("lambda_1se").asDouble() >= cv.get("lambda_min").asDouble(), cv.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        // two panels side by side: paths and the CV curve
        assertTrue(image.getWidth() >= 2 * image.getHeight() * 0.9, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void badOptionsAreRejected() {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "path", "--cv", "1");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--cv"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "path", "--data",
                "x.csv"));
        assertTrue(err2.toString().contains("--family"), err2.toString());
    }
}
