package dev.argmax.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.stopping.StoppingRule;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stopping rules say which criterion ended a run and whether that is convergence. */
class StoppingRuleTest {

    private static IterationState state(int iteration, double f, double fOld, double kkt) {
        return new IterationState(iteration, f, fOld, Double.NaN, Double.NaN, kkt, Double.NaN);
    }

    @Test
    void firstMatchingRuleGivesTheReason() {
        StoppingRule rule = StoppingRule.optimality(1e-8).or(StoppingRule.maxIterations(10));
        assertEquals(Optional.empty(), rule.check(state(3, 1.0, 1.1, 1e-3)));
        assertEquals(Optional.of(StopReason.CONVERGED_OPTIMALITY), rule.check(state(10, 1.0, 1.1, 1e-9)));
        Optional<StopReason> capped = rule.check(state(10, 1.0, 1.1, 1e-3));
        assertEquals(Optional.of(StopReason.MAX_ITERATIONS), capped);
        assertFalse(capped.get().converged());
        assertEquals("KKT violation <= 1e-08 or 10 iterations", rule.describe());
    }

    @Test
    void rsRelativeChangeRule() {
        StoppingRule r = StoppingRule.relativeObjectiveChange(1e-8);
        // |F - F_old| / (|F| + 0.1): 1e-9 / 1.1 < 1e-8
        assertTrue(r.check(state(2, 1.0, 1.0 + 1e-9, Double.NaN)).isPresent());
        assertFalse(r.check(state(2, 1.0, 1.0 + 1e-7, Double.NaN)).isPresent());
        assertTrue(StopReason.CONVERGED_OBJECTIVE_CHANGE.converged());
    }
}
