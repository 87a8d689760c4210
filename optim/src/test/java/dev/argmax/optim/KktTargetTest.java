package dev.argmax.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.core.testing.PenalizedReference;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.testing.PenalizedFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Solver#withKktTarget}: every registered solver, driven to a KKT violation of 1e-10 on the
 * birthwt logistic lasso and ridge references (glmnet polished to the exact optimum, Newton to
 * machine precision), stops there by its own iterations, not by its default rule.
 *
 * <p>How close the objective must then be: for a convex F and any iterate b whose smallest
 * subgradient g has {@code max_j |g_j| <= eps} (what a KKT violation eps means), convexity gives
 * {@code F(b) - F* <= g'(b - b*) <= eps ||b - b*||_1}; the reference objective was recomputed in
 * double precision, so a rounding allowance of {@code 1e-15 |F*|} is added.
 */
class KktTargetTest {

    private static final double TARGET = 1e-10;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String fixture : List.of("lasso_logistic_birthwt.json", "ridge_logistic_birthwt.json")) {
            PenalizedFixture f = fixture("penalized/" + fixture);
            int last = f.lambdas().length - 1;
            for (int k : new int[] {last / 2, last}) {
                Problem problem = problem(f, k);
                for (Solver s : Solvers.compatibleWith(problem)) {
                    out.add(Arguments.of(fixture.replace(".json", "") + " lambda[" + k + "] " + s.name(), f, k,
                            s.name()));
                }
            }
        }
        return out;
    }

    static PenalizedFixture fixture(String resource) {
        return new PenalizedFixture(PenalizedReference.load(Fixtures.path(resource)));
    }

    static Problem problem(PenalizedFixture f, int k) {
        ElasticNet penalty = new ElasticNet(f.lambdas()[k], f.lasso() ? 1.0 : 0.0, null, null, null);
        return new Problem(f.design(), f.datafit(), penalty);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySolverReachesTheTargetAndTheReferenceObjective(String label, PenalizedFixture f, int k, String name) {
        Problem problem = problem(f, k);
        SolverResult r = Solvers.byName(name).withKktTarget(KktTarget.of(TARGET)).solve(problem, null);
        assertTrue(r.converged(), label + ": " + r.message());
        assertTrue(r.optimality() <= TARGET, label + ": reported violation " + r.optimality());
        double[] beta = r.coefficients();
        double[] eta = new double[problem.rows()];
        problem.linearPredictor(beta, eta);
        double kkt = problem.kktViolation(beta, eta);
        assertTrue(kkt <= TARGET, label + ": recomputed violation " + kkt);
        double[] expected = f.expected(k);
        double l1 = 0;
        for (int j = 0; j < beta.length; j++) {
            l1 += Math.abs(beta[j] - expected[j]);
        }
        double reference = f.expectedObjective(k);
        double gap = problem.objective(beta, eta) - reference;
        assertTrue(gap <= TARGET * l1 + 1e-15 * Math.abs(reference), label + ": F - F* = " + gap
                + " > eps ||b - b*||_1 = " + TARGET * l1);
    }

    @Test
    void aDefaultRuleIsLooserThanTheTargetSoTheTargetChangesTheStop() {
        // the ridge problem of the comparison: IRLS by R's deviance rule stops before 1e-10
        PenalizedFixture f = fixture("penalized/ridge_logistic_birthwt.json");
        Problem problem = problem(f, 2);
        SolverResult byDefault = Solvers.byName("irls").solve(problem, null);
        SolverResult byTarget = Solvers.byName("irls").withKktTarget(KktTarget.of(TARGET)).solve(problem, null);
        assertTrue(byTarget.optimality() <= TARGET, byTarget.message());
        assertEquals(StopReason.CONVERGED_OPTIMALITY, byTarget.stopReason(), byTarget.message());
        assertTrue(byTarget.message().contains("KKT violation <= 1e-10"), byTarget.message());
        assertTrue(byDefault.iterations() <= byTarget.iterations());
    }

    @Test
    void aCapTooSmallIsReportedAsNotConvergedWithTheViolationReached() {
        PenalizedFixture f = fixture("penalized/lasso_logistic_birthwt.json");
        Problem problem = problem(f, f.lambdas().length - 1);
        for (String name : List.of("cd", "ista", "fista")) {
            SolverResult r = Solvers.byName(name).withKktTarget(KktTarget.of(TARGET).withMaxIterations(2))
                    .solve(problem, null);
            assertFalse(r.converged(), name + ": " + r.message());
            assertEquals(StopReason.MAX_ITERATIONS, r.stopReason(), name + ": " + r.message());
            assertTrue(r.optimality() > TARGET && Double.isFinite(r.optimality()), name + ": " + r.optimality());
        }
    }

    @Test
    void aDirectSolutionAboveTheTargetSaysTheTargetIsBelowItsRoundingFloor() {
        double[] y = Fixtures.csv("data/diabetes.csv").column("y");
        PenalizedFixture f = fixture("penalized/lasso_gaussian_diabetes.json");
        Problem problem = new Problem(f.design(), new QuadraticDatafit(y, null), ElasticNet.none());
        SolverResult exact = Solvers.byName("qr").withKktTarget(KktTarget.of(1e-3)).solve(problem, null);
        assertEquals(StopReason.CONVERGED_DIRECT, exact.stopReason(), exact.message());
        SolverResult floor = Solvers.byName("qr").withKktTarget(KktTarget.of(Double.MIN_NORMAL)).solve(problem, null);
        assertEquals(StopReason.ROUNDING_FLOOR, floor.stopReason(), floor.message());
        assertFalse(floor.converged());
        assertTrue(floor.message().contains("rounding floor"), floor.message());
        assertEquals(exact.optimality(), floor.optimality(), 0.0, "the same solution, judged differently");
    }

    @Test
    void targetsAreValidated() {
        for (double bad : new double[] {0.0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> KktTarget.of(bad));
            assertTrue(e.getMessage().contains("KKT tolerance"), e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KktTarget.of(1e-8).withMaxIterations(0));
    }
}
