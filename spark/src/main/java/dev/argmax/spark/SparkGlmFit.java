package dev.argmax.spark;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.newton.FisherScoring;
import dev.argmax.optim.newton.NewtonSums;
import java.util.ArrayList;
import java.util.List;

/**
 * A GLM fitted on Spark: coefficients (intercept first, named "(Intercept)"), the aggregated
 * information matrix at the estimate, and the maximum-likelihood statistics R reports.
 *
 * <p>Covariance: {@code dispersion (A' W A)^-1} with W the IRLS weights at the returned
 * coefficients (R's {@code vcov} evaluated at the MLE); with a ridge penalty, the inverse of the
 * penalised Hessian of the negative log-posterior, {@code (A' W A + W_sum diag(P''))^-1} (the
 * Laplace approximation). Dispersion is 1 for binomial and Poisson and
 * {@code deviance / df_residual} for the Gaussian family.
 */
public final class SparkGlmFit {

    private final String family;
    private final List<String> names;
    private final SolverResult result;
    private final NewtonSums sums;
    private final double nullDeviance;
    private final long observations;
    private final Matrix covariance;
    private final double dispersion;

    SparkGlmFit(String family, boolean intercept, List<String> predictors, FisherScoring.Outcome outcome,
            double nullDeviance, long observations, Penalty penalty) {
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
        this.observations = observations;
        int k = names.size();
        this.dispersion = family.equals("gaussian") ? sums.deviance() / dfResidual() : 1.0;
        double[] info = sums.information();
        if (penalty instanceof SmoothPenalty smooth && !(penalty instanceof ElasticNet e && e.lambda() == 0)) {
            double[] beta = result.coefficients();
            int first = intercept ? 1 : 0;
            for (int j = first; j < k; j++) {
                info[j + j * k] += sums.weightSum() * smooth.hessianDiagonal(j - first, beta[j]);
            }
        }
        this.covariance = Cholesky.factor(Matrix.fromColumnMajor(k, k, info)).inverse().scale(dispersion);
    }

    public String family() {
        return family;
    }

    public List<String> coefficientNames() {
        return names;
    }

    public double[] coefficients() {
        return result.coefficients();
    }

    /** Square roots of the covariance diagonal. */
    public double[] standardErrors() {
        double[] d = covariance.diagonal();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sqrt(d[i]);
        }
        return d;
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

    public double nullDeviance() {
        return nullDeviance;
    }

    public long observations() {
        return observations;
    }

    public long dfResidual() {
        return observations - names.size();
    }

    public double dispersion() {
        return dispersion;
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
}
