package dev.argmax.optim.stopping;

import java.util.OptionalInt;

/**
 * A stopping target every solver understands: stop when the shared optimality measure, the
 * largest KKT violation {@link dev.argmax.optim.Problem#kktViolation} (absolute, on the scale of
 * the objective's gradient), is at most {@code tolerance}, within an iteration cap. It is what
 * {@link dev.argmax.optim.Solver#withKktTarget} takes, so that several solvers can be driven to the
 * same accuracy on one problem, whatever their own default rule (R's deviance change for IRLS, a
 * tolerance relative to the null gradient for coordinate descent, the Newton decrement).
 *
 * <p>The cap counts each solver's own unit of work (IRLS and Newton iterations, coordinate
 * descent passes, gradient iterations); without one a solver keeps its own cap. A solver that
 * cannot reach the tolerance within its cap stops with a reason that is not convergence and
 * reports the violation it reached.
 *
 * @param tolerance the largest acceptable KKT violation, finite and {@code > 0}
 * @param maxIterations the iteration cap, or empty for the solver's own
 */
public record KktTarget(double tolerance, OptionalInt maxIterations) {

    public KktTarget {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the KKT tolerance must be finite and > 0, got " + tolerance);
        }
        if (maxIterations == null) {
            throw new IllegalArgumentException("maxIterations must be given (OptionalInt.empty() for the solver's own)");
        }
        if (maxIterations.isPresent() && maxIterations.getAsInt() < 1) {
            throw new IllegalArgumentException("the iteration cap must be >= 1, got " + maxIterations.getAsInt());
        }
    }

    /** KKT violation {@code <= tolerance}, each solver within its own cap. */
    public static KktTarget of(double tolerance) {
        return new KktTarget(tolerance, OptionalInt.empty());
    }

    /** The same tolerance with an iteration cap of its own. */
    public KktTarget withMaxIterations(int cap) {
        return new KktTarget(tolerance, OptionalInt.of(cap));
    }

    /** This target's cap, or {@code solverCap} when it has none. */
    public int capOr(int solverCap) {
        return maxIterations.orElse(solverCap);
    }

    /** Whether a violation meets the target. */
    public boolean reached(double violation) {
        return violation <= tolerance;
    }

    /** The rule "KKT violation {@code <= tolerance}, or the cap" ({@code solverCap} when this target has none). */
    public StoppingRule rule(int solverCap) {
        return StoppingRule.optimality(tolerance).or(StoppingRule.maxIterations(capOr(solverCap)));
    }
}
