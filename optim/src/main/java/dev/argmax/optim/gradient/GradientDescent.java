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
 * Gradient descent ("gd") on a smooth objective {@code F = D + P} (no penalty, or ridge):
 * {@code x+ = y - t grad F(y)}, with Nesterov acceleration and adaptive restart (on by default),
 * step {@code 1/L} from the datafit's curvature bound and a power-iteration estimate of
 * {@code ||Z||_2^2} where a Lipschitz bound exists (Gaussian, logistic), Armijo backtracking
 * otherwise (Poisson: a trial point with a non-finite objective is rejected and the step halved).
 * See {@link FirstOrderEngine} for the details, {@link StandardizedObjective} for the coordinates
 * it iterates in.
 *
 * <p>Needs a datafit gradient and a smooth penalty: a lasso or elastic net is refused when the
 * fit is set up, pointing to the proximal solvers.
 */
public final class GradientDescent implements Solver {

    private final boolean accelerate;
    private final GradientSettings settings;

    /** Accelerated gradient descent with default settings. */
    public GradientDescent() {
        this(true, GradientSettings.defaults());
    }

    /**
     * @param accelerate Nesterov momentum with adaptive restart (else plain gradient steps)
     * @param settings stopping rule, coordinates, KKT interval
     */
    public GradientDescent(boolean accelerate, GradientSettings settings) {
        this.accelerate = accelerate;
        this.settings = settings;
    }

    /** The same solver with other settings. */
    public GradientDescent withSettings(GradientSettings newSettings) {
        return new GradientDescent(accelerate, newSettings);
    }

    /**
     * The same solver stopping at KKT violation {@code <= target.tolerance()} or the target's cap
     * ({@link GradientSettings#DEFAULT_MAX_ITERATIONS} without one); see
     * {@link GradientSettings#withKktTarget}.
     */
    @Override
    public GradientDescent withKktTarget(KktTarget target) {
        return withSettings(settings.withKktTarget(target));
    }

    public GradientSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "gd";
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
        return EnumSet.of(Capability.SMOOTH_PENALTY);
    }

    @Override
    public SolverResult solve(Problem problem, double[] start) {
        long clockStart = System.nanoTime();
        requireSupported(problem, Solvers.all());
        return new FirstOrderEngine(name(), false, accelerate, settings).run(problem, start, clockStart);
    }
}
