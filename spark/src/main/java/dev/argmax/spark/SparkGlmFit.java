package dev.argmax.spark;

import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.GlmResult;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.RFormat;
import dev.argmax.models.inference.ReferenceDistribution;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.irls.AliasedColumns;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GLM fitted on Spark: the same {@link GlmResult} as the single-machine {@code FittedGlm}, with
 * the maximum-likelihood statistics R's {@code glm} reports from the same family formulas; the
 * rows stay on the executors, so everything here comes from sums over partitions.
 *
 * <p>Covariance: {@code dispersion (A' W A)^-1} with W the IRLS weights at the returned
 * coefficients (or at the iterate before the final Newton step, as R's {@code vcov}; see
 * {@code Irls}), NaN rows and columns for aliased coefficients; with a ridge penalty, the inverse of the
 * penalized Hessian of the negative log-posterior, {@code (A' W A + W_sum diag(P''))^-1} (the
 * Laplace approximation). Dispersion is 1 for binomial and Poisson and Pearson chi-square over
 * {@code df_residual} for the Gaussian family (RSS / df); with a ridge penalty the Gaussian
 * dispersion is {@code RSS / (n - edf)} with the effective degrees of freedom
 * {@code edf = tr((A'WA + W_sum diag(P''))^-1 A'WA)}, as the single-machine penalized fit. {@code df_residual} counts observations
 * with positive weight, as R does. The Gaussian log-likelihood uses the ML variance
 * {@code deviance / n} and counts it as a parameter for AIC and BIC (R's {@code logLik.glm}).
 */
public final class SparkGlmFit implements GlmResult {

    private static final Logger LOG = LoggerFactory.getLogger(SparkGlmFit.class);

    private final Family family;
    private final List<String> names;
    private final SolverResult result;
    private final double[] coefficients;
    private final int[] aliased;
    private final Matrix information;
    private final double deviance;
    private final double nullDeviance;
    private final long observations;
    private final Matrix covariance;
    private final double dispersion;
    private final double pearson;
    private final double logLikelihood;
    private final boolean penalized;
    private final CoefficientTable table;
    private final List<String> warnings;

    /**
     * @param solverInformation {@code A' W A / W} (plus the penalty's curvature) at the estimate
     * @param statistics the partitions' summed {@code PartitionBlock#statistics}
     */
    SparkGlmFit(Family family, boolean intercept, List<String> predictors, SolverResult result, int[] aliased,
            Matrix solverInformation, double weightSum, double nullDeviance, double[] statistics, Penalty penalty) {
        this.family = family;
        List<String> all = new ArrayList<>();
        if (intercept) {
            all.add("(Intercept)");
        }
        all.addAll(predictors);
        this.names = List.copyOf(all);
        this.result = result;
        this.aliased = aliased.clone();
        this.coefficients = result.coefficients();
        for (int a : aliased) {
            coefficients[a] = Double.NaN;
        }
        this.deviance = statistics[4];
        this.nullDeviance = nullDeviance;
        this.pearson = statistics[0];
        this.observations = (long) statistics[3];
        int k = names.size();
        // R's logLik: with the dispersion at its likelihood value (deviance / n) for the Gaussian family;
        // for the other families that estimate a dispersion (Gamma, inverse Gaussian) that value is not
        // additive over partitions, so it is not computed here (NaN), as for the quasi families
        this.logLikelihood = !family.estimatesDispersion() ? statistics[1]
                : family.name().equals("gaussian")
                ? -observations / 2.0 * (Math.log(2 * Math.PI * deviance / observations) + 1) + statistics[2] / 2
                : Double.NaN;
        this.penalized = !penalty.capabilities().contains(dev.argmax.core.objective.Capability.UNPENALIZED);
        // the information without the penalty's curvature: A' W A (prior weights included)
        double[] data = solverInformation == null ? null : solverInformation.scale(weightSum).toColumnMajor();
        if (data != null && penalized && penalty instanceof SmoothPenalty smooth) {
            double[] beta = result.coefficients();
            int first = intercept ? 1 : 0;
            for (int j = first; j < k; j++) {
                data[j + j * k] -= weightSum * smooth.hessianDiagonal(j - first, beta[j]);
            }
        }
        this.information = data == null ? null : Matrix.fromColumnMajor(k, k, data);
        Matrix unscaled = AliasedColumns.inverseInformation(solverInformation, this.aliased, weightSum);
        if (unscaled == null) {
            double[] nan = new double[k * k];
            java.util.Arrays.fill(nan, Double.NaN);
            unscaled = Matrix.fromColumnMajor(k, k, nan);
        }
        if (!family.estimatesDispersion()) {
            this.dispersion = 1.0;
        } else if (penalized && information != null) {
            // ridge: residual degrees of freedom n - edf, edf = tr((A'WA + W P'')^-1 A'WA) (as the single-machine fit)
            double edf = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    edf += unscaled.get(i, j) * information.get(j, i);
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
        this.table = new CoefficientTable(names, coefficients, se, family.estimatesDispersion()
                ? ReferenceDistribution.studentT(dfResidual()) : ReferenceDistribution.normal());
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
        if (!result.converged()) {
            warn.add("the fit did not converge (" + result.stopReason() + "): " + result.message()
                    + "; the coefficients are the last iterate");
        }
        this.warnings = List.copyOf(warn);
        for (String msg : warnings) {
            LOG.warn("{} spark glm: {}", family.name(), msg);
        }
    }

    public Family family() {
        return family;
    }

    /** "(Intercept)" (when fitted), then the features. */
    public List<String> coefficientNames() {
        return names;
    }

    /** Estimates, intercept first; NaN (R's NA) for aliased coefficients. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Indices of the aliased coefficients (collinear columns, NaN in every vector). */
    public int[] aliased() {
        return aliased.clone();
    }

    /** Number of estimated (non-aliased) coefficients. */
    public int rank() {
        return names.size() - aliased.length;
    }

    /** Diagnostics (aliased columns, non-convergence), each also logged at WARN. */
    public List<String> warnings() {
        return warnings;
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
        return information;
    }

    public double deviance() {
        return deviance;
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
        return observations - rank();
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
        return family.logLikelihoodParameters(rank());
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
        if (penalized) {
            sb.append("(ridge: standard errors from the Laplace approximation, the inverse penalized Hessian)\n");
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
