package dev.argmax.spark;

import java.util.List;

/**
 * A regularization path fitted on Spark, in glmnet's conventions: one {@link Point} per lambda,
 * in decreasing order of lambda, coefficients on the original scale with the intercept first.
 *
 * @param coefficientNames "(Intercept)" (when fitted), then the features
 * @param lambdaMax the smallest lambda at which every penalized slope is exactly 0
 * @param nullDeviance deviance of the intercept-only model (offset kept)
 * @param points the fits, one per lambda
 */
public record SparkPath(List<String> coefficientNames, double lambdaMax, double nullDeviance, List<Point> points) {

    public SparkPath {
        coefficientNames = List.copyOf(coefficientNames);
        points = List.copyOf(points);
    }

    /**
     * One lambda of the path.
     *
     * @param lambda the penalty strength
     * @param coefficients intercept first
     * @param objective {@code (1/W) sum w_i nll_i + P(b)}
     * @param nonzero number of non-zero slopes
     * @param deviance the model's deviance
     * @param devianceRatio fraction of the null deviance explained, {@code 1 - deviance / nullDeviance}
     * @param iterations outer (proximal Newton) steps, each one aggregation over the partitions
     * @param converged whether the KKT tolerance was met
     * @param kktViolation the largest KKT violation at the returned coefficients
     */
    public record Point(double lambda, double[] coefficients, double objective, int nonzero, double deviance,
            double devianceRatio, int iterations, boolean converged, double kktViolation) {

        public Point {
            coefficients = coefficients.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }
    }
}
