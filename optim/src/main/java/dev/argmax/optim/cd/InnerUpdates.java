package dev.argmax.optim.cd;

import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.trace.Trace;

/**
 * One way of minimizing the quadratic model of an outer iteration of
 * {@link CoordinateDescentWorkspace}: the model
 * {@code D(eta) + g'(A delta) + (1/2) (A delta)' diag(h) (A delta) + P(b + delta_b)} at the
 * evaluation {@code st}, over the eligible slopes and the intercept. The control loop (outer
 * iterations, step halving, stopping rule) is the workspace's and is the same for every
 * implementation.
 */
interface InnerUpdates {

    /**
     * Moves the slopes {@code b} and the centered intercept {@code c0[0]} towards the model's
     * minimizer, until the largest coordinate violation seen in a pass is at most
     * {@code tolerance} or {@code budget} passes are spent. A slope at zero whose violation is at
     * most {@code target} (the solve's KKT tolerance) may be left at zero.
     *
     * @return the passes made
     */
    int run(SeparablePenalty penalty, double[] b, double[] c0, EvaluationState st, double tolerance, double target,
            int budget, Trace.Recorder recorder, int passesBefore);

    /**
     * Told after each outer iteration how much it reduced the KKT violation, whether its step had
     * to be halved and the violation the solve aims at (a model built on stale curvature may want
     * to be rebuilt when it stops contracting short of the target).
     */
    default void observe(double kktBefore, double kktAfter, int halvings, double target) {
    }

    /** A description for messages, e.g. "naive". */
    String name();
}
