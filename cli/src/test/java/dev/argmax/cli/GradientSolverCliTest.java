package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code argmax fit --solver NAME --format json} with the gradient solvers: the same fit as R 4.2.2
 * {@code glm} on the Spector & Mazzeo data ({@code glm/logistic_spector.json}), with the solver's
 * per-iteration trace (objective, KKT violation, step size, time) in {@code trace}.
 */
class GradientSolverCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"gd", "lbfgs", "fista", "ista"})
    void fitWithAGradientSolverPrintsItsTrace(String solver) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "fit", "--data",
                Fixtures.path("data/spector.csv").toString(), "--response", "y", "--family", "binomial",
                "--solver", solver, "--format", "json");
        assertEquals(0, status, err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals(solver, j.get("solver").asText());
        assertTrue(j.get("converged").asBoolean());
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        for (int k = 0; k < 4; k++) {
            double expected = ref.get("coefficients").get(k).asDouble();
            assertEquals(expected, j.get("coefficients").get(k).asDouble(), 1e-6 * 13.1, "coefficient " + k);
        }
        JsonNode trace = j.get("trace");
        assertEquals(j.get("iterations").asInt(), trace.size());
        assertTrue(trace.size() > 1);
        double previousSeconds = -1;
        for (JsonNode e : trace) {
            assertTrue(Double.isFinite(e.get("objective").asDouble()));
            assertTrue(e.get("step_size").asDouble() > 0);
            assertTrue(e.get("seconds").asDouble() >= previousSeconds);
            previousSeconds = e.get("seconds").asDouble();
        }
        JsonNode last = trace.get(trace.size() - 1);
        assertTrue(last.get("optimality").asDouble() <= 1e-8, last.toString());
    }

    /** {@code fit --penalty l1 --solver fista}: glmnet's (polished) lasso path, each lambda with its trace. */
    @Test
    void penalizedFitWithFistaPrintsATracePerLambda() throws Exception {
        JsonNode fx = Fixtures.json("penalized/lasso_logistic_birthwt.json");
        StringJoiner lambdas = new StringJoiner(",");
        for (JsonNode l : fx.get("lambdas")) {
            lambdas.add(Double.toString(l.asDouble()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "fit", "--data",
                CvCommandTest.dataset("birthwt.csv").toString(), "--response", "y", "--family", "binomial",
                "--penalty", "l1", "--lambda", lambdas.toString(), "--solver", "fista", "--format", "json");
        assertEquals(0, status, err.toString());
        JsonNode path = new ObjectMapper().readTree(out.toString()).get("path");
        assertEquals(fx.get("lambdas").size(), path.size());
        for (int k = 0; k < path.size(); k++) {
            JsonNode pt = path.get(k);
            assertTrue(pt.get("converged").asBoolean());
            assertEquals(fx.get("intercepts").get(k).asDouble(), pt.get("coefficients").get(0).asDouble(), 1e-6);
            for (int c = 0; c < fx.get("coefficients").get(k).size(); c++) {
                assertEquals(fx.get("coefficients").get(k).get(c).asDouble(),
                        pt.get("coefficients").get(c + 1).asDouble(), 1e-6, "lambda " + k + " coef " + c);
            }
            assertEquals(pt.get("iterations").asInt(), pt.get("trace").size());
            assertTrue(pt.get("trace").size() > 0);
        }
    }

    @Test
    void lassoWithGradientDescentIsAUsageError() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "fit", "--data",
                CvCommandTest.dataset("birthwt.csv").toString(), "--response", "y", "--family", "binomial",
                "--penalty", "l1", "--lambda", "0.01", "--solver", "gd");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("error: solver 'gd' needs a smooth (differentiable) penalty"),
                err.toString());
        assertTrue(err.toString().contains("solvers that handle it: ") && err.toString().contains("fista"),
                err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"simplex", "GD-x"})
    void unknownSolverIsABadUsageError(String solver) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "fit", "--data",
                Fixtures.path("data/spector.csv").toString(), "--response", "y", "--family", "binomial",
                "--solver", solver);
        assertNotEquals(0, status);
        assertTrue(err.toString().startsWith("error: unknown solver '" + solver + "'; the solvers are ["),
                err.toString());
        assertTrue(err.toString().contains("lbfgs"), err.toString());
    }
}
