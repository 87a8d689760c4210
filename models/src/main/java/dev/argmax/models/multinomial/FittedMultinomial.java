package dev.argmax.models.multinomial;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.RFormat;
import dev.argmax.models.inference.ReferenceDistribution;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.newton.BlockNewton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multinomial logistic regression fitted by maximum likelihood, with its inference:
 *
 * <ul>
 *   <li>Coefficients {@code (K-1) x (p+1)}: rows the non-reference classes (levels 2..K), columns
 *       the terms, intercept first ({@code coef(multinom)}); flattened class-major with names
 *       {@code class:term} ({@code vcov(multinom)}'s order).</li>
 *   <li>Covariance: the inverse of the full {@code ((K-1)(p+1))^2} information
 *       {@code sum_i w_i (diag(p_i) - p_i p_i') (x) x_i x_i'} at the estimate (observed =
 *       expected information for the multinomial logit); standard errors, Wald z, two-sided
 *       normal p-values and Wald intervals from it.</li>
 *   <li>{@code deviance = -2 loglik} with {@code loglik = sum_i w_i log p_i,y_i} (frequency
 *       weights), {@code edf = (K-1)(p+1)}, {@code AIC = deviance + 2 edf},
 *       {@code BIC = deviance + log(N) edf} with N the sum of the weights ({@code BIC(multinom)}),
 *       null deviance of the intercept-only model {@code -2 sum_k N_k log(N_k / N)} (with an
 *       offset the intercept-only model keeping the offset, fitted by Newton's method).</li>
 *   <li>Diagnostics in {@link #warnings()} (each logged at WARN): non-convergence; an MLE that
 *       does not exist ({@link #separation()}): a fitted probability within 1e-10 of 0 or 1 for an
 *       observation with positive weight (complete or quasi-complete separation of a class), or an
 *       information matrix that is not numerically positive definite.</li>
 * </ul>
 */
public final class FittedMultinomial {

    private static final Logger LOG = LoggerFactory.getLogger(FittedMultinomial.class);
    private static final double BOUNDARY = 1e-10;
    private static final int LINE_WIDTH = 80;

    private final MultinomialRegression model;
    private final ClassLevels levels;
    private final List<String> terms;
    private final String responseName;
    private final int n;
    private final int m;
    private final int k;
    private final double[] beta;
    private final Matrix covariance;
    private final CoefficientTable table;
    private final double deviance;
    private final double nullDeviance;
    private final double weightSum;
    private final double[] probabilities;
    private final boolean separation;
    private final List<String> warnings;
    private final SolverResult result;
    private ModelFrame frame;
    private int dropped;

    FittedMultinomial(MultinomialRegression model, ClassLevels levels, Dataset data, Problem problem,
                      MultinomialDatafit datafit, double[] counts, boolean hasOffset, SolverResult result) {
        this.model = model;
        this.levels = levels;
        this.result = result;
        this.n = data.rows();
        this.m = levels.size() - 1;
        this.k = problem.design().coefficients();
        this.responseName = data.responseName();
        List<String> t = new ArrayList<>();
        if (model.hasIntercept()) {
            t.add("(Intercept)");
        }
        t.addAll(data.predictorNames());
        this.terms = List.copyOf(t);
        this.beta = result.coefficients();
        this.weightSum = datafit.weightSum();
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(beta, eta);
        this.deviance = datafit.deviance(eta);
        this.probabilities = new double[n * levels.size()];
        datafit.probabilities(eta, probabilities);

        List<String> warn = new ArrayList<>();
        if (!result.converged()) {
            warn.add("the fit did not converge (" + result.stopReason() + "): " + result.message()
                    + "; the coefficients are the last iterate");
        }
        Matrix information = problem.datafitHessian(eta).scale(weightSum);
        Matrix cov;
        boolean singular = false;
        try {
            cov = Cholesky.factor(information).inverse();
        } catch (NotPositiveDefiniteException e) {
            singular = true;
            double[] nan = new double[beta.length * beta.length];
            Arrays.fill(nan, Double.NaN);
            cov = Matrix.fromColumnMajor(beta.length, beta.length, nan);
        }
        this.covariance = cov;
        double[] se = new double[beta.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(cov.get(j, j));
        }
        this.table = new CoefficientTable(parameterNames(), beta, se, ReferenceDistribution.normal());

        double[] w = datafit.weights();
        int atBoundary = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                for (int c = 0; c <= m; c++) {
                    double pr = probabilities[c * n + i];
                    if (pr < BOUNDARY || pr > 1 - BOUNDARY) {
                        atBoundary++;
                        break;
                    }
                }
            }
        }
        boolean sep = false;
        if (atBoundary > 0) {
            sep = true;
            warn.add("fitted probabilities numerically 0 or 1 occurred for " + atBoundary + " observation"
                    + (atBoundary == 1 ? "" : "s") + ": complete or quasi-complete separation of a class; the "
                    + "maximum-likelihood estimate does not exist and the coefficients and standard errors are not "
                    + "meaningful");
        } else if (singular) {
            sep = true;
            warn.add("the information matrix is not numerically positive definite at the estimate (aliased columns "
                    + "or an MLE that does not exist): standard errors are not available");
        }
        this.separation = sep;
        this.warnings = List.copyOf(warn);
        for (String s : warnings) {
            LOG.warn("{}", s);
        }
        this.nullDeviance = hasOffset || !model.hasIntercept()
                ? nullDevianceWithOffset(problem, datafit, model.hasIntercept())
                : closedFormNullDeviance(counts);
    }

    /** {@code -2 sum_k N_k log(N_k / N)}. */
    private static double closedFormNullDeviance(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double s = 0;
        for (double c : counts) {
            if (c > 0) {
                s += c * Math.log(c / total);
            }
        }
        return -2 * s;
    }

    /** The deviance of the intercept-only model keeping the offset (just the offset without intercept). */
    private static double nullDevianceWithOffset(Problem problem, MultinomialDatafit datafit, boolean intercept) {
        if (!intercept) {
            return datafit.deviance(problem.offset());
        }
        Design empty = new Design(NativeArrays.fromColumns(new double[0][], problem.rows()), true);
        Problem nullProblem = new Problem(empty, datafit, ElasticNet.none(), problem.offset());
        SolverResult r = new BlockNewton().solve(nullProblem, null);
        double[] eta = new double[nullProblem.predictorLength()];
        nullProblem.linearPredictor(r.coefficients(), eta);
        return datafit.deviance(eta);
    }

    public MultinomialRegression model() {
        return model;
    }

    /** Records the frame of a fit from a formula and how many rows it dropped. */
    void attach(ModelFrame modelFrame, int droppedRows) {
        this.frame = modelFrame;
        this.dropped = droppedRows;
    }

    /** The model frame of a fit from a formula (terms, factor levels, contrasts), to save or apply to new data. */
    public java.util.Optional<ModelFrame> frame() {
        return java.util.Optional.ofNullable(frame);
    }

    /** Rows left out for a missing value (R's {@code na.omit} count; 0 without a formula). */
    public int dropped() {
        return dropped;
    }

    /**
     * Writes the fit as a model file ({@link dev.argmax.models.saved.SavedModel}, read back by
     * {@link dev.argmax.models.saved.SavedModel#load}); only a fit from a formula can be saved.
     */
    public void save(java.nio.file.Path file) {
        dev.argmax.models.saved.SavedModel.of(this).save(file);
    }

    /** The class levels in order (the first is the reference). */
    public List<String> levels() {
        return levels.levels();
    }

    /** The reference level. */
    public String referenceLevel() {
        return levels.reference();
    }

    /** The non-reference levels, the rows of {@link #coefficients()}. */
    public List<String> classNames() {
        return levels.levels().subList(1, levels.size());
    }

    /** The terms, intercept first as "(Intercept)", the columns of {@link #coefficients()}. */
    public List<String> terms() {
        return terms;
    }

    /** {@code class:term} for every coefficient, class-major ({@code vcov(multinom)}'s order). */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        for (String c : classNames()) {
            for (String t : terms) {
                out.add(c + ":" + t);
            }
        }
        return out;
    }

    /** The {@code (K-1) x (p+1)} coefficient matrix. */
    public double[][] coefficients() {
        return reshape(beta);
    }

    /** The coefficients flattened class-major (the order of {@link #parameterNames()}). */
    public double[] coefficientVector() {
        return beta.clone();
    }

    /** Standard errors, {@code (K-1) x (p+1)}. */
    public double[][] standardErrors() {
        return reshape(table.standardErrors());
    }

    /** Wald z statistics, {@code (K-1) x (p+1)}. */
    public double[][] statistics() {
        return reshape(table.statistics());
    }

    /** Two-sided normal p-values of the z statistics, {@code (K-1) x (p+1)}. */
    public double[][] pValues() {
        return reshape(table.pValues());
    }

    /** The Wald table over all coefficients (names {@code class:term}), with intervals. */
    public CoefficientTable coefficientTable() {
        return table;
    }

    /** Wald intervals at {@code level}, one row {@code [lower, upper]} per coefficient (class-major). */
    public double[][] confidenceIntervals(double level) {
        return table.confidenceIntervals(level);
    }

    /** The covariance of the flattened coefficients (inverse information). */
    public Matrix covariance() {
        return covariance;
    }

    public double deviance() {
        return deviance;
    }

    public double nullDeviance() {
        return nullDeviance;
    }

    /** {@code sum_i w_i log p_i,y_i = -deviance / 2}. */
    public double logLikelihood() {
        return -deviance / 2;
    }

    /** Number of estimated parameters {@code (K-1)(p+1)}. */
    public int edf() {
        return beta.length;
    }

    public double aic() {
        return deviance + 2 * edf();
    }

    /** {@code deviance + log(N) edf} with N the sum of the (frequency) weights. */
    public double bic() {
        return deviance + Math.log(weightSum) * edf();
    }

    /** Number of rows n. */
    public int rows() {
        return n;
    }

    /** Sum of the weights N (number of observations counted as frequencies). */
    public double weightSum() {
        return weightSum;
    }

    /** The fitted probabilities, {@code n x K} (columns in level order). */
    public double[][] fittedProbabilities() {
        double[][] out = new double[n][m + 1];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c <= m; c++) {
                out[i][c] = probabilities[c * n + i];
            }
        }
        return out;
    }

    public boolean converged() {
        return result.converged();
    }

    /** Whether the MLE appears not to exist (separation, or a singular information matrix). */
    public boolean separation() {
        return separation;
    }

    public List<String> warnings() {
        return warnings;
    }

    public SolverResult solverResult() {
        return result;
    }

    /**
     * Predicted probabilities and classes for new data (same predictors, no offset), with
     * delta-method standard errors of the probabilities.
     */
    public MultinomialPrediction predict(Dataset newData) {
        if (newData.columns() != k - (model.hasIntercept() ? 1 : 0)) {
            throw new InvalidDataException("new data have " + newData.columns() + " predictors, the model has "
                    + (k - (model.hasIntercept() ? 1 : 0)));
        }
        if (newData.hasOffset()) {
            throw new InvalidDataException("prediction with an offset is not supported for a multinomial model");
        }
        return MultinomialPrediction.of(levels, new Design(newData.x(), model.hasIntercept()), beta, covariance);
    }

    /**
     * The summary in the layout of R's {@code summary(multinom)}: the call, the coefficient matrix,
     * the standard-error matrix, residual deviance and AIC; then the solver's convergence line and
     * any warnings.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Call:\nmultinom(formula = ").append(formula()).append(")\n\n");
        sb.append("Coefficients:\n").append(matrix(classNames(), terms, coefficients(), 7));
        sb.append("\nStd. Errors:\n").append(matrix(classNames(), terms, standardErrors(), 7));
        sb.append("\nResidual Deviance: ").append(RFormat.format(deviance, 7).trim()).append(" \n");
        sb.append("AIC: ").append(RFormat.format(aic(), 7).trim()).append(" \n");
        sb.append('\n').append(converged() ? "Converged" : "NOT converged").append(" (solver ")
                .append(result.solver()).append("): ").append(result.message()).append('\n');
        if (!warnings.isEmpty()) {
            sb.append("\nWarnings:\n");
            for (String w : warnings) {
                sb.append("  ").append(w).append('\n');
            }
        }
        return sb.toString();
    }

    /** The formula of a fit from a formula; otherwise {@code y ~ x1 + x2} (with {@code - 1} without intercept). */
    public String formula() {
        if (frame != null) {
            return frame.formula().text();
        }
        List<String> predictors = terms.subList(model.hasIntercept() ? 1 : 0, terms.size());
        String rhs = predictors.isEmpty() ? "1" : String.join(" + ", predictors);
        if (!model.hasIntercept()) {
            rhs += " - 1";
        }
        return responseName + " ~ " + rhs;
    }

    /**
     * R's print of a numeric matrix at R's default width of 80 (a line stays below it, as R's printMatrix): each column formatted on
     * its own, headers right-aligned, row names left-aligned, columns that do not fit continued in
     * further blocks.
     */
    static String matrix(List<String> rowNames, List<String> colNames, double[][] values, int digits) {
        int rows = rowNames.size();
        int cols = colNames.size();
        String[][] cells = new String[cols][];
        int[] width = new int[cols];
        for (int j = 0; j < cols; j++) {
            double[] column = new double[rows];
            for (int i = 0; i < rows; i++) {
                column[i] = values[i][j];
            }
            cells[j] = RFormat.format(column, digits);
            width[j] = colNames.get(j).length();
            for (String s : cells[j]) {
                width[j] = Math.max(width[j], s.length());
            }
        }
        int nameWidth = 0;
        for (String r : rowNames) {
            nameWidth = Math.max(nameWidth, r.length());
        }
        StringBuilder sb = new StringBuilder();
        int first = 0;
        while (first < cols) {
            int last = first;
            int line = nameWidth + 1 + width[first];
            while (last + 1 < cols && line + 1 + width[last + 1] < LINE_WIDTH) {
                last++;
                line += 1 + width[last];
            }
            sb.append(" ".repeat(nameWidth));
            for (int j = first; j <= last; j++) {
                sb.append(' ').append(String.format(Locale.ROOT, "%" + width[j] + "s", colNames.get(j)));
            }
            sb.append('\n');
            for (int i = 0; i < rows; i++) {
                sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", rowNames.get(i)));
                for (int j = first; j <= last; j++) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%" + width[j] + "s", cells[j][i]));
                }
                sb.append('\n');
            }
            first = last + 1;
        }
        return sb.toString();
    }

    private double[][] reshape(double[] flat) {
        double[][] out = new double[m][k];
        for (int c = 0; c < m; c++) {
            System.arraycopy(flat, c * k, out[c], 0, k);
        }
        return out;
    }

    @Override
    public String toString() {
        return "FittedMultinomial[" + formula() + ", K = " + levels.size() + ", deviance = " + deviance + "]";
    }
}
