package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argmax compare} on small problems with outside references: the Spector logistic MLE
 * (R glm, fixture glm/logistic_spector.json) and a diabetes lasso (glmnet polished to the exact
 * optimum, fixture penalized/lasso_gaussian_diabetes.json). Every applicable solver must converge
 * to the reference objective; the JSON has the documented fields; the plot is a non-empty PNG.
 */
class CompareCommandTest {

    private static final String[] SOLVER_FIELDS = {"solver", "converged", "iterations", "seconds", "objective", "gap",
        "max_coef_diff"};

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void everySolverReachesRsLogisticMleOnSpectorAndThePlotIsWritten(@TempDir Path dir) throws Exception {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        // F = deviance / (2 n) for a 0/1 response (saturated log-likelihood 0)
        double refObjective = ref.get("deviance").asDouble() / (2 * ref.get("n").asDouble());
        double[] refCoefficients = Fixtures.doubles(ref.get("coefficients"));
        Path png = dir.resolve("spector.png");

        Run r = run("compare", "--format", "json", "--plot", png.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode root = json(r.out());
        JsonNode solvers = root.get("solvers");
        assertTrue(solvers.size() >= 1, "no solver ran: " + r.out());
        assertEquals(refObjective, root.get("best_objective").asDouble(), 1e-10 * refObjective);
        for (JsonNode s : solvers) {
            for (String f : SOLVER_FIELDS) {
                assertTrue(s.has(f), "field " + f + " missing in " + s);
            }
            String name = s.get("solver").asText();
            assertTrue(s.get("converged").asBoolean(), name + " did not converge: " + s);
            assertEquals(refObjective, s.get("objective").asDouble(), 1e-9 * refObjective, name);
            assertTrue(s.get("gap").asDouble() >= 0 && s.get("gap").asDouble() <= 1e-9 * refObjective, name);
            double[] c = Fixtures.doubles(s.get("coefficients"));
            // R's glm stops at a relative deviance change of 1e-8: its coefficients are good to about 1e-6
            assertTrue(Fixtures.maxRelDiff(c, refCoefficients, 1.0) < 1e-5, name + " coefficients " + s);
        }
        assertTrue(Files.size(png) > 0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }

    @Test
    void everyLassoSolverReachesGlmnetsOptimumOnDiabetes() throws Exception {
        JsonNode ref = Fixtures.json("penalized/lasso_gaussian_diabetes.json");
        int k = 5;
        double lambda = ref.get("lambdas").get(k).asDouble();
        double refObjective = ref.get("objective_values").get(k).asDouble();
        Run r = run("compare", "--data", "diabetes", "--penalty", "l1", "--lambda", Double.toString(lambda),
                "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode root = json(r.out());
        assertTrue(root.get("solvers").size() >= 1, r.out());
        for (JsonNode s : root.get("solvers")) {
            String name = s.get("solver").asText();
            assertTrue(s.get("converged").asBoolean(), name + " did not converge: " + s);
            // the fixture's objective was recomputed in R from the polished optimum
            assertEquals(refObjective, s.get("objective").asDouble(), 1e-9 * refObjective, name);
        }
    }

    @Test
    void textTableListsEverySolver(@TempDir Path dir) {
        Run r = run("compare", "--synthetic", "2000,5,poisson,7,toeplitz");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("max coef diff"), r.out());
        Run json = run("compare", "--synthetic", "2000,5,poisson,7,toeplitz", "--format", "json");
        List<String> names = new ArrayList<>();
        try {
            json(json.out()).get("solvers").forEach(s -> names.add(s.get("solver").asText()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing from\n" + r.out());
        }
    }

    @Test
    void badInputIsRejectedBeforeWork() {
        Run format = run("compare", "--format", "xml");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("--format"), format.err());
        Run unknown = run("compare", "--solvers", "simplex");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown solver 'simplex'"), unknown.err());
        Run family = run("compare", "--data", "no-such-file.csv");
        assertEquals(2, family.status());
        assertTrue(family.err().contains("--family"), family.err());
        Run both = run("compare", "--data", "spector", "--synthetic", "100,2,binomial,1");
        assertEquals(2, both.status());
        Run tolerance = run("compare", "--tolerance", "0");
        assertEquals(2, tolerance.status());
        assertTrue(tolerance.err().contains("tolerance"), tolerance.err());
    }
}
