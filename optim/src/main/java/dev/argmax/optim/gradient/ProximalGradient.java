package dev.argmax.optim.gradient;

import dev.argmax.core.objective.Capability;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.stopping.KktTarget;
import java.util.EnumSet;
import java.util.Set;

/**
 * Proximal gradient for {@code F = D + P} with a separable penalty (lasso, elastic net, ridge,
 * box limits): ISTA ("ista", plain proximal steps) and FISTA ("fista", with Beck-Teboulle
 * momentum and adaptive restart),
 * {@code x+ = prox_{tP}(y - t grad D(y))} with the penalty's own per-coordinate prox
 * ({@link dev.argmax.core.objective.SeparablePenalty#prox}, the same one coordinate descent uses)
 * and backtracking on the descent-lemma test. See {@link FirstOrderEngine}.
 */
public final class ProximalGradient implements Solver {

    private final boolean accelerate;
    private final GradientSettings settings;

    /**
     * @param accelerate FISTA (true) or ISTA (false)
     * @param settings stopping rule, coordinates, KKT interval
     */
    public ProximalGradient(boolean accelerate, GradientSettings settings) {
        this.accelerate = accelerate;
        this.settings = settings;
    }

    /** ISTA with default settings. */
    public static ProximalGradient ista() {
        return new ProximalGradient(false, GradientSettings.defaults());
    }

    /** FISTA with default settings. */
    public static ProximalGradient fista() {
        return new ProximalGradient(true, GradientSettings.defaults());
    }

    /** The same method with other settings. */
    public ProximalGradient withSettings(GradientSettings newSettings) {
        return new ProximalGradient(accelerate, newSettings);
    }

    /**
     * The same solver stopping at KKT violation {@code <= target.tolerance()} or the target's cap
     * ({@link GradientSettings#DEFAULT_MAX_ITERATIONS} without one); see
     * {@link GradientSettings#withKktTarget}.
     */
    @Override
    public ProximalGradient withKktTarget(KktTarget target) {
        return withSettings(settings.withKktTarget(target));
    }

    public GradientSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return accelerate ? "fista" : "ista";
    }

    /** The iteration works on eta-space vectors of any length (one block of coefficients per column). */
    @Override
    public boolean acceptsVectorPredictor() {
        return true;
    }

    @Override
    public Set<Capability> requiredDatafitCapabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    @Override
    public Set<Capability> requiredPenaltyCapabilities() {
        return EnumSet.of(Capability.SEPARABLE_PROX);
    }

    /** A group-separable penalty (group prox) serves as well as a coordinate-separable one. */
    @Override
    public java.util.List<Capability> missingCapabilities(Problem problem) {
        java.util.List<Capability> missing = new java.util.ArrayList<>(Solver.super.missingCapabilities(problem));
        if (problem.penalty().capabilities().contains(Capability.GROUP_PROX)) {
            missing.remove(Capability.SEPARABLE_PROX);
        }
        return missing;
    }

    @Override
    public SolverResult solve(Problem problem, double[] start) {
        long clockStart = System.nanoTime();
        requireSupported(problem, Solvers.all());
        return new FirstOrderEngine(name(), true, accelerate, settings).run(problem, start, clockStart);
    }
}
