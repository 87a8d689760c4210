package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code --tolerance} means in {@code fit} what it means in {@code compare}: the solver stops at
 * its KKT violation, not by its default rule, and a target below the rounding floor is reported
 * as not converged with the reason.
 */
class ToleranceOptionTest {

    @Test
    void anUnpenalizedFitStopsOnTheKktViolation() throws Exception {
        CompareCommandTest.Run r = CompareCommandTest.run("fit", "--data", "birthwt", "--response", "y",
                "--tolerance", "1e-12", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = CompareCommandTest.json(r.out());
        assertTrue(j.get("converged").asBoolean(), j.toString());
        assertEquals("CONVERGED_OPTIMALITY", j.get("stop_reason").asText());
        assertTrue(j.get("message").asText().contains("KKT violation <= 1e-12"), j.get("message").asText());
        CompareCommandTest.Run byDefault = CompareCommandTest.run("fit", "--data", "birthwt", "--response", "y",
                "--format", "json");
        assertEquals("CONVERGED_OBJECTIVE_CHANGE", CompareCommandTest.json(byDefault.out()).get("stop_reason").asText(),
                "without --tolerance IRLS keeps R's deviance rule (--epsilon)");
    }

    @Test
    void aTargetBelowTheRoundingFloorOfTheDirectSolutionIsNotConvergence() throws Exception {
        CompareCommandTest.Run r = CompareCommandTest.run("fit", "--data", "diabetes", "--response", "y",
                "--tolerance", "1e-300", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = CompareCommandTest.json(r.out());
        assertFalse(j.get("converged").asBoolean(), j.toString());
        assertEquals("ROUNDING_FLOOR", j.get("stop_reason").asText());
        assertTrue(j.get("message").asText().contains("rounding floor"), j.get("message").asText());
        CompareCommandTest.Run bad = CompareCommandTest.run("fit", "--data", "birthwt", "--response", "y",
                "--tolerance", "-1");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--tolerance"), bad.err());
    }
}
