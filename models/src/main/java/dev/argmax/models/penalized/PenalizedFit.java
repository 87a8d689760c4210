package dev.argmax.models.penalized;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Datafit;
import dev.argmax.models.family.Family;
import dev.argmax.models.frame.ModelFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Erf;

/**
 * The result of a penalised fit: one {@link PenalizedSolution} per lambda (original scale), the
 * path's lambda_max and null deviance, and, for smooth penalties (ridge), standard errors from the
 * Laplace approximation of the posterior.
 *
 * <p><b>Laplace approximation.</b> The negative log-posterior is {@code (n / sigma^2) F} with F the
 * penalised objective (weights rescaled to sum to n), so the posterior is approximated by a
 * normal law centred at the MAP estimate with covariance
 *
 * <pre>
 *   Cov = (sigma^2 / n) [ A' diag(h) A + lambda diag(0, v_j s_j^2) ]^{-1}
 * </pre>
 *
 * the inverse of the penalised Hessian ({@code h_i} the datafit curvature per observation,
 * {@code s_j = 1} without standardisation). sigma^2 is 1 for binomial and Poisson; for the
 * Gaussian family it is the value given to the builder, or else estimated as
 * {@code RSS / (n - df)} with {@code df = trace(Hessian^{-1} A'diag(h)A)} the effective number
 * of parameters. A fit with an L1 part (alpha > 0) or box limits has no such approximation: the
 * log-posterior is not differentiable at 0, and asking for standard errors throws.
 */
public final class PenalizedFit {

    private final Family family;
    private final double alpha;
    private final String concave;
    private final Dataset data;
    private final boolean intercept;
    private final double[] factors;
    private final Standardization standardization;
    private final Prior prior;
    private final double sigma2;
    private final double lambdaMax;
    private final double nullDeviance;
    private final List<PenalizedSolution> solutions;
    private final boolean finiteLimits;
    /** Set once by {@link PenalizedRegression.Builder#fit(dev.argmax.core.data.CsvTable)} before the fit is returned. */
    private ModelFrame frame;
    private int dropped;

    PenalizedFit(Family family, double alpha, String concave, Dataset data, boolean intercept, double[] factors,
                 Standardization standardization, Prior prior, double sigma2, double lambdaMax, double nullDeviance,
                 List<PenalizedSolution> solutions, boolean finiteLimits) {
        this.family = family;
        this.alpha = alpha;
        this.concave = concave;
        this.data = data;
        this.intercept = intercept;
        this.factors = factors;
        this.standardization = standardization;
        this.prior = prior;
        this.sigma2 = sigma2;
        this.lambdaMax = lambdaMax;
        this.nullDeviance = nullDeviance;
        this.solutions = List.copyOf(solutions);
        this.finiteLimits = finiteLimits;
    }

    void attach(ModelFrame frame, int dropped) {
        this.frame = frame;
        this.dropped = dropped;
    }

    /** The model frame of a fit from a formula (terms, factor levels, contrasts), to save or apply to new data. */
    public Optional<ModelFrame> frame() {
        return Optional.ofNullable(frame);
    }

    /**
     * Writes solution k as a versioned JSON model file for
     * {@link dev.argmax.models.saved.SavedModel#load}; {@code choice} says how its lambda was
     * chosen ("value", "lambda_min" or "lambda_1se"). Only a fit from a formula can be saved.
     */
    public void save(java.nio.file.Path file, int k, String choice) {
        dev.argmax.models.saved.SavedModel.of(this, k, choice).save(file);
    }

    /** Rows left out for a missing value (R's na.omit count; 0 without a formula). */
    public int dropped() {
        return dropped;
    }

    /** The data the fit was computed on (after the frame, when there is one). */
    public Dataset data() {
        return data;
    }

    /** Penalty factors v_j as used (rescaled to sum to p), or null when all are 1. */
    public double[] penaltyFactors() {
        return factors == null ? null : factors.clone();
    }

    /** The family and link fitted. */
    public Family family() {
        return family;
    }

    public double alpha() {
        return alpha;
    }

    /** The concave penalty fitted instead of the elastic net, e.g. "MCP (gamma = 3.0)", if any. */
    public java.util.Optional<String> concavePenalty() {
        return java.util.Optional.ofNullable(concave);
    }

    public boolean hasIntercept() {
        return intercept;
    }

    /** lambda_max of the penalty shape (alpha 0.001 when alpha = 0, glmnet's convention). */
    public double lambdaMax() {
        return lambdaMax;
    }

    public double nullDeviance() {
        return nullDeviance;
    }

    public List<PenalizedSolution> solutions() {
        return solutions;
    }

    public PenalizedSolution solution(int k) {
        return solutions.get(k);
    }

    public double[] lambdas() {
        return solutions.stream().mapToDouble(PenalizedSolution::lambda).toArray();
    }

    /** The prior the penalty came from, if any. */
    public Optional<Prior> prior() {
        return Optional.ofNullable(prior);
    }

    /** The lambda used by a fit from a prior ({@code sigma^2/(n tau^2)} or {@code sigma^2/(n b)}). */
    public double lambdaFromPrior() {
        if (prior == null) {
            throw new IllegalStateException("this fit was not specified by a prior");
        }
        return solutions.get(0).lambda();
    }

    /** The standardisation used, if any. */
    public Optional<Standardization> standardization() {
        return Optional.ofNullable(standardization);
    }

    /** Coefficient names, "(Intercept)" first when fitted. */
    public List<String> coefficientNames() {
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add("(Intercept)");
        }
        names.addAll(data.predictorNames());
        return names;
    }

    /** Whether standard errors exist: a smooth penalty (alpha = 0 or lambda = 0) and no finite limits. */
    public boolean hasStandardErrors(int k) {
        return (alpha == 0 || solutions.get(k).lambda() == 0) && !finiteLimits;
    }

    private String whyNoStandardErrors() {
        if (finiteLimits) {
            return "the fit has box limits on coefficients: the posterior is truncated, so the Laplace approximation"
                    + " (inverse penalised Hessian) does not apply";
        }
        if (concave != null) {
            return concave + " is not differentiable at 0 (and not convex), so there is no penalised Hessian and no"
                    + " Wald / Laplace-approximation standard errors; use the bootstrap";
        }
        return "alpha = " + alpha + " > 0: the L1 (Laplace prior) part of the penalty is not differentiable at 0,"
                + " so there is no penalised Hessian and no Wald / Laplace-approximation standard errors; use the"
                + " bootstrap, or a ridge fit (alpha = 0)";
    }

    /**
     * The Laplace-approximation covariance at lambda k, intercept first, original scale: the inverse
     * of {@code W} times the Hessian of {@code F + P} ({@code W} the sum of the prior weights, n when
     * unweighted, so that weights count as in R's {@code glm} and lambda -> 0 gives glm's standard
     * errors), times sigma^2 for the Gaussian family.
     *
     * @throws UnsupportedOperationException for alpha > 0 or box limits, saying why
     */
    public Matrix covariance(int k) {
        if (!hasStandardErrors(k)) {
            throw new UnsupportedOperationException("no standard errors: " + whyNoStandardErrors());
        }
        PenalizedSolution s = solutions.get(k);
        double[] beta = s.allCoefficients();
        Design design = new Design(data.x(), intercept);
        int n = data.rows();
        double[] eta = new double[n];
        design.multiply(beta, eta);
        double[] off = data.offset();
        for (int i = 0; i < n; i++) {
            eta[i] += off[i];
        }
        double[] givenWeights = data.hasWeights() ? data.weights() : null;
        Datafit df = family.datafit(family.validate(data.response(), givenWeights), givenWeights);
        double[] h = new double[n];
        df.hessianDiagonal(eta, h);
        Matrix info = design.weightedGram(h);
        int m = info.rows();
        int o = intercept ? 1 : 0;
        double[][] hess = info.toArray();
        double[][] dataPart = info.toArray();
        for (int j = 0; j < m - o; j++) {
            double v = factors == null ? 1.0 : factors[j];
            double sj = standardization == null ? 1.0 : standardization.scales()[j];
            hess[j + o][j + o] += s.lambda() * (1 - alpha) * v * sj * sj;
        }
        RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(hess, false), 1e-14, 1e-300)
                .getSolver().getInverse();
        double disp = sigma2;
        if (family.estimatesDispersion() && Double.isNaN(disp)) {
            double trace = inv.multiply(new Array2DRowRealMatrix(dataPart, false)).getTrace();
            disp = s.deviance() / (n - trace);
        }
        // prior weights count as in R's glm (frequency weights): the information is X'WX with the weights as
        // given, so the penalised Hessian of F + P is scaled by their sum W (n when unweighted)
        double w = df.weightSum();
        double scale = family.estimatesDispersion() ? disp / w : 1.0 / w;
        return Matrix.of(inv.scalarMultiply(scale).getData());
    }

    /** Square roots of the diagonal of {@link #covariance(int)}. */
    public double[] standardErrors(int k) {
        double[] d = covariance(k).diagonal();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sqrt(d[i]);
        }
        return d;
    }

    /**
     * The linear predictor (or the mean, on the response scale) for new data at the k-th fitted
     * lambda ({@link #predict(Dataset, double, boolean)} addresses the path by lambda instead).
     *
     * @param newData rows with the fit's predictors (and offset, if any)
     * @param k index of the solution in {@link #solutions()}
     * @param responseScale the mean instead of the linear predictor
     * @return one value per row of newData
     */
    public double[] predictSolution(Dataset newData, int k, boolean responseScale) {
        return predict(newData, solutions.get(k).allCoefficients(), responseScale);
    }

    private double[] predict(Dataset newData, double[] coefficients, boolean responseScale) {
        if (newData.columns() != data.columns()) {
            throw new IllegalArgumentException("new data have " + newData.columns() + " predictors, the fit has "
                    + data.columns());
        }
        Design design = new Design(newData.x(), intercept);
        double[] eta = new double[newData.rows()];
        design.multiply(coefficients, eta);
        double[] off = newData.offset();
        for (int i = 0; i < eta.length; i++) {
            eta[i] += off[i];
            if (responseScale) {
                eta[i] = family.link().inverse(eta[i]);
            }
        }
        return eta;
    }

    /**
     * The coefficients (intercept first, as {@link PenalizedSolution#allCoefficients()}) at a
     * lambda {@code s} of the path's range, as glmnet's {@code coef(fit, s = s)}: at a fitted lambda
     * the solution itself; between two fitted lambdas {@code l_left > s > l_right} the linear
     * interpolation {@code f b(l_left) + (1 - f) b(l_right)} with {@code f = (s - l_right) /
     * (l_left - l_right)} (glmnet's {@code lambda.interp}, linear in lambda: an approximation of the
     * solution at s, exact at the fitted lambdas and, for the lasso, wherever the active set does not
     * change, since the solution is then linear in lambda for the Gaussian family); at or above
     * lambda_max of a path that starts there, the solution with every penalized slope at zero.
     *
     * <p>Unlike glmnet, a lambda below the smallest fitted one is refused (glmnet silently returns the
     * smallest lambda's solution): refit with that lambda instead.
     *
     * @param s a lambda, {@code > 0}
     * @return intercept (when fitted) then slopes, on the original scale
     * @throws IllegalArgumentException when s is not finite and positive, or lies outside the path
     */
    public double[] coefficients(double s) {
        LambdaBracket bracket = LambdaBracket.of(lambdas(), lambdaMax,
                solutions.stream().mapToInt(PenalizedSolution::nonzero).toArray(), s);
        return bracket.interpolate(solutions.get(bracket.left()).allCoefficients(),
                solutions.get(bracket.right()).allCoefficients());
    }

    /**
     * The linear predictor (or the mean, on the response scale) for new data at a lambda {@code s},
     * from {@link #coefficients(double)}: glmnet's {@code predict(fit, newx, s = s)}.
     *
     * @param newData rows with the fit's predictors (and offset, if any)
     * @param s a lambda within the path's range
     * @param responseScale the mean instead of the linear predictor
     * @return one value per row of newData
     */
    public double[] predict(Dataset newData, double s, boolean responseScale) {
        return predict(newData, coefficients(s), responseScale);
    }

    /** The coefficient table at lambda k (with Laplace standard errors for ridge), as text. */
    public String summary(int k) {
        PenalizedSolution s = solutions.get(k);
        StringBuilder sb = new StringBuilder();
        String kind = concave != null ? concave : alpha == 1 ? "lasso (Laplace prior)" : alpha == 0 ? "ridge (Gaussian prior)"
                : "elastic net (alpha = " + alpha + ")";
        sb.append(String.format(Locale.ROOT, "Penalized %s regression, %s, lambda = %.6g%s%n", family, kind,
                s.lambda(), prior == null ? "" : " (from prior " + prior + ")"));
        sb.append(String.format(Locale.ROOT, "n = %d, nonzero slopes = %d, deviance = %.6g, deviance explained = %.4f"
                + "%s%n%n", data.rows(), s.nonzero(), s.deviance(), s.devianceRatio(),
                standardization == null ? "" : ", standardized (coefficients on the original scale)"));
        if (dropped > 0) {
            sb.append(String.format(Locale.ROOT, "(%d observation%s deleted due to missingness)%n%n", dropped,
                    dropped == 1 ? "" : "s"));
        }
        List<String> names = coefficientNames();
        double[] beta = s.allCoefficients();
        boolean se = hasStandardErrors(k);
        double[] ses = se ? standardErrors(k) : null;
        sb.append(String.format(Locale.ROOT, "%-16s %14s%s%n", "", "Estimate", se ? String.format(Locale.ROOT,
                " %14s %9s %10s", "Std. Error", "z value", "Pr(>|z|)") : ""));
        for (int i = 0; i < beta.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-16s %14.6g", names.get(i), beta[i]));
            if (se) {
                double z = beta[i] / ses[i];
                double pv = Erf.erfc(Math.abs(z) / Math.sqrt(2));
                sb.append(String.format(Locale.ROOT, " %14.6g %9.3f %10.3g", ses[i], z, pv));
            }
            sb.append(System.lineSeparator());
        }
        sb.append(System.lineSeparator());
        if (se) {
            sb.append("Standard errors: Laplace approximation of the posterior, covariance = inverse of the penalised"
                    + " Hessian (X'WX + n*lambda*V) at the MAP estimate");
            sb.append(family.estimatesDispersion() ? (Double.isNaN(sigma2) ? ", sigma^2 = RSS / (n - effective df)."
                    : ", sigma^2 = " + sigma2 + " (given).") : ".");
        } else {
            sb.append("No standard errors: ").append(whyNoStandardErrors()).append('.');
        }
        sb.append(System.lineSeparator());
        sb.append(s.converged() ? "Converged: " : "NOT CONVERGED: ").append(s.message()).append(System.lineSeparator());
        return sb.toString();
    }
}
