package dev.argmax.optim.path;

import java.util.List;

/**
 * A regularization path: one {@link PathPoint} per lambda, in the order solved.
 *
 * @param lambdaMax the smallest lambda at which every penalized slope is exactly 0 (computed
 *     with alpha = 0.001 when alpha = 0, glmnet's convention)
 * @param nullDeviance deviance of the intercept-only model (with the offset)
 * @param points the solutions
 * @param strongRuleViolations how many times the KKT check over all variables found a
 *     coordinate wrongly discarded by the strong rule (each such case was re-solved)
 */
public record PathResult(double lambdaMax, double nullDeviance, List<PathPoint> points, int strongRuleViolations) {

    public PathResult {
        points = List.copyOf(points);
    }

    /** The lambdas, in path order. */
    public double[] lambdas() {
        return points.stream().mapToDouble(PathPoint::lambda).toArray();
    }

    /** Whether every point converged. */
    public boolean converged() {
        return points.stream().allMatch(PathPoint::converged);
    }

    /**
     * Wall time of the whole path: the sum of the points' times, each of which runs from the end
     * of the previous lambda's solve (the first from the start of the path, setup included).
     */
    public long elapsedNanos() {
        return points.stream().mapToLong(pt -> pt.result().elapsedNanos()).sum();
    }

    /** Total coordinate passes over the path. */
    public long totalIterations() {
        return points.stream().mapToLong(PathPoint::iterations).sum();
    }
}
