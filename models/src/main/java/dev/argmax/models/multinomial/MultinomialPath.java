package dev.argmax.models.multinomial;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.penalized.LambdaBracket;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A penalized multinomial path (glmnet's multinomial family, symmetric parametrization): one
 * {@link PenalizedMultinomial.Solution} per lambda (intercepts summing to 0, K x p slopes), the
 * path's lambda_max, null deviance, deviance and number of predictors in the model per lambda,
 * addressed by lambda as glmnet's {@code coef(fit, s = s)} and {@code predict(fit, newx, s = s)}
 * ({@link LambdaBracket}: linear interpolation between the fitted lambdas that bracket s).
 */
public final class MultinomialPath {

    /**
     * The coefficients at one lambda.
     *
     * @param lambda the lambda
     * @param intercepts one per class (summing to 0)
     * @param slopes {@code K x p}
     */
    public record Coefficients(double lambda, double[] intercepts, double[][] slopes) {

        public Coefficients {
            intercepts = intercepts.clone();
            slopes = copy(slopes);
        }

        @Override
        public double[] intercepts() {
            return intercepts.clone();
        }

        @Override
        public double[][] slopes() {
            return copy(slopes);
        }

        /**
         * The class probabilities {@code p_ik = exp(eta_ik) / sum_l exp(eta_il)},
         * {@code eta_ik = a_k + x_i' b_k}, of new data ({@code n x K}, computed as
         * {@code exp(eta - max) / sum exp(eta - max)} so that nothing overflows).
         */
        public double[][] probabilities(Dataset newData) {
            double[][] eta = linearPredictors(newData);
            double[][] out = new double[eta.length][];
            for (int i = 0; i < eta.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : eta[i]) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                out[i] = new double[eta[i].length];
                for (int c = 0; c < eta[i].length; c++) {
                    out[i][c] = Math.exp(eta[i][c] - max);
                    sum += out[i][c];
                }
                for (int c = 0; c < eta[i].length; c++) {
                    out[i][c] /= sum;
                }
            }
            return out;
        }

        /** The linear predictors {@code eta_ik} of new data ({@code n x K}). */
        public double[][] linearPredictors(Dataset newData) {
            int p = slopes[0].length;
            if (newData.columns() != p) {
                throw new IllegalArgumentException("new data have " + newData.columns() + " predictors, the fit has " + p);
            }
            int n = newData.rows();
            int classes = intercepts.length;
            double[][] eta = new double[n][classes];
            for (int j = 0; j < p; j++) {
                double[] x = newData.column(j);
                for (int c = 0; c < classes; c++) {
                    double b = slopes[c][j];
                    if (b != 0) {
                        for (int i = 0; i < n; i++) {
                            eta[i][c] += b * x[i];
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < classes; c++) {
                    eta[i][c] += intercepts[c];
                }
            }
            return eta;
        }
    }

    private final ClassLevels levels;
    private final List<String> predictors;
    private final double alpha;
    private final boolean grouped;
    private final PathResult path;
    private final List<PenalizedMultinomial.Solution> solutions;
    private final int rows;
    private dev.argmax.models.frame.ModelFrame frame;
    private int dropped;

    MultinomialPath(ClassLevels levels, List<String> predictors, int rows, double alpha, boolean grouped,
                    PathResult path, List<PenalizedMultinomial.Solution> solutions) {
        this.rows = rows;
        this.levels = levels;
        this.predictors = List.copyOf(predictors);
        this.alpha = alpha;
        this.grouped = grouped;
        this.path = path;
        this.solutions = List.copyOf(solutions);
    }

    /** Records the frame of a path from a formula and how many rows it dropped. */
    void attach(dev.argmax.models.frame.ModelFrame modelFrame, int droppedRows) {
        this.frame = modelFrame;
        this.dropped = droppedRows;
    }

    /** The model frame of a path from a formula (terms, factor levels, contrasts), to save or apply to new data. */
    public java.util.Optional<dev.argmax.models.frame.ModelFrame> frame() {
        return java.util.Optional.ofNullable(frame);
    }

    /** Rows left out for a missing value (R's {@code na.omit} count; 0 without a formula). */
    public int dropped() {
        return dropped;
    }

    /** The number of observations (rows) the path was fitted to. */
    public int rows() {
        return rows;
    }

    /**
     * Writes solution {@code k} as a model file ({@link dev.argmax.models.saved.SavedModel});
     * {@code choice} says how its lambda was chosen ("value", "lambda_min" or "lambda_1se").
     * Only a path from a formula can be saved.
     */
    public void save(java.nio.file.Path file, int k, String choice) {
        dev.argmax.models.saved.SavedModel.of(this, k, choice).save(file);
    }

    /** The class levels (rows of the slopes). */
    public List<String> levels() {
        return levels.levels();
    }

    ClassLevels classLevels() {
        return levels;
    }

    public List<String> predictors() {
        return predictors;
    }

    public double alpha() {
        return alpha;
    }

    /** Whether the penalty is the grouped one (each predictor's K coefficients a group). */
    public boolean grouped() {
        return grouped;
    }

    /** The smallest lambda with every slope 0. */
    public double lambdaMax() {
        return path.lambdaMax();
    }

    /** The deviance {@code -2 loglik} of the intercepts-only fit. */
    public double nullDeviance() {
        return path.nullDeviance();
    }

    public List<PenalizedMultinomial.Solution> solutions() {
        return solutions;
    }

    public PenalizedMultinomial.Solution solution(int k) {
        return solutions.get(k);
    }

    public double[] lambdas() {
        return path.lambdas();
    }

    /** Predictors with a non-zero slope in some class, per lambda (glmnet's {@code df}). */
    public int[] nonzero() {
        return path.points().stream().mapToInt(PathPoint::nonzero).toArray();
    }

    /** The deviance {@code -2 loglik} per lambda. */
    public double[] deviances() {
        return path.points().stream().mapToDouble(PathPoint::deviance).toArray();
    }

    /** The fraction of the null deviance explained per lambda (glmnet's {@code dev.ratio}). */
    public double[] devianceRatios() {
        return path.points().stream().mapToDouble(PathPoint::devianceRatio).toArray();
    }

    /** How many times the KKT check found a coefficient (or group) wrongly screened out by the strong rule. */
    public int strongRuleViolations() {
        return path.strongRuleViolations();
    }

    /** Whether every lambda converged. */
    public boolean converged() {
        return path.converged();
    }

    /** Wall time of the whole path, setup included. */
    public long elapsedNanos() {
        return path.elapsedNanos();
    }

    /** The underlying path (per-lambda solver results with their traces). */
    public PathResult pathResult() {
        return path;
    }

    /**
     * The coefficients at a lambda {@code s} of the path's range (see {@link LambdaBracket}).
     *
     * @throws IllegalArgumentException when s lies outside the path
     */
    public Coefficients coefficients(double s) {
        LambdaBracket b = LambdaBracket.of(lambdas(), lambdaMax(), nonzero(), s);
        PenalizedMultinomial.Solution left = solutions.get(b.left());
        PenalizedMultinomial.Solution right = solutions.get(b.right());
        double[] intercepts = b.interpolate(left.intercepts(), right.intercepts());
        double[][] ls = left.slopes();
        double[][] rs = right.slopes();
        double[][] slopes = new double[ls.length][];
        for (int c = 0; c < ls.length; c++) {
            slopes[c] = b.interpolate(ls[c], rs[c]);
        }
        return new Coefficients(s, intercepts, slopes);
    }

    /** The class probabilities of new data at lambda s ({@code n x K}). */
    public double[][] probabilities(Dataset newData, double s) {
        return coefficients(s).probabilities(newData);
    }

    /** The most probable class of each row of new data at lambda s (the first level on ties). */
    public List<String> classes(Dataset newData, double s) {
        double[][] prob = probabilities(newData, s);
        List<String> out = new ArrayList<>(prob.length);
        for (double[] row : prob) {
            out.add(levels.levels().get(argMax(row)));
        }
        return out;
    }

    /** The index of the largest entry, the first on ties. */
    static int argMax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
