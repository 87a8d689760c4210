package dev.argmax.optim.trace;

/**
 * One iteration of a solver.
 *
 * @param iteration 1-based iteration (or pass) number
 * @param objective {@code F(beta)} after the iteration
 * @param optimality largest KKT violation after the iteration (NaN where a solver does not
 *     compute it every iteration)
 * @param stepSize the step taken (line-search or 1/L step; 1 for a full Newton step; NaN if none)
 * @param elapsedNanos time since the solve started
 */
public record TraceEntry(int iteration, double objective, double optimality, double stepSize, long elapsedNanos) {
}
