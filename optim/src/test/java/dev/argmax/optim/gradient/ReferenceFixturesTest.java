package dev.argmax.optim.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every solver that can handle a problem reaches the external reference optimum of every fixture
 * in {@code glm/} (R 4.2.2 {@code glm}, IRLS to epsilon 1e-14) and
 * {@code penalized/} (glmnet 4.1-6 polished to the exact optimum; ridge Gaussian closed
 * form; ridge logistic Newton to machine precision): objective within 1e-9 relative, coefficients
 * within {@code 1e-6 max(1, max_j |b_j|)}, run to a KKT violation of 1e-10.
 */
class ReferenceFixturesTest {

    static final double KKT_TOLERANCE = 1e-10;
    static final int MAX_ITERATIONS = 200_000;

    /** The registered solvers, gradient ones at the tight tolerance of these tests. */
    static List<Solver> solvers() {
        GradientSettings tight = GradientSettings.defaults().withTolerance(KKT_TOLERANCE, MAX_ITERATIONS);
        List<Solver> out = new ArrayList<>();
        for (Solver s : Solvers.all()) {
            if (s instanceof GradientDescent gd) {
                out.add(gd.withSettings(tight));
            } else if (s instanceof ProximalGradient pg) {
                out.add(pg.withSettings(tight));
            } else if (s instanceof Lbfgs lb) {
                out.add(lb.withSettings(tight));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> glmFixtures() {
        return tests(ReferenceCase.all("glm"));
    }

    @TestFactory
    Stream<DynamicTest> penalizedFixtures() {
        return tests(ReferenceCase.all("penalized"));
    }

    private static Stream<DynamicTest> tests(List<ReferenceCase> cases) {
        List<DynamicTest> out = new ArrayList<>();
        for (ReferenceCase c : cases) {
            out.add(DynamicTest.dynamicTest(c.label() + " reference objective", () -> {
                if (!Double.isNaN(c.jsonObjective())) {
                    // the fixture's objective is F at its coefficients (R double precision)
                    assertEquals(c.objective(), c.jsonObjective(), 1e-12 * Math.abs(c.objective()), c.label());
                }
            }));
            List<Solver> applicable = solvers().stream().filter(s -> s.supports(c.problem())).toList();
            assertFalse(applicable.isEmpty(), "no solver for " + c.label());
            for (Solver s : applicable) {
                out.add(DynamicTest.dynamicTest(c.label() + " " + s.name(), () -> check(c, s)));
            }
        }
        return out.stream();
    }

    static void check(ReferenceCase c, Solver solver) {
        SolverResult r = solver.solve(c.problem(), null);
        assertTrue(r.converged(), solver.name() + " on " + c.label() + ": " + r.message());
        double[] b = c.toOriginal(r.coefficients());
        double[] ref = c.coefficients();
        double scale = 1;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int j = 0; j < ref.length; j++) {
            worst = Math.max(worst, Math.abs(b[j] - ref[j]));
        }
        double objErr = Math.abs(r.objective() - c.objective()) / Math.abs(c.objective());
        System.out.printf("%-55s %-6s iters %6d  coef err %.2e (rel %.2e)  obj rel err %.2e  kkt %.1e  %.3f s%n",
                c.label(), solver.name(), r.iterations(), worst, worst / scale, objErr, r.optimality(), r.seconds());
        assertTrue(objErr <= 1e-9, solver.name() + " on " + c.label() + ": objective " + r.objective()
                + " vs reference " + c.objective());
        assertTrue(worst <= 1e-6 * scale, solver.name() + " on " + c.label() + ": coefficient error " + worst
                + " > 1e-6 * " + scale);
    }
}
