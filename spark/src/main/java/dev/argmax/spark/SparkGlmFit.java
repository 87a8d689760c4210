package dev.argmax.spark;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.GlmResult;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.RFormat;
import dev.argmax.models.inference.ReferenceDistribution;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.newton.FisherScoring;
import dev.argmax.optim.newton.NewtonSums;
import java.util.ArrayList;
import java.util.List;

/**
 * A GLM fitted on Spark: the same {@link GlmResult} as the single-machine {@code FittedGlm}, with
 * the maximum-likelihood statistics R's {@code glm} reports from the same family formulas; the
 * rows stay on the executors, so everything here comes from sums over partitions.
 *
 * <p>Covariance: {@code dispersion (A' W A)^-1} with W the IRLS weights at the returned
 * coefficients (R's {@code vcov} evaluated at the MLE); with a ridge penalty, the inverse of the
 * penalised Hessian of the negative log-posterior, {@code (A' W A + W_sum diag(P''))^-1} (the
 * Laplace approximation). Dispersion is 1 for binomial and Poisson and Pearson chi-square over
 * {@code df_residual} for the Gaussian family (RSS / df); with a ridge penalty the Gaussian
 * dispersion is {@code RSS / (n - edf)} with the effective degrees of freedom
 * {@code edf = tr((A'WA + W_sum diag(P''))^-1 A'WA)}, as the single-machine penalised fit. {@code df_residual} counts observations
 * with positive weight, as R does. The Gaussian log-likelihood uses the ML variance
 * {@code deviance / n} and counts it as a parameter for AIC and BIC (R's {@code logLik.glm}).
 */
public final class SparkGlmFit implements GlmResult {

    private final Family family;
    private final List<String> names;
    private final SolverResult result;
    private final NewtonSums sums;
    private final double nullDeviance;
    private final long observations;
    private final Matrix covariance;
    private final double dispersion;
    private final double pearson;
    private final double logLikelihood;
    private final boolean penalised;
    private final CoefficientTable table;

    SparkGlmFit(Family family, boolean intercept, List<String> predictors, FisherScoring.Outcome outcome,
            double nullDeviance, double[] statistics, Penalty penalty) {
        this.family = family;
        List<String> all = new ArrayList<>();
        if (intercept) {
            all.add("(Intercept)");
        }
        all.addAll(predictors);
        this.names = List.copyOf(all);
        this.result = outcome.result();
        this.sums = outcome.finalSums();
        this.nullDeviance = nullDeviance;
        this.pearson = statistics[0];
        this.observations = (long) statistics[3];
        int k = names.size();
        double deviance = sums.deviance();
        this.logLikelihood = family.estimatesDispersion()
                ? -observations / 2.0 * (Math.log(2 * Math.PI * deviance / observations) + 1) + statistics[2] / 2
                : statistics[1];
        double[] info = sums.information();
        double[] beta = result.coefficients();
        this.penalised = !penalty.capabilities().contains(dev.argmax.core.objective.Capability.UNPENALISED);
        if (penalised && penalty instanceof SmoothPenalty smooth) {
            int first = intercept ? 1 : 0;
            for (int j = first; j < k; j++) {
                info[j + j * k] += sums.weightSum() * smooth.hessianDiagonal(j - first, beta[j]);
            }
        }
        Matrix unscaled = Cholesky.factor(Matrix.fromColumnMajor(k, k, info)).inverse();
        if (!family.estimatesDispersion()) {
            this.dispersion = 1.0;
        } else if (penalised) {
            // ridge: residual degrees of freedom n - edf, edf = tr((A'WA + W P'')^-1 A'WA) (as the single-machine fit)
            Matrix data = sums.informationMatrix();
            double edf = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    edf += unscaled.get(i, j) * data.get(j, i);
                }
            }
            this.dispersion = deviance / (observations - edf);
        } else {
            this.dispersion = pearson / dfResidual();
        }
        this.covariance = unscaled.scale(dispersion);
        double[] se = covariance.diagonal();
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(se[i]);
        }
        this.table = new CoefficientTable(names, beta, se, family.estimatesDispersion()
                ? ReferenceDistribution.studentT(dfResidual()) : ReferenceDistribution.normal());
    }

    public Family family() {
        return family;
    }

    /** "(Intercept)" (when fitted), then the features. */
    public List<String> coefficientNames() {
        return names;
    }

    public double[] coefficients() {
        return result.coefficients();
    }

    /** Estimates, standard errors, z (t for the Gaussian family) and p-values. */
    public CoefficientTable coefficientTable() {
        return table;
    }

    public Matrix covariance() {
        return covariance;
    }

    /** The aggregated information matrix {@code A' W A} at the estimate (prior weights included). */
    public Matrix information() {
        return sums.informationMatrix();
    }

    public double deviance() {
        return sums.deviance();
    }

    /** Deviance of the intercept-only model, offset kept (R's {@code null.deviance}). */
    public double nullDeviance() {
        return nullDeviance;
    }

    public double pearsonChiSquare() {
        return pearson;
    }

    /** Observations with positive weight. */
    public long observations() {
        return observations;
    }

    public long dfResidual() {
        return observations - names.size();
    }

    public long dfNull() {
        return observations - (names.contains("(Intercept)") ? 1 : 0);
    }

    public double dispersion() {
        return dispersion;
    }

    /** The full log-likelihood with every constant (R's {@code logLik}). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** Parameters counted by AIC and BIC: coefficients, plus the variance for the Gaussian family. */
    public int logLikelihoodParameters() {
        return family.logLikelihoodParameters(names.size());
    }

    public double aic() {
        return -2 * logLikelihood + 2 * logLikelihoodParameters();
    }

    public double bic() {
        return -2 * logLikelihood + Math.log(observations) * logLikelihoodParameters();
    }

    public boolean converged() {
        return result.converged();
    }

    public int iterations() {
        return result.iterations();
    }

    /** The solver's result with its per-iteration trace. */
    public SolverResult solverResult() {
        return result;
    }

    /** R's {@code summary(glm)} table with the deviances, AIC and convergence. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nargmax-spark glm, family = ").append(family.name()).append("(link = \"")
                .append(family.link().label()).append("\")\n\nCoefficients:\n").append(table.format());
        if (penalised) {
            sb.append("(ridge: standard errors from the Laplace approximation, the inverse penalised Hessian)\n");
        }
        sb.append("\n(Dispersion parameter for ").append(family.name()).append(" family taken to be ")
                .append(RFormat.format(dispersion, 7).trim()).append(")\n\n");
        sb.append("    Null deviance: ").append(RFormat.format(nullDeviance, 5).trim()).append("  on ")
                .append(dfNull()).append("  degrees of freedom\n");
        sb.append("Residual deviance: ").append(RFormat.format(deviance(), 5).trim()).append("  on ")
                .append(dfResidual()).append("  degrees of freedom\n");
        sb.append("AIC: ").append(RFormat.format(aic(), 5).trim()).append("\n\n");
        sb.append("Number of Fisher Scoring iterations: ").append(iterations()).append('\n')
                .append(converged() ? "Converged" : "NOT converged").append(": ").append(result.message()).append('\n');
        return sb.toString();
    }
}
