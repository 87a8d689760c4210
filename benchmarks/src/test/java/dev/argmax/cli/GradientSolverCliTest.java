package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    @ParameterizedTest
    @ValueSource(strings = {"newton", "GD-x"})
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
