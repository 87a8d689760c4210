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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
        Run nothing = run("compare", "--penalty", "l1");
        assertEquals(2, nothing.status());
        assertTrue(nothing.err().contains("one --lambda"), nothing.err());
        assertEquals(2, tolerance.status());
        assertTrue(tolerance.err().contains("tolerance"), tolerance.err());
    }

    /** What --tolerance 1e-10 must deliver; see {@link #objectiveBound}. */
    private static final double TARGET = 1e-10;

    /**
     * For a convex F, an iterate b with KKT violation eps (the smallest subgradient has sup norm
     * eps) satisfies {@code F(b) - F(b*) <= eps ||b - b*||_1}; the reference objective is a double
     * precision number, so {@code 1e-15 |F*|} is added for its rounding.
     */
    static double objectiveBound(double[] b, double[] bStar, double fStar) {
        double l1 = 0;
        for (int j = 0; j < b.length; j++) {
            l1 += Math.abs(b[j] - bStar[j]);
        }
        return TARGET * l1 + 1e-15 * Math.abs(fStar);
    }

    static double[] referenceCoefficients(JsonNode fx, int k) {
        double[] slopes = Fixtures.doubles(fx.get("coefficients").get(k));
        double[] out = new double[slopes.length + 1];
        out[0] = fx.get("intercepts").get(k).asDouble();
        System.arraycopy(slopes, 0, out, 1, slopes.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"l1, penalized/lasso_logistic_birthwt.json, 7, cd fista ista",
        "l2, penalized/ridge_logistic_birthwt.json, 2, cd fista gd irls ista lbfgs newton"})
    void toleranceDrivesEverySolverToTheKktTargetAndTheReferenceOptimum(String penalty, String fixture, int k,
                                                                         String expectedSolvers) throws Exception {
        JsonNode fx = Fixtures.json(fixture);
        double lambda = fx.get("lambdas").get(k).asDouble();
        double fStar = fx.get("objective_values").get(k).asDouble();
        double[] bStar = referenceCoefficients(fx, k);
        Run r = run("compare", "--data", "birthwt", "--family", "binomial", "--penalty", penalty, "--lambda",
                Double.toString(lambda), "--tolerance", "1e-10", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode root = json(r.out());
        assertEquals(TARGET, root.get("tolerance").asDouble());
        List<String> names = new ArrayList<>();
        for (JsonNode s : root.get("solvers")) {
            String name = s.get("solver").asText();
            names.add(name);
            assertTrue(s.get("converged").asBoolean(), name + " did not reach the target: " + s);
            assertTrue(s.get("optimality").asDouble() <= TARGET, name + " KKT " + s.get("optimality"));
            double[] b = Fixtures.doubles(s.get("coefficients"));
            double gap = s.get("objective").asDouble() - fStar;
            assertTrue(gap <= objectiveBound(b, bStar, fStar), name + ": F - F* = " + gap);
        }
        assertEquals(List.of(expectedSolvers.split(" ")), names.stream().sorted().toList(),
                "every registered solver that handles the " + penalty + " problem");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"l1", "l2", "elasticnet"})
    void theIssuesCommandWorksForEveryPenalty(String penalty) throws Exception {
        // the command of issue 12's acceptance: every solver handling the problem reaches 1e-10
        Run r = run("compare", "--data", "birthwt", "--family", "binomial", "--penalty", penalty, "--lambda", "0.01",
                "--tolerance", "1e-10", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode solvers = json(r.out()).get("solvers");
        assertTrue(solvers.size() >= 3, r.out());
        JsonNode best = null;
        for (JsonNode s : solvers) {
            assertTrue(s.get("converged").asBoolean(), s.toString());
            assertTrue(s.get("optimality").asDouble() <= TARGET, s.toString());
            assertEquals("CONVERGED_OPTIMALITY", s.get("stop_reason").asText(), s.toString());
            if (best == null || s.get("objective").asDouble() < best.get("objective").asDouble()) {
                best = s;
            }
        }
        // every solver's objective is within eps ||b - b_best||_1 of the best one's (it is within that of F*)
        double[] bBest = Fixtures.doubles(best.get("coefficients"));
        for (JsonNode s : solvers) {
            double[] b = Fixtures.doubles(s.get("coefficients"));
            double gap = s.get("objective").asDouble() - best.get("objective").asDouble();
            assertTrue(gap <= objectiveBound(b, bBest, best.get("objective").asDouble()), s.get("solver") + " " + gap);
        }
        Run text = run("compare", "--data", "birthwt", "--family", "binomial", "--penalty", penalty, "--lambda", "0.01",
                "--tolerance", "1e-10");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("every solver stopped at KKT violation <= 1.0e-10"), text.out());
        assertFalse(text.out().contains(" NO "), text.out());
    }

    @Test
    void aTargetBelowTheRoundingFloorIsReportedWithTheViolationReachedAndWhy() throws Exception {
        Run r = run("compare", "--data", "diabetes", "--solvers", "qr", "--tolerance", "1e-300", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode qr = json(r.out()).get("solvers").get(0);
        assertFalse(qr.get("converged").asBoolean(), qr.toString());
        assertEquals("ROUNDING_FLOOR", qr.get("stop_reason").asText());
        assertTrue(qr.get("optimality").asDouble() > 1e-300, qr.toString());
        assertTrue(qr.get("message").asText().contains("rounding floor"), qr.toString());
        Run text = run("compare", "--data", "diabetes", "--solvers", "qr", "--tolerance", "1e-300");
        assertTrue(text.out().contains("qr not converged (ROUNDING_FLOOR)"), text.out());
    }

    @Test
    void lambdaAloneMeansTheLassoAsInFitAndAlphaBelongsToTheElasticNet() throws Exception {
        Run alone = run("compare", "--data", "birthwt", "--lambda", "0.05", "--solvers", "cd", "--tolerance", "1e-12",
                "--format", "json");
        Run lasso = run("compare", "--data", "birthwt", "--penalty", "l1", "--lambda", "0.05", "--solvers", "cd",
                "--tolerance", "1e-12", "--format", "json");
        assertEquals(0, alone.status(), alone.err());
        assertEquals(json(lasso.out()).get("problem").asText(), json(alone.out()).get("problem").asText());
        assertEquals(json(lasso.out()).get("best_objective").asDouble(), json(alone.out()).get("best_objective")
                .asDouble(), 0.0, "the same problem solved by the same deterministic solver");
        Run fit = run("fit", "--data", "birthwt", "--response", "y", "--lambda", "0.05", "--tolerance", "1e-12",
                "--format", "json");
        assertEquals(0, fit.status(), fit.err());
        assertEquals("l1", json(fit.out()).get("penalty").asText());
        double[] compareCoefficients = Fixtures.doubles(json(lasso.out()).get("solvers").get(0).get("coefficients"));
        double[] fitCoefficients = Fixtures.doubles(json(fit.out()).get("path").get(0).get("coefficients"));
        // both are coordinate descent to KKT 1e-12 on the same lasso: the same solution up to that accuracy
        assertTrue(Fixtures.maxRelDiff(compareCoefficients, fitCoefficients, 1.0) < 1e-8,
                java.util.Arrays.toString(compareCoefficients) + " vs " + java.util.Arrays.toString(fitCoefficients));
        Run alpha = run("compare", "--data", "birthwt", "--penalty", "l1", "--lambda", "0.05", "--alpha", "0.5");
        assertEquals(2, alpha.status());
        assertTrue(alpha.err().contains("--alpha is for --penalty elasticnet"), alpha.err());
        Run two = run("compare", "--data", "birthwt", "--lambda", "0.05,0.01");
        assertEquals(2, two.status());
        assertTrue(two.err().contains("one --lambda"), two.err());
    }
}
