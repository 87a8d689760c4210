package dev.argmax.models.glm;

import dev.argmax.core.linalg.Matrix;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.optim.SolverResult;
import java.util.List;

/**
 * What every fitted GLM reports, wherever it was fitted (one machine: {@link FittedGlm}; a Spark
 * cluster: {@code argmax-spark}'s fit): coefficients with their Wald inference and R's
 * goodness-of-fit statistics, in R's {@code glm} conventions (deviance and AIC as
 * {@code summary.glm} prints them; the Gaussian log-likelihood with the ML variance).
 */
public interface GlmResult {

    /** "(Intercept)" first when fitted, then the predictors. */
    List<String> coefficientNames();

    /** The estimates, intercept first. */
    double[] coefficients();

    /** Estimates, standard errors, z (t for the Gaussian family), p-values and Wald intervals. */
    CoefficientTable coefficientTable();

    /** {@code dispersion (A' W A)^-1} at the estimate (for a ridge fit, the inverse penalized Hessian). */
    Matrix covariance();

    double deviance();

    /** The deviance of the intercept-only model, offset kept. */
    double nullDeviance();

    double pearsonChiSquare();

    /** 1 for binomial and Poisson; Pearson chi-square / df_residual for the Gaussian family. */
    double dispersion();

    /** The full log-likelihood with its constants (R's {@code logLik}). */
    double logLikelihood();

    double aic();

    double bic();

    boolean converged();

    int iterations();

    /** The solver's result with its per-iteration trace. */
    SolverResult solverResult();

    /** R's {@code summary(glm)} printout with convergence information. */
    String summary();

    default double[] standardErrors() {
        return coefficientTable().standardErrors();
    }

    /** {@code estimate / SE}: z, or t for the Gaussian family. */
    default double[] statistics() {
        return coefficientTable().statistics();
    }

    /** "z" or "t". */
    default String statisticName() {
        return coefficientTable().reference().statisticName();
    }

    /** Two-sided p-values of the statistics. */
    default double[] pValues() {
        return coefficientTable().pValues();
    }

    /** Wald intervals at {@code level}, rows {@code [lower, upper]}. */
    default double[][] confidenceIntervals(double level) {
        return coefficientTable().confidenceIntervals(level);
    }
}
