package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.Link;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.RFormat;
import dev.argmax.models.inference.ReferenceDistribution;
import dev.argmax.models.inference.Sandwich;
import dev.argmax.models.inference.Separation;
import dev.argmax.models.inference.Vcov;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.irls.Irls;
import dev.argmax.optim.leastsquares.QrLeastSquaresSolver;
import dev.argmax.optim.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.DoublePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted GLM with R's {@code glm} / {@code summary.glm} statistics.
 *
 * <ul>
 *   <li>Coefficients intercept first ("(Intercept)"); aliased ones NaN (R's NA).</li>
 *   <li>Covariance {@code dispersion * (A' W A)^-1} with the working weights W of IRLS's last
 *       Gram pass: at the estimate itself when IRLS stopped there, or at the iterate one step
 *       before when it finished with its final Newton step on that Gram (R's {@code vcov}
 *       convention, and what lets a default-epsilon fit reach full precision in the coefficients
 *       without another pass); the Gaussian QR fit uses the prior weights (exact). On the
 *       reference fits the standard errors are within 5e-10 relative of the fixtures'
 *       {@code std_errors_at_mle} either way.</li>
 *   <li>Statistics {@code z} (binomial, Poisson) or {@code t} with {@code df_residual}
 *       (Gaussian), two-sided p-values, Wald intervals with the same reference law.</li>
 *   <li>Deviance, null deviance (intercept-only model keeping the offset), residual and null
 *       degrees of freedom (observations with positive weight minus the rank / the intercept),
 *       Pearson chi-square {@code sum w (y - mu)^2 / V(mu)}, dispersion (Gaussian: Pearson
 *       chi-square / df_residual; else 1), full log-likelihood, {@code AIC = -2 loglik + 2 df},
 *       {@code BIC = -2 loglik + log(n) df}, df = rank (+1 for the Gaussian variance).</li>
 *   <li>Frequency weights (row i stands for {@code f_i} identical observations): every sum
 *       above runs over the repeated rows, so n, the degrees of freedom, the dispersion, AIC and
 *       BIC are those of the data with the rows repeated.</li>
 *   <li>Diagnostics in {@link #warnings()} (each also logged at WARN): aliased columns,
 *       non-convergence, and for binomial / Poisson fits an MLE that does not exist
 *       ({@link #separation()}), decided by {@link Separation}'s linear program (Konis 2007),
 *       naming the coefficients that run off. Without separation, fitted probabilities within
 *       {@code 10 * machine epsilon} of 0 or 1 (rates of 0) get R's milder warning "fitted
 *       probabilities numerically 0 or 1 occurred" and no flag.</li>
 * </ul>
 */
public final class FittedGlm implements GlmResult {

    private static final Logger LOG = LoggerFactory.getLogger(FittedGlm.class);
    /** R's threshold {@code 10 * .Machine$double.eps} for "fitted probabilities numerically 0 or 1". */
    static final double BOUNDARY = 10 * Math.ulp(1.0);

    private final Glm model;
    private final List<String> names;
    private final String responseName;
    private final double[] coefficients;
    private final int[] aliased;
    private final double[] linearPredictor;
    private final double[] fitted;
    private final Matrix covariance;
    private final CoefficientTable table;
    private final SolverResult result;
    private final int observations;
    private final int rank;
    private final double deviance;
    private final double nullDeviance;
    private final double pearson;
    private final double dispersion;
    private final double logLikelihood;
    private final int logLikelihoodParameters;
    private final boolean separation;
    private final Separation separationCheck;
    private final List<String> warnings;
    private final double epsilon;
    /** Set once by {@link Glm#fit(dev.argmax.core.data.CsvTable)} before the fit is returned. */
    private ModelFrame frame;
    private int dropped;
    private final Dataset data;
    private final double[] y;
    private final double[] w;
    /** Frequency weights, or null for none. */
    private final double[] frequency;
    /** The likelihood's weights: prior times frequency ({@link #w} when there are no frequencies). */
    private final double[] wf;
    private final Matrix unscaledCovariance;
    private final Vcov vcov;
    private final Family family;
    private final ThetaEstimate theta;
    /** Iterations of the result that are not Fisher scoring (L-BFGS's, the Newton finish's). */
    private final int nonScoringIterations;

    FittedGlm(Glm model, Family family, Dataset data, double[] y, double[] w, double[] frequency, double[] beta,
              int[] aliased,
              double[] eta, Matrix unscaledCovariance, SolverResult result, int observations, double nullDeviance,
              Double exactRss, Separation separationCheck, double epsilon, ThetaEstimate theta,
              int nonScoringIterations, List<String> solverWarnings) {
        this.model = model;
        this.epsilon = epsilon;
        this.data = data;
        this.y = y.clone();
        this.w = w.clone();
        this.frequency = frequency == null ? null : frequency.clone();
        double[] combined = this.w;
        if (frequency != null) {
            combined = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                combined[i] = w[i] * frequency[i];
            }
        }
        this.wf = combined;
        this.vcov = Vcov.model();
        this.family = family;
        this.theta = theta;
        this.nonScoringIterations = nonScoringIterations;
        List<String> nm = new ArrayList<>();
        if (model.hasIntercept()) {
            nm.add("(Intercept)");
        }
        nm.addAll(data.predictorNames());
        this.names = List.copyOf(nm);
        this.responseName = data.responseName();
        this.coefficients = beta.clone();
        this.aliased = aliased.clone();
        this.linearPredictor = eta.clone();
        this.result = result;
        this.observations = observations;
        this.rank = beta.length - aliased.length;
        int n = y.length;
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = family.link().inverse(eta[i]);
        }
        this.fitted = mu;
        // a least-squares fit's deviance and Pearson statistic are both its exact residual sum of squares
        double dev = exactRss != null ? exactRss : family.deviance(y, mu, wf);
        this.deviance = dev;
        this.nullDeviance = nullDeviance;
        double chi2 = 0;
        if (exactRss != null) {
            chi2 = exactRss;
        } else {
            for (int i = 0; i < n; i++) {
                if (wf[i] > 0) {
                    double r = y[i] - mu[i];
                    chi2 += wf[i] * r * r / family.variance(mu[i]);
                }
            }
        }
        this.pearson = chi2;
        int dfResidual = observations - rank;
        this.dispersion = family.estimatesDispersion() ? (dfResidual > 0 ? chi2 / dfResidual : Double.NaN) : 1.0;
        int k = beta.length;
        double[] cov = new double[k * k];
        Arrays.fill(cov, Double.NaN);
        if (unscaledCovariance != null) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < k; i++) {
                    cov[i + j * k] = dispersion * unscaledCovariance.get(i, j);
                }
            }
        }
        this.covariance = Matrix.fromColumnMajor(k, k, cov);
        double[] unscaled = new double[k * k];
        for (int j = 0; j < k * k; j++) {
            unscaled[j] = dispersion > 0 ? cov[j] / dispersion : Double.NaN;
        }
        if (unscaledCovariance != null) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < k; i++) {
                    unscaled[i + j * k] = unscaledCovariance.get(i, j);
                }
            }
        }
        this.unscaledCovariance = Matrix.fromColumnMajor(k, k, unscaled);
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(cov[j + j * k]);
        }
        ReferenceDistribution reference = family.estimatesDispersion()
                ? ReferenceDistribution.studentT(dfResidual > 0 ? dfResidual : Double.NaN)
                : ReferenceDistribution.normal();
        this.table = new CoefficientTable(names, beta, se, reference);
        this.logLikelihood = family.logLikelihood(y, mu, w, frequency, dev);
        this.logLikelihoodParameters = family.logLikelihoodParameters(rank) + (theta != null ? 1 : 0);

        List<String> warn = new ArrayList<>();
        if (aliased.length > 0) {
            List<String> an = new ArrayList<>();
            for (int a : aliased) {
                an.add(names.get(a));
            }
            warn.add(aliased.length + " coefficient" + (aliased.length == 1 ? "" : "s")
                    + " not defined because of singularities (aliased column" + (aliased.length == 1 ? "" : "s")
                    + ", linear combination of earlier columns): " + String.join(", ", an));
        }
        warn.addAll(solverWarnings);
        if (!result.converged()) {
            warn.add("the fit did not converge (" + result.stopReason() + "): " + result.message()
                    + "; the coefficients are the last iterate");
        }
        boolean sep = separationCheck.mleDoesNotExist();
        boolean binomial = family.variance().value(1.0) == 0;
        if (sep) {
            warn.add("the maximum-likelihood estimate does not exist: "
                    + (binomial ? "the outcomes are (quasi-)completely separated" : "zero counts can be fitted exactly")
                    + " (a direction of the coefficients found by Konis' linear program moves fitted "
                    + (binomial ? "probabilities to 0 or 1" : "rates to 0") + " and leaves the others unchanged); "
                    + "coefficients running off: " + String.join(", ", separationCheck.divergingCoefficients())
                    + "; the reported values are the last iterate and their standard errors are not meaningful;"
                    + " Firth's estimate (FirthRegression, the command line's --firth) is finite");
        } else if (family.boundaryResponses()) {
            int atBoundary = 0;
            for (int i = 0; i < n; i++) {
                if (wf[i] > 0 && (mu[i] < BOUNDARY || binomial && mu[i] > 1 - BOUNDARY)) {
                    atBoundary++;
                }
            }
            if (atBoundary > 0) {
                String checked = separationCheck.status() == Separation.Status.NOT_CHECKED
                        ? "; whether the MLE exists was not checked: " + separationCheck.reason()
                        : " (the MLE exists: no separating direction)";
                warn.add((binomial ? "fitted probabilities numerically 0 or 1" : "fitted rates numerically 0")
                        + " occurred (" + atBoundary + " observation" + (atBoundary == 1 ? "" : "s") + ")" + checked);
            }
        }
        this.separation = sep;
        this.separationCheck = separationCheck;
        this.warnings = List.copyOf(warn);
        for (String msg : warnings) {
            if (!result.converged() && msg.startsWith("the fit did not converge")
                    && result.solver().equals(Irls.NAME)) {
                continue;
            }
            LOG.warn("{} glm: {}", family.name(), msg);
        }
    }

    void attach(ModelFrame frame, int dropped) {
        this.frame = frame;
        this.dropped = dropped;
    }

    /** The model frame of a fit from a formula (terms, factor levels, contrasts), to save or apply to new data. */
    public Optional<ModelFrame> frame() {
        return Optional.ofNullable(frame);
    }

    /** Rows left out for a missing value (R's na.omit count; 0 without a formula). */
    public int dropped() {
        return dropped;
    }

    /**
     * Writes the model (frame, coefficients, covariance, dispersion) as a versioned JSON file
     * for {@link dev.argmax.models.saved.SavedModel#load}; only a fit from a formula can be saved.
     */
    public void save(java.nio.file.Path file) {
        dev.argmax.models.saved.SavedModel.of(this).save(file);
    }

    /** This fit with another covariance: everything else shared. */
    private FittedGlm(FittedGlm base, Vcov vcov, Matrix covariance) {
        this.model = base.model;
        this.names = base.names;
        this.responseName = base.responseName;
        this.coefficients = base.coefficients;
        this.aliased = base.aliased;
        this.linearPredictor = base.linearPredictor;
        this.fitted = base.fitted;
        this.covariance = covariance;
        int k = coefficients.length;
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(covariance.get(j, j));
        }
        this.table = new CoefficientTable(names, coefficients, se, base.table.reference());
        this.result = base.result;
        this.observations = base.observations;
        this.rank = base.rank;
        this.deviance = base.deviance;
        this.nullDeviance = base.nullDeviance;
        this.pearson = base.pearson;
        this.dispersion = base.dispersion;
        this.logLikelihood = base.logLikelihood;
        this.logLikelihoodParameters = base.logLikelihoodParameters;
        this.separation = base.separation;
        this.separationCheck = base.separationCheck;
        this.warnings = base.warnings;
        this.epsilon = base.epsilon;
        this.data = base.data;
        this.y = base.y;
        this.w = base.w;
        this.frequency = base.frequency;
        this.wf = base.wf;
        this.unscaledCovariance = base.unscaledCovariance;
        this.vcov = vcov;
        this.family = base.family;
        this.theta = base.theta;
        this.nonScoringIterations = base.nonScoringIterations;
        this.frame = base.frame;
        this.dropped = base.dropped;
    }

    /**
     * This fit with the coefficient table, intervals and prediction standard errors computed
     * from another covariance: a sandwich ({@link Sandwich}, R's {@code vcovHC} / {@code vcovCL}
     * conventions, evaluated at the estimate) or back to the model-based one. Estimates,
     * deviance and everything else are unchanged; {@link #summary()} names the covariance.
     *
     * @throws InvalidDataException if cluster labels do not match the rows
     */
    public FittedGlm withVcov(Vcov type) {
        Objects.requireNonNull(type, "type");
        if (type.isModel()) {
            Matrix cov = unscaledCovariance.scale(dispersion);
            return new FittedGlm(this, type, cov);
        }
        int k = coefficients.length;
        int[] kept = keptCoefficients();
        double[][] cols = estimatedColumns(kept);
        int n = y.length;
        double[] r = new double[n];
        double[] ww = new double[n];
        for (int i = 0; i < n; i++) {
            double d = link().derivative(linearPredictor[i]);
            double v = family.variance(fitted[i]);
            r[i] = w[i] == 0 ? 0 : w[i] * (y[i] - fitted[i]) * d / v;
            ww[i] = w[i] == 0 ? 0 : w[i] * d * d / v;
        }
        double[][] b = new double[kept.length][kept.length];
        for (int a = 0; a < kept.length; a++) {
            for (int c = 0; c < kept.length; c++) {
                b[a][c] = unscaledCovariance.get(kept[a], kept[c]);
            }
        }
        Matrix sub = Sandwich.covariance(cols, r, ww, frequency, Matrix.of(b), type);
        double[] full = new double[k * k];
        Arrays.fill(full, Double.NaN);
        for (int a = 0; a < kept.length; a++) {
            for (int c = 0; c < kept.length; c++) {
                full[kept[a] + kept[c] * k] = sub.get(a, c);
            }
        }
        return new FittedGlm(this, type, Matrix.fromColumnMajor(k, k, full));
    }

    /**
     * The GLM hat values (R's {@code hatvalues}): {@code h_i = W_i x_i' (X'WX)^-1 x_i} with the
     * working weights {@code W_i = w_i mu'(eta_i)^2 / V(mu_i)} at the estimate (0 for rows of
     * zero weight).
     */
    public double[] hatValues() {
        int[] kept = keptCoefficients();
        double[][] cols = estimatedColumns(kept);
        double[][] b = new double[kept.length][kept.length];
        for (int a = 0; a < kept.length; a++) {
            for (int c = 0; c < kept.length; c++) {
                b[a][c] = unscaledCovariance.get(kept[a], kept[c]);
            }
        }
        Matrix bread = Matrix.of(b);
        int n = y.length;
        double[] h = new double[n];
        double[] x = new double[kept.length];
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int a = 0; a < kept.length; a++) {
                x[a] = cols[a][i];
            }
            double d = link().derivative(linearPredictor[i]);
            h[i] = w[i] * d * d / family.variance(fitted[i]) * Sandwich.quadraticForm(bread, x);
        }
        return h;
    }

    /** The covariance behind the standard errors: model-based unless {@link #withVcov} chose a sandwich. */
    public Vcov vcov() {
        return vcov;
    }

    /** Indices of the estimated (non-aliased) coefficients. */
    int[] keptCoefficients() {
        boolean[] drop = new boolean[coefficients.length];
        for (int a : aliased) {
            drop[a] = true;
        }
        return java.util.stream.IntStream.range(0, coefficients.length).filter(j -> !drop[j]).toArray();
    }

    /** The design columns of the given coefficients (the intercept as ones), each of length n. */
    double[][] estimatedColumns(int[] coefficientIndices) {
        int off = model.hasIntercept() ? 1 : 0;
        double[][] cols = new double[coefficientIndices.length][];
        for (int a = 0; a < coefficientIndices.length; a++) {
            int j = coefficientIndices[a];
            if (off == 1 && j == 0) {
                cols[a] = new double[y.length];
                Arrays.fill(cols[a], 1.0);
            } else {
                cols[a] = data.column(j - off);
            }
        }
        return cols;
    }

    /** The data the model was fitted to. */
    public Dataset data() {
        return data;
    }

    /** The response as fitted (validated: R sets a zero-weight binomial response to 0). */
    double[] response() {
        return y.clone();
    }

    /** The prior weights (all 1 when none were given). */
    double[] priorWeights() {
        return w.clone();
    }

    /** The frequency weights (all 1 when none were given). */
    double[] frequencyWeights() {
        if (frequency == null) {
            double[] ones = new double[w.length];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        return frequency.clone();
    }

    /** The likelihood's weights: prior times frequency weights. */
    double[] likelihoodWeights() {
        return wf.clone();
    }

    /** {@code (X'WX)^-1} without the dispersion (R's {@code cov.unscaled}; NaN for aliased coefficients). */
    public Matrix unscaledCovariance() {
        return unscaledCovariance;
    }

    /** The model that was fitted. */
    public Glm model() {
        return model;
    }

    /** The family fitted (for a negative binomial with theta estimated: at the estimate). */
    public Family family() {
        return family;
    }

    public Link link() {
        return family.link();
    }

    /** The negative binomial theta with its standard error, when it was estimated ({@code glm.nb}). */
    public java.util.Optional<ThetaEstimate> theta() {
        return java.util.Optional.ofNullable(theta);
    }

    /** Coefficient names, intercept first as "(Intercept)". */
    public List<String> coefficientNames() {
        return names;
    }

    /** Estimates, intercept first; NaN for aliased coefficients. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Indices of aliased coefficients (NaN in every vector below). */
    public int[] aliased() {
        return aliased.clone();
    }

    /** The coefficient table (estimates, SEs, statistics, p-values, intervals). */
    public CoefficientTable coefficientTable() {
        return table;
    }

    /** {@code dispersion * (A'WA)^-1} at the estimate (NaN rows/columns for aliased coefficients). */
    public Matrix covariance() {
        return covariance;
    }

    public double deviance() {
        return deviance;
    }

    public double nullDeviance() {
        return nullDeviance;
    }

    /** Residual degrees of freedom: observations with positive weight (counted by their frequencies) minus the rank. */
    public int dfResidual() {
        return observations - rank;
    }

    /** Null degrees of freedom: observations with positive weight minus 1 with an intercept. */
    public int dfNull() {
        return observations - (model.hasIntercept() ? 1 : 0);
    }

    /** Number of estimated (non-aliased) coefficients. */
    public int rank() {
        return rank;
    }

    /**
     * Number of observations with positive weight (R's {@code nobs}); with frequency weights, the
     * sum of the frequencies of those rows (statsmodels' {@code nobs}).
     */
    public int observations() {
        return observations;
    }

    public double pearsonChiSquare() {
        return pearson;
    }

    public double dispersion() {
        return dispersion;
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * Parameters counted by AIC and BIC: the rank, plus 1 for a dispersion the likelihood
     * estimates (Gaussian, Gamma, inverse Gaussian), plus 1 for an estimated negative binomial theta.
     */
    public int logLikelihoodParameters() {
        return logLikelihoodParameters;
    }

    public double aic() {
        return -2 * logLikelihood + 2 * logLikelihoodParameters;
    }

    public double bic() {
        return -2 * logLikelihood + Math.log(observations) * logLikelihoodParameters;
    }

    public boolean converged() {
        return result.converged();
    }

    public int iterations() {
        return result.iterations();
    }

    /** Whether the MLE does not exist: a separating direction was found ({@link #separationCheck()}). */
    public boolean separation() {
        return separation;
    }

    /** The linear-programming check of the existence of the MLE, with the coefficients that run off. */
    public Separation separationCheck() {
        return separationCheck;
    }

    /** Everything that makes this fit suspect, in words (also logged at WARN). */
    public List<String> warnings() {
        return warnings;
    }

    /** The solver's result: name, stop reason, message, timing. */
    public SolverResult solverResult() {
        return result;
    }

    public Trace trace() {
        return result.trace();
    }

    /** The linear predictor {@code eta} of the training rows. */
    public double[] linearPredictor() {
        return linearPredictor.clone();
    }

    /** The fitted means {@code mu = g^-1(eta)} of the training rows. */
    public double[] fittedValues() {
        return fitted.clone();
    }

    /**
     * Predictions for new data (its predictors in the training column order, and its offset).
     * Aliased coefficients count as 0, as in R's {@code predict} for a rank-deficient fit.
     *
     * @throws InvalidDataException if the number of predictors differs
     */
    public Prediction predict(Dataset newData) {
        int p = coefficients.length - (model.hasIntercept() ? 1 : 0);
        if (newData.columns() != p) {
            throw new InvalidDataException("new data have " + newData.columns() + " predictors, the model has " + p);
        }
        int n = newData.rows();
        int k = coefficients.length;
        int off = model.hasIntercept() ? 1 : 0;
        double[] offset = newData.offset();
        DoublePointer ptr = NativeArrays.pointer(newData.x());
        double[][] cols = new double[p][n];
        for (int j = 0; j < p; j++) {
            NativeArrays.getColumn(ptr, n, j, cols[j]);
        }
        double[] b = coefficients.clone();
        for (int a : aliased) {
            b[a] = 0;
        }
        boolean[] drop = new boolean[k];
        for (int a : aliased) {
            drop[a] = true;
        }
        double[] eta = new double[n];
        double[] mu = new double[n];
        double[] se = new double[n];
        double[] seMu = new double[n];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            if (off == 1) {
                row[0] = 1;
            }
            for (int j = 0; j < p; j++) {
                row[j + off] = cols[j][i];
            }
            double e = offset[i];
            for (int j = 0; j < k; j++) {
                e += row[j] * b[j];
            }
            double v = 0;
            for (int a = 0; a < k; a++) {
                if (drop[a]) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < k; c++) {
                    if (!drop[c]) {
                        s += covariance.get(a, c) * row[c];
                    }
                }
                v += row[a] * s;
            }
            eta[i] = e;
            mu[i] = link().inverse(e);
            se[i] = Math.sqrt(Math.max(v, 0));
            seMu[i] = Math.abs(link().derivative(e)) * se[i];
        }
        return new Prediction(eta, mu, se, seMu);
    }

    /** A one-line description of the model, formula style: {@code y ~ x1 + x2, binomial (logit link)}. */
    public String formula() {
        if (frame != null) {
            return frame.formula().deparse();
        }
        List<String> predictors = names.subList(model.hasIntercept() ? 1 : 0, names.size());
        String rhs = predictors.isEmpty() ? "1" : String.join(" + ", predictors);
        if (!model.hasIntercept()) {
            rhs += " - 1";
        }
        return responseName + " ~ " + rhs;
    }

    /**
     * The summary in R's {@code summary(glm)} layout: the coefficient table with significance
     * stars, the dispersion, null and residual deviance with their degrees of freedom, AIC, the
     * number of Fisher scoring iterations, then the convergence information and any warnings.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nCall:\nglm(formula = ").append(formula()).append(", family = ").append(family.name())
                .append("(link = \"").append(link().label()).append("\"))\n\n");
        sb.append("Coefficients:");
        if (aliased.length > 0) {
            sb.append(" (").append(aliased.length).append(" not defined because of singularities)");
        }
        sb.append('\n').append(table.format());
        if (!vcov.isModel()) {
            sb.append("Standard errors: ").append(vcov.describe()).append('\n');
        }
        sb.append("\n(Dispersion parameter for ").append(family.name()).append(" family taken to be ")
                .append(RFormat.format(dispersion, 7).trim()).append(")\n\n");
        String[] devs = RFormat.format(new double[] {nullDeviance, deviance}, 5);
        String[] dfs = padLeft(new String[] {Integer.toString(dfNull()), Integer.toString(dfResidual())});
        sb.append("    Null deviance: ").append(devs[0]).append("  on ").append(dfs[0]).append("  degrees of freedom\n");
        sb.append("Residual deviance: ").append(devs[1]).append("  on ").append(dfs[1]).append("  degrees of freedom\n");
        if (dropped > 0) {
            sb.append("  (").append(dropped).append(" observation").append(dropped == 1 ? "" : "s")
                    .append(" deleted due to missingness)\n");
        }
        sb.append("AIC: ").append(Double.isNaN(aic()) ? "NA" : RFormat.format(aic(), 5).trim()).append("\n\n");
        if (theta != null) {
            sb.append("              Theta:  ").append(RFormat.format(theta.theta(), 5).trim())
                    .append("\n          Std. Err.:  ").append(RFormat.format(theta.standardError(), 5).trim())
                    .append("\n 2 x log-likelihood:  ").append(RFormat.format(2 * logLikelihood, 5).trim())
                    .append("\n\n");
        }
        if (result.solver().equals(QrLeastSquaresSolver.NAME)) {
            sb.append("No Fisher scoring iterations: ").append(result.message())
                    .append('\n');
        } else {
            sb.append("Number of Fisher Scoring iterations: ").append(result.iterations() - nonScoringIterations).append('\n');
            sb.append(converged() ? "Converged" : "NOT converged").append(" (solver ").append(result.solver())
                    .append("): ").append(result.message()).append('\n');
        }
        if (!warnings.isEmpty()) {
            sb.append("\nWarnings:\n");
            for (String w : warnings) {
                sb.append("  ").append(w).append('\n');
            }
        }
        return sb.toString();
    }

    private static String[] padLeft(String[] s) {
        int w = 0;
        for (String v : s) {
            w = Math.max(w, v.length());
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = " ".repeat(w - s[i].length()) + s[i];
        }
        return s;
    }

    /** The epsilon of R's stopping rule this fit used (IRLS). */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String toString() {
        return summary();
    }
}
