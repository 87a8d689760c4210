package dev.argmax.models.glm;

import dev.argmax.core.linalg.Matrix;
import dev.argmax.models.family.Family;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.RFormat;
import java.util.List;

/**
 * A Firth (Jeffreys-prior MAP) fit from {@link FirthRegression}: the estimate, its standard
 * errors from {@code (X'WX)^-1} at the estimate, the ordinary and the penalized log-likelihood
 * ({@code l + (1/2) log det(X'WX)}), and the ordinary deviance at the estimate.
 */
public final class FirthFit {

    private final Family family;
    private final CoefficientTable table;
    private final Matrix covariance;
    private final double logLikelihood;
    private final double penalizedLogLikelihood;
    private final double deviance;
    private final int iterations;
    private final boolean converged;
    private final double maxAdjustedScore;
    private final String responseName;

    FirthFit(Family family, CoefficientTable table, Matrix covariance, double logLikelihood,
             double penalizedLogLikelihood, double deviance, int iterations, boolean converged,
             double maxAdjustedScore, String responseName) {
        this.family = family;
        this.table = table;
        this.covariance = covariance;
        this.logLikelihood = logLikelihood;
        this.penalizedLogLikelihood = penalizedLogLikelihood;
        this.deviance = deviance;
        this.iterations = iterations;
        this.converged = converged;
        this.maxAdjustedScore = maxAdjustedScore;
        this.responseName = responseName;
    }

    public Family family() {
        return family;
    }

    public List<String> coefficientNames() {
        return table.names();
    }

    /** The MAP estimate under Jeffreys' prior. */
    public double[] coefficients() {
        return table.estimates();
    }

    public double[] standardErrors() {
        return table.standardErrors();
    }

    /** Estimates, standard errors, z, p-values, Wald intervals (normal law). */
    public CoefficientTable coefficientTable() {
        return table;
    }

    /** {@code (X'WX)^-1} at the estimate. */
    public Matrix covariance() {
        return covariance;
    }

    /** The ordinary log-likelihood at the estimate. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** {@code l + (1/2) log det(X'WX)}: the log posterior up to a constant, which the estimate maximizes. */
    public double penalizedLogLikelihood() {
        return penalizedLogLikelihood;
    }

    /** The ordinary deviance at the estimate. */
    public double deviance() {
        return deviance;
    }

    public int iterations() {
        return iterations;
    }

    public boolean converged() {
        return converged;
    }

    /** Largest absolute component of the adjusted score at the estimate. */
    public double maxAdjustedScore() {
        return maxAdjustedScore;
    }

    /** A summary in the layout of R's {@code summary(glm)}, saying what the estimate is. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Firth's bias-reduced ").append(family.name()).append(" regression (").append(family.link())
                .append(" link) for ").append(responseName).append(":\n");
        sb.append("MAP estimate under Jeffreys' prior |I(beta)|^(1/2) (brglm2 AS_mean)\n\n");
        sb.append("Coefficients:\n").append(table.format());
        sb.append("\nStandard errors from (X'WX)^-1 at the estimate\n");
        sb.append("Log-likelihood: ").append(RFormat.format(logLikelihood, 7).trim())
                .append("   penalized log-likelihood: ").append(RFormat.format(penalizedLogLikelihood, 7).trim())
                .append('\n');
        sb.append("Deviance: ").append(RFormat.format(deviance, 7).trim()).append('\n');
        sb.append(converged ? "Converged" : "NOT converged").append(" after ").append(iterations)
                .append(" quasi-Fisher scoring iterations\n");
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
