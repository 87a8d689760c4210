package dev.argmax.optim.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.TraceEntry;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capability checks, stopping rules, traces and Poisson safety of the gradient solvers. */
class GradientSolversTest {

    private static final GradientSettings TIGHT = GradientSettings.defaults().withTolerance(1e-10, 100_000);

    private static List<Solver> gradientSolvers(GradientSettings s) {
        return List.of(new GradientDescent(true, s), new GradientDescent(false, s),
                new ProximalGradient(false, s), new ProximalGradient(true, s), new Lbfgs(10, s));
    }

    private static ReferenceCase diabetes() {
        return ReferenceCase.all("glm").stream().filter(c -> c.label().equals("gaussian_diabetes"))
                .findFirst().orElseThrow();
    }

    private static Problem withPenalty(Problem p, ElasticNet penalty) {
        return new Problem(p.design(), p.datafit(), penalty, p.offset());
    }

    // ---------------------------------------------------------------- capability checks

    @Test
    void gradientDescentRefusesTheLassoNamingTheCapabilityAndTheSolversThatWork() {
        Problem lasso = withPenalty(diabetes().problem(), ElasticNet.lasso(1.0));
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> new GradientDescent().solve(lasso, null));
        assertTrue(e.getMessage().startsWith("solver 'gd' needs a smooth (differentiable) penalty, which the "
                + "quadratic datafit with penalty lasso (lambda=1.0) does not offer; solvers that handle it: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("ista") && e.getMessage().contains("fista"), e.getMessage());
        assertFalse(e.getMessage().contains("lbfgs"), e.getMessage());
    }

    @Test
    void lbfgsRefusesTheElasticNet() {
        Problem enet = withPenalty(diabetes().problem(), new ElasticNet(1.0, 0.5, null, null, null));
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> new Lbfgs().solve(enet, null));
        assertTrue(e.getMessage().startsWith("solver 'lbfgs' needs a smooth (differentiable) penalty, which the "
                + "quadratic datafit with penalty elastic net (lambda=1.0, alpha=0.5) does not offer"), e.getMessage());
        assertTrue(e.getMessage().contains("solvers that handle it: ") && e.getMessage().contains("fista"),
                e.getMessage());
    }

    @Test
    void gradientDescentRefusesRidgeWithBoxLimits() {
        int p = diabetes().problem().design().predictors();
        double[] lower = new double[p];
        Problem boxed = withPenalty(diabetes().problem(), new ElasticNet(1.0, 0.0, null, lower, null));
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> new GradientDescent().solve(boxed, null));
        assertTrue(e.getMessage().contains("needs a smooth (differentiable) penalty"), e.getMessage());
        // the proximal methods handle the limits through the prox
        SolverResult r = ProximalGradient.fista().withSettings(TIGHT).solve(boxed, null);
        assertTrue(r.converged(), r.message());
        for (int j = 1; j < r.coefficients().length; j++) {
            assertTrue(r.coefficients()[j] >= 0);
        }
    }

    @Test
    void proximalMethodsRefuseADatafitWithoutGradient() {
        Problem p = diabetes().problem();
        Datafit noGradient = new Datafit() {
            @Override public int size() { return p.rows(); }
            @Override public double weightSum() { return p.rows(); }
            @Override public double value(double[] eta) { return p.datafit().value(eta); }
            @Override public void gradient(double[] eta, double[] out) { throw new UnsupportedOperationException(); }
            @Override public void hessianDiagonal(double[] eta, double[] out) { throw new UnsupportedOperationException(); }
            @Override public OptionalDouble curvatureBound() { return OptionalDouble.empty(); }
            @Override public double saturatedValue() { return 0; }
            @Override public Set<Capability> capabilities() { return Set.of(Capability.CONVEX, Capability.OPEN_DOMAIN); }
            @Override public String name() { return "value-only"; }
        };
        Problem valueOnly = new Problem(p.design(), noGradient, ElasticNet.lasso(1.0));
        for (Solver s : List.of(ProximalGradient.ista(), ProximalGradient.fista())) {
            IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                    () -> s.solve(valueOnly, null));
            assertEquals("solver '" + s.name() + "' needs a gradient, which the value-only datafit with penalty "
                    + "lasso (lambda=1.0) does not offer", e.getMessage());
        }
    }

    @Test
    void irlsRefusesTheLassoPointingToTheProximalSolvers() {
        Problem lasso = withPenalty(diabetes().problem(), ElasticNet.lasso(1.0));
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> Solvers.byName("irls").solve(lasso, null));
        assertTrue(e.getMessage().startsWith("solver 'irls' needs a smooth (differentiable) penalty, which the "
                + "quadratic datafit with penalty lasso (lambda=1.0) does not offer; solvers that handle it: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("ista") && e.getMessage().contains("fista"), e.getMessage());
        assertFalse(e.getMessage().contains("lbfgs") || e.getMessage().contains(" gd"), e.getMessage());
    }

    /** Every registered solver (IRLS and CD included once they are registered) that cannot take a lasso says so. */
    @Test
    void everyRegisteredSolverThatCannotTakeALassoSaysWhichWould() {
        Problem lasso = withPenalty(diabetes().problem(), ElasticNet.lasso(1.0));
        List<String> working = Solvers.compatibleWith(lasso).stream().map(Solver::name).toList();
        assertTrue(working.containsAll(List.of("ista", "fista")), working.toString());
        for (Solver s : Solvers.all()) {
            if (s.supports(lasso)) {
                continue;
            }
            IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                    () -> s.requireSupported(lasso, Solvers.all()));
            assertTrue(e.getMessage().contains("needs ") && e.getMessage().contains("solvers that handle it: "
                    + String.join(", ", working)), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- stopping rules

    @Test
    void iterationCapMeansNotConverged() {
        Problem p = diabetes().problem();
        GradientSettings capped = GradientSettings.defaults().withTolerance(1e-10, 5);
        for (Solver s : gradientSolvers(capped)) {
            SolverResult r = s.solve(p, null);
            assertFalse(r.converged(), s.name());
            assertEquals(StopReason.MAX_ITERATIONS, r.stopReason(), s.name());
            assertEquals(5, r.iterations(), s.name());
            assertEquals(5, r.trace().size(), s.name());
            assertTrue(r.message().startsWith("stopped: 5 iterations"), r.message());
        }
    }

    @Test
    void resultSaysWhichRuleStoppedTheRun() {
        Problem p = diabetes().problem();
        GradientSettings byMapping = GradientSettings.defaults().withStopping(
                StoppingRule.maxIterations(100_000).or(StoppingRule.gradientMapping(1e-6)));
        SolverResult r = ProximalGradient.fista().withSettings(byMapping).solve(p, null);
        assertEquals(StopReason.CONVERGED_OPTIMALITY, r.stopReason());
        assertTrue(r.message().startsWith("converged: gradient mapping <= 1e-06"), r.message());
        GradientSettings byChange = GradientSettings.defaults().withStopping(
                StoppingRule.relativeObjectiveChange(1e-12).or(StoppingRule.maxIterations(100_000)));
        SolverResult c = new Lbfgs(10, byChange).solve(p, null);
        assertEquals(StopReason.CONVERGED_OBJECTIVE_CHANGE, c.stopReason());
        assertTrue(c.message().startsWith("converged: |F - F_old| / (|F| + 0.1) < 1e-12"), c.message());
    }

    @Test
    void combinedRuleReportsTheMemberThatFired() {
        StoppingRule mapping = StoppingRule.gradientMapping(1e-6);
        StoppingRule cap = StoppingRule.maxIterations(10);
        StoppingRule rule = StoppingRule.optimality(1e-8).or(mapping).or(cap);
        dev.argmax.optim.stopping.IterationState s = new dev.argmax.optim.stopping.IterationState(10, 1.0, 1.1,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 5e-7);
        assertEquals(mapping, rule.firing(s).orElseThrow());
        assertEquals(java.util.Optional.of(StopReason.CONVERGED_OPTIMALITY), rule.check(s));
        dev.argmax.optim.stopping.IterationState noMapping = new dev.argmax.optim.stopping.IterationState(10, 1.0,
                1.1, Double.NaN, Double.NaN, 1e-3, Double.NaN);
        assertEquals(cap, rule.firing(noMapping).orElseThrow()); // NaN mapping never fires
        assertTrue(rule.firing(new dev.argmax.optim.stopping.IterationState(3, 1.0, 1.1, Double.NaN, Double.NaN,
                1e-3, Double.NaN, 1e-3)).isEmpty());
    }

    /** A datafit whose gradient has the wrong sign: no step decreases F, which must not pass as convergence. */
    @Test
    void failedLineSearchIsNotConvergence() {
        Problem p = diabetes().problem();
        QuadraticDatafit real = (QuadraticDatafit) p.datafit();
        Datafit wrong = new Datafit() {
            @Override public int size() { return real.size(); }
            @Override public double weightSum() { return real.weightSum(); }
            @Override public double value(double[] eta) { return real.value(eta); }
            @Override public void gradient(double[] eta, double[] out) {
                real.gradient(eta, out);
                for (int i = 0; i < out.length; i++) {
                    out[i] = -out[i];
                }
            }
            @Override public void hessianDiagonal(double[] eta, double[] out) { real.hessianDiagonal(eta, out); }
            @Override public OptionalDouble curvatureBound() { return real.curvatureBound(); }
            @Override public java.util.Optional<double[]> normalizedWeights() { return real.normalizedWeights(); }
            @Override public double saturatedValue() { return 0; }
            @Override public Set<Capability> capabilities() { return real.capabilities(); }
            @Override public String name() { return "wrong-sign"; }
        };
        Problem broken = new Problem(p.design(), wrong, ElasticNet.none());
        for (Solver s : gradientSolvers(TIGHT)) {
            SolverResult r = s.solve(broken, null);
            assertEquals(StopReason.LINE_SEARCH_FAILED, r.stopReason(), s.name());
            assertFalse(r.converged(), s.name());
            assertTrue(r.message().startsWith("line search failed"), r.message());
        }
    }

    // ---------------------------------------------------------------- traces

    @Test
    void tracesRecordObjectiveOptimalityStepAndTime() {
        Problem p = withPenalty(diabetes().problem(), ElasticNet.ridge(0.1));
        for (Solver s : gradientSolvers(TIGHT)) {
            SolverResult r = s.solve(p, null);
            assertTrue(r.converged(), s.name() + ": " + r.message());
            List<TraceEntry> entries = r.trace().entries();
            assertEquals(r.iterations(), entries.size(), s.name());
            long previous = -1;
            for (int k = 0; k < entries.size(); k++) {
                TraceEntry e = entries.get(k);
                assertEquals(k + 1, e.iteration());
                assertTrue(Double.isFinite(e.objective()) && e.stepSize() > 0, s.name() + " " + e);
                assertTrue(e.elapsedNanos() >= previous);
                previous = e.elapsedNanos();
            }
            // the shared measure at the last entry is the result's, up to the final exact re-evaluation
            TraceEntry last = r.trace().last();
            assertTrue(last.optimality() <= 1e-10, s.name() + " " + last);
            assertTrue(r.optimality() <= 1e-9, s.name() + " " + r.optimality());
            assertEquals(p.objective(r.coefficients()), r.objective(), 0.0);
        }
        // plain (unaccelerated) steps are monotone
        SolverResult ista = ProximalGradient.ista().withSettings(TIGHT).solve(p, null);
        double[] f = ista.trace().objectives();
        for (int k = 1; k < f.length; k++) {
            assertTrue(f[k] <= f[k - 1] + 1e-13 * (1 + Math.abs(f[k - 1])), "ISTA objective went up at " + k);
        }
    }

    // ---------------------------------------------------------------- Poisson

    /**
     * Poisson regression on one binary covariate taking values 0 and c: the MLE is in closed form,
     * {@code exp(b0) = mean(y | x = 0)}, {@code exp(b0 + c b1) = mean(y | x = c)}. With c = 60 the
     * curvature {@code c^2 mu} is unbounded in practice and a naive step sends {@code e^eta} to
     * infinity; trial points with an infinite objective must be rejected, not taken.
     */
    @Test
    void poissonHasNoLipschitzBoundAndNeverOverflows() {
        int n = 200;
        double c = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        double s0 = 0;
        double s1 = 0;
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            boolean group = i % 2 == 1;
            x[i] = group ? c : 0;
            y[i] = random.nextInt(group ? 30 : 4);
            if (group) {
                s1 += y[i];
            } else {
                s0 += y[i];
            }
        }
        double m0 = s0 / (n / 2.0);
        double m1 = s1 / (n / 2.0);
        double[] exact = {Math.log(m0), (Math.log(m1) - Math.log(m0)) / c};
        Design design = new Design(NativeArrays.fromColumns(new double[][] {x}, n), true);
        Problem p = new Problem(design, new PoissonDatafit(y, null), ElasticNet.none());
        assertTrue(p.datafit().curvatureBound().isEmpty());
        List<Solver> solvers = new java.util.ArrayList<>(gradientSolvers(TIGHT));
        // on the raw scale (Hessian condition number ~4e4 here; x = 60 makes e^eta overflow for steps
        // of order 12) L-BFGS still finishes quickly; first-order methods need the standardized
        // coordinates (their default)
        GradientSettings raw = TIGHT.withStandardize(false);
        solvers.add(new Lbfgs(10, raw));
        {
            for (Solver s : solvers) {
                SolverResult r = s.solve(p, new double[] {0, 0.1}); // eta up to 6 at the start
                assertTrue(r.converged(), s.name() + " " + s.getClass() + ": " + r.message());
                for (int j = 0; j < 2; j++) {
                    assertEquals(exact[j], r.coefficients()[j], 1e-7 * Math.max(1, Math.abs(exact[j])), s.name());
                }
                for (TraceEntry e : r.trace().entries()) {
                    assertTrue(Double.isFinite(e.objective()), s.name() + " took a non-finite step: " + e);
                }
            }
        }
    }

    @Test
    void badStartIsRejectedBeforeWork() {
        Problem p = diabetes().problem();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs().solve(p, new double[3]));
        assertEquals("start has length 3, expected 11 coefficients (intercept first)", e.getMessage());
    }
}
