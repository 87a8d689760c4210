package dev.argmax.models.multinomial;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.models.frame.ClassFrameData;
import dev.argmax.models.frame.FormulaBuilder;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.newton.BlockNewton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multinomial logistic regression by maximum likelihood, as {@code nnet::multinom}:
 *
 * <pre>
 *   P(y_i = k) = exp(eta_ik) / sum_l exp(eta_il),   eta_i1 = 0 (reference),   eta_ik = o_ik + x_i' beta_k
 * </pre>
 *
 * for classes k = 2..K, with the first level as reference, observation weights w_i counted as
 * frequencies (log-likelihood {@code sum_i w_i log p_i,y_i}) and an optional offset per
 * non-reference class. The response is a class label per observation: numbers (the
 * {@link Dataset}'s response) or text; levels as R's {@code factor} makes them unless given.
 *
 * <p>The default solver is Newton's method on the block information matrix ("newton",
 * {@link BlockNewton}), from the intercept-only MLE {@code log(N_k / N_1)} (slopes 0); any solver
 * that accepts a vector-valued linear predictor may be named ("lbfgs", "gd"). A class with no
 * observation (zero total weight) is refused before any work: its coefficients would be
 * {@code -infinity}.
 *
 * <p><b>Formulas.</b> With {@link Builder#formula} the model is fitted to a {@link CsvTable} by
 * {@link #fit(CsvTable)} as {@code multinom(formula, data, na.action)}: the predictors go through a
 * {@link ModelFrame} (factors, interactions, transformations, R's {@code model.matrix} column names,
 * so the coefficients are named {@code class:term} as {@code vcov(multinom)} names them), the
 * response is a factor ({@link ModelFrame#trainingClasses}), incomplete rows are dropped or refused
 * as the frame options say, a weights column gives the (frequency) weights, and the fit keeps the
 * frame to be saved and applied to new data.
 */
public final class MultinomialRegression {

    private final boolean intercept;
    private final ClassLevels levels;
    private final Solver solver;
    private final double[][] offset;
    private final String formula;
    private final FrameOptions frameOptions;

    private MultinomialRegression(Builder b) {
        this.intercept = b.intercept;
        this.levels = b.levels;
        this.solver = b.solver;
        this.offset = b.offset;
        this.formula = b.formulaText();
        this.frameOptions = b.frameOptionsValue();
    }

    /** A model with an intercept, levels from the data, Newton's method. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fits with default settings to numeric class codes (the dataset's response). */
    public static FittedMultinomial fit(Dataset data) {
        return builder().build().fitCodes(data);
    }

    public boolean hasIntercept() {
        return intercept;
    }

    /** The formula given to the builder, if any. */
    public java.util.Optional<String> formula() {
        return java.util.Optional.ofNullable(formula);
    }

    /** How the formula is applied to data (missing values, references, weights column). */
    public FrameOptions frameOptions() {
        return frameOptions;
    }

    /**
     * Fits the model's formula to a table (see the class comment). The formula's intercept
     * decides (the builder's {@code intercept} setting is not used); the class levels are the
     * builder's, if given, else the response's levels in the complete rows.
     *
     * @throws IllegalStateException if the builder was given no formula
     */
    public FittedMultinomial fit(CsvTable table) {
        Objects.requireNonNull(table, "table");
        if (formula == null) {
            throw new IllegalStateException("no formula: give one with MultinomialRegression.builder()"
                    + ".formula(\"y ~ ...\")");
        }
        if (offset != null) {
            throw new InvalidDataException("a formula fit takes no offset matrix from the builder");
        }
        ModelFrame frame = ModelFrame.learn(formula, table, frameOptions);
        ClassFrameData data = frame.trainingClasses(table);
        Builder b = new Builder();
        b.intercept = frame.intercept();
        b.levels = levels;
        b.solver = solver;
        MultinomialRegression model = new MultinomialRegression(b);
        FittedMultinomial fit = model.fitLabels(data.data().dataset(), data.labels(), ClassLevels.of(data));
        fit.attach(frame, data.data().dropped());
        return fit;
    }

    /**
     * Fits to the dataset's response read as numeric class codes (levels sorted numerically,
     * unless given).
     */
    public FittedMultinomial fitCodes(Dataset data) {
        Objects.requireNonNull(data, "data");
        ClassLevels lv = levels != null ? levels : ClassLevels.fromNumbers(data.response());
        return fit(data, lv, lv.encode(data.response()));
    }

    /**
     * Fits to class labels given as text (one per row of the dataset, whose numeric response is
     * ignored); levels sorted as R sorts a character factor, unless given.
     */
    public FittedMultinomial fitLabels(Dataset data, List<String> labels) {
        Objects.requireNonNull(data, "data");
        if (labels.size() != data.rows()) {
            throw new InvalidDataException("there are " + labels.size() + " class labels for " + data.rows() + " rows");
        }
        ClassLevels lv = levels != null ? levels : ClassLevels.fromLabels(labels);
        return fit(data, lv, lv.encode(labels));
    }

    /** As {@link #fitLabels(Dataset, List)} with the levels to use unless the builder gave some. */
    private FittedMultinomial fitLabels(Dataset data, List<String> labels, ClassLevels fromData) {
        ClassLevels lv = levels != null ? levels : fromData;
        return fit(data, lv, lv.encode(labels));
    }

    private FittedMultinomial fit(Dataset data, ClassLevels lv, int[] y) {
        data.requireNoFrequencyWeights("a multinomial fit");
        if (data.hasOffset()) {
            throw new InvalidDataException("a multinomial model has one offset per non-reference class: give it with "
                    + "MultinomialRegression.Builder.offset(n x (K-1) matrix), not as the dataset's offset");
        }
        int n = data.rows();
        int classes = lv.size();
        int m = classes - 1;
        int p = data.columns();
        if (p + (intercept ? 1 : 0) == 0) {
            throw new InvalidDataException("nothing to estimate: no predictors and no intercept");
        }
        double[] weights = data.hasWeights() ? data.weights() : null;
        double[] w = data.weights();
        double[] counts = new double[classes];
        for (int i = 0; i < n; i++) {
            counts[y[i]] += w[i];
        }
        List<String> empty = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            if (!(counts[k] > 0)) {
                empty.add(lv.levels().get(k));
            }
        }
        if (!empty.isEmpty()) {
            throw new InvalidDataException("class" + (empty.size() == 1 ? " " : "es ") + empty + " of the levels "
                    + lv.levels() + (empty.size() == 1 ? " has" : " have") + " no observations (zero total weight):"
                    + " the maximum-likelihood estimate does not exist; drop the level" + (empty.size() == 1 ? "" : "s"));
        }
        double[] stackedOffset = stackOffset(n, m);
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, weights,
                MultinomialDatafit.Parametrization.REFERENCE);
        Design design = new Design(data.x(), intercept);
        Problem problem = new Problem(design, datafit, ElasticNet.none(), stackedOffset);
        Solver chosen = solver;
        chosen.requireSupported(problem, Solvers.all());
        int k = design.coefficients();
        double[] start = new double[m * k];
        if (intercept && offset == null) {
            for (int c = 0; c < m; c++) {
                start[c * k] = Math.log(counts[c + 1] / counts[0]);
            }
        }
        SolverResult result = chosen.solve(problem, start);
        return new FittedMultinomial(this, lv, data, problem, datafit, counts, offset != null, result);
    }

    private double[] stackOffset(int n, int m) {
        if (offset == null) {
            return null;
        }
        if (offset.length != n) {
            throw new InvalidDataException("the offset has " + offset.length + " rows, expected " + n);
        }
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (offset[i].length != m) {
                throw new InvalidDataException("offset row " + (i + 1) + " has " + offset[i].length
                        + " values, expected K - 1 = " + m + " (one per non-reference class)");
            }
            for (int c = 0; c < m; c++) {
                if (!Double.isFinite(offset[i][c])) {
                    throw new InvalidDataException("offset at row " + (i + 1) + ", class " + (c + 2) + " is not finite");
                }
                out[c * n + i] = offset[i][c];
            }
        }
        return out;
    }

    /** Settings of a {@link MultinomialRegression}. */
    public static final class Builder extends FormulaBuilder<Builder> {

        @Override
        protected Builder self() {
            return this;
        }
        private boolean intercept = true;
        private ClassLevels levels;
        private Solver solver = new BlockNewton();
        private double[][] offset;

        private Builder() {
        }

        /** Whether each class has an intercept (default true). */
        public Builder intercept(boolean fit) {
            this.intercept = fit;
            return this;
        }

        /** The class levels in order, the first the reference (default: from the data). */
        public Builder levels(ClassLevels value) {
            this.levels = Objects.requireNonNull(value, "levels");
            return this;
        }

        /** The solver by name (default "newton"); it must accept a vector-valued linear predictor. */
        public Builder solver(String name) {
            this.solver = Solvers.byName(name);
            return this;
        }

        /** A solver with settings of its own (e.g. a tighter tolerance). */
        public Builder solver(Solver value) {
            this.solver = Objects.requireNonNull(value, "solver");
            return this;
        }

        /** A known term per observation and non-reference class, {@code n x (K-1)} (default none). */
        public Builder offset(double[][] value) {
            double[][] copy = new double[value.length][];
            for (int i = 0; i < value.length; i++) {
                copy[i] = value[i].clone();
            }
            this.offset = copy;
            return this;
        }

        public MultinomialRegression build() {
            return new MultinomialRegression(this);
        }
    }
}
