package dev.argmax.models.multinomial;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupLasso;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.gradient.GradientSettings;
import dev.argmax.optim.gradient.ProximalGradient;
import java.util.List;
import java.util.Objects;

/**
 * glmnet's multinomial family with the elastic net, ungrouped ({@code type.multinomial =
 * "ungrouped"}, {@link ElasticNet} on every coefficient) or grouped ({@code "grouped"},
 * {@link GroupLasso} over each predictor's K coefficients), in glmnet's symmetric
 * parametrisation and objective:
 *
 * <pre>
 *   -(1/W) sum_i w_i log p_i,y_i + lambda [ (1 - alpha)/2 sum_jk b_jk^2 + alpha P(b) ],
 *   P = sum_jk |b_jk| (ungrouped) or sum_j ||b_j.||_2 (grouped),
 *   p_ik = exp(eta_ik) / sum_l exp(eta_il),   eta_ik = a_k + x_i' b_k   (k = 1..K, all classes)
 * </pre>
 *
 * with unpenalised intercepts a_k, reported with {@code sum_k a_k = 0} (the likelihood depends
 * only on differences between classes, so the intercepts are shifted to that representative;
 * the slopes are pinned by the penalty: ungrouped, for odd K the median over classes of each
 * {@code b_j.} is 0 at the optimum; grouped, {@code sum_k b_jk = 0}). The predictors are not standardised (glmnet's
 * {@code standardize = FALSE}); this fit does not offer glmnet's internal standardisation.
 *
 * <p>Solved by FISTA (proximal gradient with the elastic net's own prox) on the
 * {@link MultinomialDatafit} with K columns, to a KKT violation of {@code 1e-10} by default;
 * any solver accepting a vector-valued predictor and the penalty may be given.
 * With {@code g_jk = (1/W) sum_i w_i (x_ij - xbar_j)(y_ik - ybar_k)} (weighted means),
 * {@code lambda_max = max_jk |g_jk| / alpha} (ungrouped) or {@code max_j ||g_j.||_2 / alpha}
 * (grouped) is the smallest lambda with every slope 0.
 */
public final class PenalizedMultinomial {

    private final ClassLevels levels;
    private final double alpha;
    private final boolean grouped;
    private final Solver solver;

    private PenalizedMultinomial(Builder b) {
        this.levels = b.levels;
        this.alpha = b.alpha;
        this.grouped = b.grouped;
        this.solver = b.solver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fit at {@code lambda} to numeric class codes (the dataset's response). */
    public Solution fitCodes(Dataset data, double lambda) {
        ClassLevels lv = levels != null ? levels : ClassLevels.fromNumbers(data.response());
        return fit(data, lv, lv.encode(data.response()), lambda);
    }

    /** The fit at {@code lambda} to text class labels. */
    public Solution fitLabels(Dataset data, List<String> labels, double lambda) {
        if (labels.size() != data.rows()) {
            throw new InvalidDataException("there are " + labels.size() + " class labels for " + data.rows() + " rows");
        }
        ClassLevels lv = levels != null ? levels : ClassLevels.fromLabels(labels);
        return fit(data, lv, lv.encode(labels), lambda);
    }

    /** {@code lambda_max} for numeric class codes. */
    public double lambdaMax(Dataset data) {
        ClassLevels lv = levels != null ? levels : ClassLevels.fromNumbers(data.response());
        return lambdaMax(data, lv.encode(data.response()), lv.size());
    }

    private double lambdaMax(Dataset data, int[] y, int classes) {
        int n = data.rows();
        double[] w = data.weights();
        double total = 0;
        double[] ybar = new double[classes];
        for (int i = 0; i < n; i++) {
            total += w[i];
            ybar[y[i]] += w[i];
        }
        for (int k = 0; k < classes; k++) {
            ybar[k] /= total;
        }
        double max = 0;
        double groupMax = 0;
        for (int j = 0; j < data.columns(); j++) {
            double[] x = data.column(j);
            double xbar = 0;
            for (int i = 0; i < n; i++) {
                xbar += w[i] * x[i];
            }
            xbar /= total;
            double squares = 0;
            for (int k = 0; k < classes; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += w[i] * (x[i] - xbar) * ((y[i] == k ? 1.0 : 0.0) - ybar[k]);
                }
                double g = s / total;
                squares += g * g;
                max = Math.max(max, Math.abs(g));
            }
            if (grouped) {
                groupMax = Math.max(groupMax, Math.sqrt(squares));
            }
        }
        return (grouped ? groupMax : max) / alpha;
    }

    private Solution fit(Dataset data, ClassLevels lv, int[] y, double lambda) {
        Objects.requireNonNull(data, "data");
        data.requireNoFrequencyWeights("a penalised multinomial fit");
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidDataException("lambda must be finite and >= 0, got " + lambda);
        }
        if (data.hasOffset()) {
            throw new InvalidDataException("offsets are not supported by the penalised multinomial fit");
        }
        int classes = lv.size();
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, data.hasWeights() ? data.weights() : null,
                MultinomialDatafit.Parametrization.SYMMETRIC);
        Design design = new Design(data.x(), true);
        Penalty penalty = grouped
                ? new GroupLasso(lambda, alpha, GroupLasso.byPredictor(data.columns(), classes))
                : new ElasticNet(lambda, alpha, null, null, null);
        Problem problem = new Problem(design, datafit, penalty);
        SolverResult result = solver.solve(problem, null);
        int k = design.coefficients();
        double[] beta = result.coefficients();
        double[] intercepts = new double[classes];
        double mean = 0;
        for (int c = 0; c < classes; c++) {
            mean += beta[c * k] / classes;
        }
        double[][] slopes = new double[classes][data.columns()];
        for (int c = 0; c < classes; c++) {
            intercepts[c] = beta[c * k] - mean;
            beta[c * k] = intercepts[c];
            System.arraycopy(beta, c * k + 1, slopes[c], 0, data.columns());
        }
        return new Solution(lv.levels(), data.predictorNames(), lambda, alpha, intercepts, slopes,
                problem.objective(beta), result);
    }

    /**
     * One penalised fit.
     *
     * @param levels the classes (rows of the slopes)
     * @param predictors the predictor names (columns of the slopes)
     * @param lambda the penalty weight
     * @param alpha the lasso share
     * @param intercepts one per class, summing to 0
     * @param slopes {@code K x p}
     * @param objective the penalised objective at the solution
     * @param solverResult the solver's account (coefficients before centring the intercepts)
     */
    public record Solution(List<String> levels, List<String> predictors, double lambda, double alpha,
                           double[] intercepts, double[][] slopes, double objective, SolverResult solverResult) {

        public Solution {
            levels = List.copyOf(levels);
            predictors = List.copyOf(predictors);
            intercepts = intercepts.clone();
            double[][] copy = new double[slopes.length][];
            for (int i = 0; i < slopes.length; i++) {
                copy[i] = slopes[i].clone();
            }
            slopes = copy;
        }

        @Override
        public double[] intercepts() {
            return intercepts.clone();
        }

        @Override
        public double[][] slopes() {
            double[][] copy = new double[slopes.length][];
            for (int i = 0; i < slopes.length; i++) {
                copy[i] = slopes[i].clone();
            }
            return copy;
        }

        public boolean converged() {
            return solverResult.converged();
        }
    }

    /** Settings of a {@link PenalizedMultinomial}. */
    public static final class Builder {
        private ClassLevels levels;
        private double alpha = 1.0;
        private boolean grouped;
        private Solver solver = new ProximalGradient(true, GradientSettings.defaults().withTolerance(1e-10, 200_000));

        private Builder() {
        }

        /** The class levels in order (default: from the data). */
        public Builder levels(ClassLevels value) {
            this.levels = Objects.requireNonNull(value, "levels");
            return this;
        }

        /** The lasso share alpha in (0, 1] (default 1, the lasso). */
        public Builder alpha(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new InvalidDataException("alpha must lie in (0, 1], got " + value);
            }
            this.alpha = value;
            return this;
        }

        /** The grouped penalty (glmnet's {@code type.multinomial = "grouped"}; default ungrouped). */
        public Builder grouped(boolean value) {
            this.grouped = value;
            return this;
        }

        /** The solver by name ("fista" or "ista"). */
        public Builder solver(String name) {
            this.solver = Solvers.byName(name);
            return this;
        }

        /** A solver with settings of its own. */
        public Builder solver(Solver value) {
            this.solver = Objects.requireNonNull(value, "solver");
            return this;
        }

        public PenalizedMultinomial build() {
            return new PenalizedMultinomial(this);
        }
    }
}
