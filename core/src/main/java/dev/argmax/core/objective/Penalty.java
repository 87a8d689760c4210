package dev.argmax.core.objective;

import java.util.Set;

/**
 * The penalty (negative log-prior) on the slopes; the intercept is never penalized. Slopes are
 * indexed {@code j = 0 .. p-1} in predictor order, whatever the position of the intercept in a
 * coefficient vector.
 */
public interface Penalty {

    /** {@code P(b)} for the slopes b (length p); {@code +infinity} outside constraints. */
    double value(double[] slopes);

    /** What this penalty offers solvers ({@link Capability#SMOOTH_PENALTY}, {@link Capability#SEPARABLE_PROX}). */
    Set<Capability> capabilities();

    /** Whether P is differentiable everywhere. */
    default boolean isSmooth() {
        return capabilities().contains(Capability.SMOOTH_PENALTY);
    }

    /**
     * Checks that per-slope settings (penalty factors, limits), if any, have one entry for each of
     * the {@code p} slopes.
     *
     * @throws dev.argmax.core.data.InvalidDataException naming the setting when they do not
     */
    default void requireSize(int p) {
    }

    /** Short description for messages and traces, e.g. "elastic net (lambda=0.1, alpha=0.5)". */
    String name();
}
