package dev.argmax.models.multinomial;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupLasso;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.models.frame.ClassFrameData;
import dev.argmax.models.frame.FormulaBuilder;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.gradient.GradientSettings;
import dev.argmax.optim.gradient.ProximalGradient;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import dev.argmax.optim.path.RegularizationPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * glmnet's multinomial family with the elastic net, ungrouped ({@code type.multinomial =
 * "ungrouped"}, {@link ElasticNet} on every coefficient) or grouped ({@code "grouped"},
 * {@link GroupLasso} over each predictor's K coefficients), in glmnet's symmetric
 * parametrization and objective:
 *
 * <pre>
 *   -(1/W) sum_i w_i log p_i,y_i + lambda [ (1 - alpha)/2 sum_jk b_jk^2 + alpha P(b) ],
 *   P = sum_jk |b_jk| (ungrouped) or sum_j ||b_j.||_2 (grouped),
 *   p_ik = exp(eta_ik) / sum_l exp(eta_il),   eta_ik = a_k + x_i' b_k   (k = 1..K, all classes)
 * </pre>
 *
 * with unpenalized intercepts a_k, reported with {@code sum_k a_k = 0} (the likelihood depends
 * only on differences between classes, so the intercepts are shifted to that representative;
 * the slopes are pinned by the penalty: ungrouped, for odd K the median over classes of each
 * {@code b_j.} is 0 at the optimum; grouped, {@code sum_k b_jk = 0}). The predictors are not standardized (glmnet's
 * {@code standardize = FALSE}); this fit does not offer glmnet's internal standardization.
 *
 * <p>Solved by FISTA (proximal gradient with the elastic net's own prox) on the
 * {@link MultinomialDatafit} with K columns, to a KKT violation of {@code 1e-10} by default;
 * any solver accepting a vector-valued predictor and the penalty may be given.
 * With {@code g_jk = (1/W) sum_i w_i (x_ij - xbar_j)(y_ik - ybar_k)} (weighted means),
 * {@code lambda_max = max_jk |g_jk| / alpha} (ungrouped) or {@code max_j ||g_j.||_2 / alpha}
 * (grouped) is the smallest lambda with every slope 0.
 *
 * <p><b>Paths</b> ({@link #pathCodes}, {@link #pathLabels}): glmnet's sequence of lambdas from
 * lambda_max down (100 by default, geometric to {@code 1e-4 lambda_max} when n &gt; p, else
 * {@code 1e-2}), fitted by coordinate descent ({@link RegularizationPath#fitBlocks}: proximal
 * Newton on the block Hessian of the K classes, its model minimized by coordinate updates,
 * ungrouped, or by block updates of each predictor's K coefficients, grouped) with
 * warm starts, the sequential strong rule (per coefficient, or per predictor's group) and a KKT
 * check over all of them at every lambda.
 *
 * <p><b>Formulas.</b> With {@link Builder#formula} the path is fitted to a {@link CsvTable} by
 * {@link #path(CsvTable, RegularizationPath.Settings)}: the predictors are the columns of R's
 * {@code model.matrix} ({@link ModelFrame}; the dummy columns of factors are penalized as glmnet
 * sees them when given {@code model.matrix(...)[, -1]}), the response a factor
 * ({@link ModelFrame#trainingClasses}), incomplete rows dropped or refused, and the path keeps the
 * frame ({@link MultinomialPath#frame()}) to be saved and applied to new data. The formula must
 * keep the intercept (glmnet fits one per class).
 */
public final class PenalizedMultinomial {

    private final ClassLevels levels;
    private final double alpha;
    private final boolean grouped;
    private final Solver solver;
    private final String formula;
    private final FrameOptions frameOptions;

    private PenalizedMultinomial(Builder b) {
        this.levels = b.levels;
        this.alpha = b.alpha;
        this.grouped = b.grouped;
        this.solver = b.solver;
        this.formula = b.formulaText();
        this.frameOptions = b.frameOptionsValue();
    }

    /** The lasso share alpha. */
    public double alpha() {
        return alpha;
    }

    /** Whether the penalty is grouped (glmnet's {@code type.multinomial = "grouped"}). */
    public boolean grouped() {
        return grouped;
    }

    /** The formula given to the builder, if any. */
    public java.util.Optional<String> formula() {
        return java.util.Optional.ofNullable(formula);
    }

    /**
     * The path of the model's formula on a table (see the class comment).
     *
     * @throws IllegalStateException if the builder was given no formula
     */
    public MultinomialPath path(CsvTable table, RegularizationPath.Settings settings) {
        Framed f = frame(table, null);
        MultinomialPath path = path(f.data().data().dataset(), f.levels(), f.levels().encode(f.data().labels()),
                settings);
        path.attach(f.frame(), f.data().data().dropped());
        return path;
    }

    /**
     * The model's formula learned on a table and applied to it ({@code excludedColumn}, if not
     * null, is left out of {@code .}: a fold-id column).
     */
    Framed frame(CsvTable table, String excludedColumn) {
        java.util.Objects.requireNonNull(table, "table");
        if (formula == null) {
            throw new IllegalStateException("no formula: give one with PenalizedMultinomial.builder()"
                    + ".formula(\"y ~ ...\")");
        }
        FrameOptions options = frameOptions;
        if (excludedColumn != null) {
            List<String> excluded = new ArrayList<>(options.excluded());
            excluded.add(excludedColumn);
            options = options.withExcluded(excluded);
        }
        ModelFrame frame = ModelFrame.learn(formula, table, options);
        if (!frame.intercept()) {
            throw new InvalidDataException("formula '" + formula + "' has no intercept; the penalized multinomial fit"
                    + " always fits one unpenalized intercept per class (glmnet's intercept = TRUE)");
        }
        ClassFrameData data = frame.trainingClasses(table);
        ClassLevels lv = levels != null ? levels : ClassLevels.of(data);
        return new Framed(frame, data, lv);
    }

    /** A formula applied to its table: the frame, the complete rows and the class levels. */
    record Framed(ModelFrame frame, ClassFrameData data, ClassLevels levels) {
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

    /** The path (see the class comment) for numeric class codes (the dataset's response). */
    public MultinomialPath pathCodes(Dataset data, RegularizationPath.Settings settings) {
        ClassLevels lv = levels != null ? levels : ClassLevels.fromNumbers(data.response());
        return path(data, lv, lv.encode(data.response()), settings);
    }

    /** The path (see the class comment) for text class labels. */
    public MultinomialPath pathLabels(Dataset data, List<String> labels, RegularizationPath.Settings settings) {
        if (labels.size() != data.rows()) {
            throw new InvalidDataException("there are " + labels.size() + " class labels for " + data.rows() + " rows");
        }
        ClassLevels lv = levels != null ? levels : ClassLevels.fromLabels(labels);
        return path(data, lv, lv.encode(labels), settings);
    }

    /** The class levels this model fits to the numeric codes of {@code data} (given or from the data). */
    ClassLevels levelsFor(Dataset data, List<String> labels) {
        if (levels != null) {
            return levels;
        }
        return labels == null ? ClassLevels.fromNumbers(data.response()) : ClassLevels.fromLabels(labels);
    }

    /** The path with the class index (0-based) of each row already encoded against {@code lv}. */
    MultinomialPath path(Dataset data, ClassLevels lv, int[] y, RegularizationPath.Settings settings) {
        long clockStart = System.nanoTime();
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        if (data.hasOffset()) {
            throw new InvalidDataException("offsets are not supported by the penalized multinomial fit");
        }
        if (data.columns() == 0) {
            throw new InvalidDataException("a lambda path needs at least one predictor");
        }
        int classes = lv.size();
        requireEveryClass(lv, y, data.weights());
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, data.hasWeights() ? data.weights() : null,
                MultinomialDatafit.Parametrization.SYMMETRIC);
        Design design = new Design(data.x(), true);
        Penalty template = penalty(1.0, data.columns(), classes);
        PathResult result = RegularizationPath.fitBlocks(design, datafit, null, template, settings, clockStart);
        List<Solution> solutions = new ArrayList<>();
        for (PathPoint pt : result.points()) {
            Problem problem = new Problem(design, datafit, penalty(pt.lambda(), data.columns(), classes));
            solutions.add(solution(problem, lv, data, pt.lambda(), pt.result()));
        }
        return new MultinomialPath(lv, data.predictorNames(), data.rows(), alpha, grouped, result, solutions);
    }

    /** A class with no observation (zero weight) would send its intercept to minus infinity: refused. */
    static void requireEveryClass(ClassLevels lv, int[] y, double[] w) {
        double[] counts = new double[lv.size()];
        for (int i = 0; i < y.length; i++) {
            counts[y[i]] += w[i];
        }
        List<String> empty = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (!(counts[k] > 0)) {
                empty.add(lv.levels().get(k));
            }
        }
        if (!empty.isEmpty()) {
            throw new InvalidDataException("class" + (empty.size() == 1 ? " " : "es ") + empty + " of the levels "
                    + lv.levels() + (empty.size() == 1 ? " has" : " have") + " no observations (zero total weight): its"
                    + " intercept would be minus infinity; drop the level");
        }
    }

    private Penalty penalty(double lambda, int p, int classes) {
        return grouped
                ? new GroupLasso(lambda, alpha, GroupLasso.byPredictor(p, classes))
                : new ElasticNet(lambda, alpha, null, null, null);
    }

    private Solution fit(Dataset data, ClassLevels lv, int[] y, double lambda) {
        Objects.requireNonNull(data, "data");
        data.requireNoFrequencyWeights("a penalized multinomial fit");
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidDataException("lambda must be finite and >= 0, got " + lambda);
        }
        if (data.hasOffset()) {
            throw new InvalidDataException("offsets are not supported by the penalized multinomial fit");
        }
        int classes = lv.size();
        requireEveryClass(lv, y, data.weights());
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, data.hasWeights() ? data.weights() : null,
                MultinomialDatafit.Parametrization.SYMMETRIC);
        Design design = new Design(data.x(), true);
        Problem problem = new Problem(design, datafit, penalty(lambda, data.columns(), classes));
        return solution(problem, lv, data, lambda, solver.solve(problem, null));
    }

    /**
     * The solution with its intercepts centered to sum 0: the likelihood does not change and the
     * intercepts are not penalized, so the objective is the solver's (no further pass over X).
     */
    private Solution solution(Problem problem, ClassLevels lv, Dataset data, double lambda, SolverResult result) {
        int classes = lv.size();
        int k = problem.design().coefficients();
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
                result.objective(), result);
    }

    /**
     * One penalized fit.
     *
     * @param levels the classes (rows of the slopes)
     * @param predictors the predictor names (columns of the slopes)
     * @param lambda the penalty weight
     * @param alpha the lasso share
     * @param intercepts one per class, summing to 0
     * @param slopes {@code K x p}
     * @param objective the penalized objective at the solution
     * @param solverResult the solver's account (coefficients before centering the intercepts)
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

        /** The linear predictors {@code eta_ik = a_k + x_i' b_k} of new data ({@code n x K}). */
        public double[][] linearPredictors(Dataset newData) {
            return new MultinomialPath.Coefficients(lambda, intercepts, slopes).linearPredictors(newData);
        }

        /** The class probabilities of new data ({@code n x K}). */
        public double[][] probabilities(Dataset newData) {
            return new MultinomialPath.Coefficients(lambda, intercepts, slopes).probabilities(newData);
        }
    }

    /** Settings of a {@link PenalizedMultinomial}. */
    public static final class Builder extends FormulaBuilder<Builder> {

        @Override
        protected Builder self() {
            return this;
        }
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
