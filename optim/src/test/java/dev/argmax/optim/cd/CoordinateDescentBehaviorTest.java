package dev.argmax.optim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.testing.PenalizedFixture;
import org.junit.jupiter.api.Test;

/** Pass cap, trace and registry behavior of coordinate descent (diabetes lasso fixture data). */
class CoordinateDescentBehaviorTest {

    private static PenalizedFixture diabetes() {
        return PenalizedFixture.all().stream().filter(f -> f.name().equals("lasso_gaussian_diabetes.json"))
                .findFirst().orElseThrow();
    }

    @Test
    void passCapGivesNotConvergedWithTheReason() {
        PenalizedFixture f = diabetes();
        CoordinateDescent cd = new CoordinateDescent(CoordinateDescent.Settings.defaults().withTolerance(1e-14)
                .withMaxPasses(3).withMode(CoordinateDescent.Mode.NAIVE));
        SolverResult r = cd.solve(new Problem(f.design(), f.datafit(), ElasticNet.lasso(f.lambdas()[8])), null);
        assertFalse(r.converged());
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertTrue(r.message().startsWith("pass cap 3 reached"), r.message());
        assertEquals(3, r.iterations());
        assertEquals(3, r.trace().size());
    }

    @Test
    void traceRecordsEveryPassAndTheLassoDualityGapIsReported() {
        PenalizedFixture f = diabetes();
        SolverResult r = new CoordinateDescent().solve(new Problem(f.design(), f.datafit(),
                ElasticNet.lasso(f.lambdas()[5])), null);
        assertTrue(r.converged(), r.message());
        assertEquals(r.iterations(), r.trace().size());
        assertTrue(r.message().contains("duality gap"), r.message());
        double[] obj = r.trace().objectives();
        assertEquals(r.objective(), obj[obj.length - 1], 1e-9 * r.objective());
        assertEquals("cd", Solvers.byName("cd").name());
    }
}
