package dev.argmax.optim.gradient;

import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.stopping.StoppingRule;

/**
 * Settings shared by the gradient solvers.
 *
 * @param stopping when to stop (e.g. KKT violation, gradient mapping, relative objective change,
 *     iteration cap, combined with {@link StoppingRule#or})
 * @param standardize whether to iterate in standardized coordinates (centered, scaled by the 1/n
 *     standard deviation; see {@link StandardizedObjective}); the result is always on the original
 *     scale and the minimizer is the same, only the conditioning (and so the speed) differs
 * @param optimalityInterval for accelerated methods, the KKT violation at the iterate costs an
 *     extra pass over X whenever momentum is on; it is computed every this many iterations (and
 *     whenever it is free); in between the trace shows NaN
 */
public record GradientSettings(StoppingRule stopping, boolean standardize, int optimalityInterval) {

    /** Default KKT tolerance (on the scale of the objective's gradient). */
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 20_000;

    public GradientSettings {
        if (stopping == null) {
            throw new IllegalArgumentException("a stopping rule is required");
        }
        if (optimalityInterval < 1) {
            throw new IllegalArgumentException("optimalityInterval must be >= 1, got " + optimalityInterval);
        }
    }

    /** KKT violation &lt;= 1e-8 or 20,000 iterations, standardized, KKT every 10 iterations. */
    public static GradientSettings defaults() {
        return new GradientSettings(StoppingRule.optimality(DEFAULT_TOLERANCE)
                .or(StoppingRule.maxIterations(DEFAULT_MAX_ITERATIONS)), true, 10);
    }

    /** The same settings with another stopping rule. */
    public GradientSettings withStopping(StoppingRule rule) {
        return new GradientSettings(rule, standardize, optimalityInterval);
    }

    /** Stops at KKT violation {@code <= tolerance} or after {@code maxIterations}. */
    public GradientSettings withTolerance(double tolerance, int maxIterations) {
        return withStopping(StoppingRule.optimality(tolerance).or(StoppingRule.maxIterations(maxIterations)));
    }

    /**
     * Stops at KKT violation {@code <= target.tolerance()} or after the target's cap
     * ({@link #DEFAULT_MAX_ITERATIONS} without one). The violation is that of the original problem,
     * whatever coordinates the iteration runs in; an accelerated method computes it every
     * {@link #optimalityInterval()} iterations (and whenever it is free), so it may stop up to that
     * many iterations after the target was first met.
     */
    public GradientSettings withKktTarget(KktTarget target) {
        return withStopping(target.rule(DEFAULT_MAX_ITERATIONS));
    }

    /** The same settings with or without standardized coordinates. */
    public GradientSettings withStandardize(boolean on) {
        return new GradientSettings(stopping, on, optimalityInterval);
    }

    /** The same settings with another KKT interval. */
    public GradientSettings withOptimalityInterval(int interval) {
        return new GradientSettings(stopping, standardize, interval);
    }
}
