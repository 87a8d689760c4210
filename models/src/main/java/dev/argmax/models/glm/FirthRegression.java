package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.Link;
import dev.argmax.models.inference.CoefficientTable;
import dev.argmax.models.inference.ReferenceDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Firth's bias-reduced estimate of a logistic or Poisson regression: the posterior mode (MAP)
 * under Jeffreys' prior {@code |I(beta)|^(1/2)}, i.e. the maximizer of the penalized
 * log-likelihood {@code l*(beta) = l(beta) + (1/2) log det(X'WX)}. For these canonical links it
 * equals R's {@code brglm2::brglmFit(type = "AS_mean")} (mean bias reduction) and is finite under
 * complete or quasi-complete separation, where the MLE does not exist.
 *
 * <p>Estimating equation (the gradient of {@code l*}): {@code X'(w (y - mu) + h xi) = 0} with
 * {@code W = w mu'^2 / V(mu)}, the hat values {@code h_i = W_i x_i'(X'WX)^-1 x_i} and
 * {@code xi_i = (1/2) mu''(eta_i) / mu'(eta_i)}: {@code 1/2 - mu} for the logit link,
 * {@code 1/2} for the log link. Solved by brglm2's quasi-Fisher scoring
 * {@code beta <- beta + (X'WX)^-1 U*(beta)} ({@link DenseScoring}), from zero, halving a step
 * that lowers {@code l*}, until the step is below 1e-12 relative in every coefficient (then one
 * more step is taken) or 500 iterations. Standard errors: {@code sqrt(diag((X'WX)^-1))} at the estimate (brglm2's
 * summary; the penalty is not differentiated), z statistics and normal p-values.
 */
public final class FirthRegression {

    /** Iteration cap of the quasi-Fisher scoring. */
    public static final int MAX_ITERATIONS = 500;
    /** Convergence: every step below this times {@code 1 + |beta_j|}. */
    public static final double TOLERANCE = 1e-12;

    private final Family family;
    private final boolean intercept;

    private FirthRegression(Family family, boolean intercept) {
        this.family = family;
        this.intercept = intercept;
    }

    /**
     * Firth's regression for a family with its canonical link (binomial with logit, Poisson with
     * log).
     *
     * @throws InvalidDataException for other families or links, naming what is supported
     */
    public static FirthRegression of(Family family, boolean intercept) {
        Objects.requireNonNull(family, "family");
        boolean ok = family.name().equals("binomial") && family.link() == Link.LOGIT
                || family.name().equals("poisson") && family.link() == Link.LOG;
        if (!ok) {
            throw new InvalidDataException("Firth's bias-reduced estimate is available for binomial (logit) and "
                    + "Poisson (log) regression, not " + family.name() + " (" + family.link() + ")");
        }
        return new FirthRegression(family, intercept);
    }

    /** Fits the penalized likelihood to the data (response, predictors, prior weights, offset). */
    public FirthFit fit(Dataset data) {
        data.requireNoFrequencyWeights("Firth's regression");
        int n = data.rows();
        int p = data.columns();
        int k = p + (intercept ? 1 : 0);
        if (k == 0) {
            throw new InvalidDataException("nothing to estimate: no predictors and no intercept");
        }
        double[] given = data.hasWeights() ? data.weights() : null;
        double[] y = family.validate(data.response(), given);
        double[] w = data.weights();
        double[] offset = data.offset();
        double[][] cols = new double[k][];
        List<String> names = new ArrayList<>();
        if (intercept) {
            cols[0] = new double[n];
            Arrays.fill(cols[0], 1.0);
            names.add("(Intercept)");
        }
        for (int j = 0; j < p; j++) {
            cols[j + (intercept ? 1 : 0)] = data.column(j);
        }
        names.addAll(data.predictorNames());
        DenseScoring.Result run = new DenseScoring(family, cols, y, w, offset, true)
                .run(new double[k], TOLERANCE, MAX_ITERATIONS);
        DenseScoring.State s = run.state();
        int iterations = run.iterations();
        boolean converged = run.converged();
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(s.inverse.get(j, j));
        }
        CoefficientTable table = new CoefficientTable(names, s.beta, se, ReferenceDistribution.normal());
        double dev = family.deviance(y, s.mu, w);
        double loglik = family.logLikelihood(y, s.mu, w, dev);
        double penalized = s.objective;
        double maxScore = 0;
        for (double v : s.score) {
            maxScore = Math.max(maxScore, Math.abs(v));
        }
        return new FirthFit(family, table, s.inverse, loglik, penalized, dev, iterations, converged,
                maxScore, data.responseName());
    }
}
