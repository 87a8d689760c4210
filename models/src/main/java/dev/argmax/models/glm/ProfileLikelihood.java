package dev.argmax.models.glm;

import dev.argmax.core.data.Checks;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Profile-likelihood confidence intervals of GLM coefficients, as R's {@code confint} on a glm
 * (MASS's {@code profile.glm} / {@code confint.profile.glm}), but with the interval ends solved
 * exactly instead of interpolated on a grid.
 *
 * <p>For coefficient j, {@code D_j(t)} is the deviance of the model refitted with {@code b_j}
 * fixed at t (its column moved into the offset as {@code t x_j}; for the intercept, the
 * intercept removed and t added to the offset), and the signed root is
 * {@code z_j(t) = sign(t - b_j) sqrt((D_j(t) - D) / phi)} with D and phi the deviance and the
 * dispersion of the full fit. The interval ends are the roots of {@code z_j(t) = -+ q},
 * {@code q = qnorm((1 + level) / 2)}.
 *
 * <p>Estimated dispersion (Gaussian family): MASS's convention, kept here: phi is the full fit's
 * Pearson dispersion (chi-square / df_residual) and the cutoff is still the normal quantile. For
 * a Gaussian identity model {@code D_j(t) - D = (t - b_j)^2 / [(X'WX)^-1]_jj} exactly, so the
 * interval is {@code b_j -+ qnorm * se_j} with the usual (unbiased) standard error: MASS's profile
 * interval for a linear model is the Wald interval with the normal quantile, not the t interval.
 *
 * <p>Accuracy ("profiling tolerance"): the full fit is rerun by IRLS with R's rule at epsilon
 * {@link #EPSILON} (at most 100 iterations); each constrained refit by Fisher scoring on the
 * remaining columns ({@link DenseScoring}, from the full estimate, every step below
 * {@link #SCORING_TOLERANCE} relative, then one more step); each root is
 * bracketed by stepping out from the Wald end and solved by Brent's method to an absolute
 * accuracy of {@link #RELATIVE_ACCURACY} standard errors in t. When the profile never reaches the
 * cutoff (the deviance levels off, as under separation) that end is infinite.
 */
public final class ProfileLikelihood {

    /** The IRLS epsilon of every profiling fit. */
    public static final double EPSILON = 1e-14;
    /** Root accuracy in t, in standard errors of the coefficient. */
    public static final double RELATIVE_ACCURACY = 1e-10;
    /** Step rule of the constrained refits: every step below this times {@code 1 + |beta|}, then one more. */
    public static final double SCORING_TOLERANCE = 1e-13;
    private static final int MAX_EXPANSIONS = 60;

    private final FittedGlm fit;
    private final Glm model;
    private final double deviance;
    private final double dispersion;
    private final double[] estimates;
    private final double[] standardErrors;
    private final double[] response;
    private final double[] weights;

    private ProfileLikelihood(FittedGlm original) {
        this.model = original.model().toBuilder().epsilon(EPSILON).maxIterations(100).separationCheck(false).build();
        this.fit = original.epsilon() <= EPSILON && original.converged() ? original : model.fit(original.data());
        this.deviance = fit.deviance();
        this.dispersion = fit.dispersion();
        this.estimates = fit.coefficients();
        double[] se = new double[estimates.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(fit.unscaledCovariance().get(j, j) * dispersion);
        }
        this.standardErrors = se;
        this.response = fit.response();
        this.weights = fit.likelihoodWeights();
    }

    /** The profiler of a fitted model (refits it at {@link #EPSILON} first unless it was fitted so). */
    public static ProfileLikelihood of(FittedGlm fit) {
        return new ProfileLikelihood(fit);
    }

    /**
     * Profile intervals for every coefficient, rows {@code [lower, upper]} (NaN for aliased
     * coefficients, an infinite end where the profile never reaches the cutoff).
     */
    public static double[][] confidenceIntervals(FittedGlm fit, double level) {
        return of(fit).intervals(level);
    }

    /** Profile intervals for every coefficient at {@code level}. */
    public double[][] intervals(double level) {
        Checks.requireOpenUnitInterval(level, "confidence level");
        double q = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.5 + level / 2);
        int k = estimates.length;
        double[][] ci = new double[k][2];
        for (int j = 0; j < k; j++) {
            if (Double.isNaN(estimates[j])) {
                ci[j][0] = Double.NaN;
                ci[j][1] = Double.NaN;
                continue;
            }
            ci[j][0] = end(j, -1, q);
            ci[j][1] = end(j, +1, q);
        }
        return ci;
    }

    /** The profile interval {@code [lower, upper]} of coefficient j at {@code level}. */
    public double[] interval(int j, double level) {
        Checks.requireOpenUnitInterval(level, "confidence level");
        double q = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.5 + level / 2);
        if (Double.isNaN(estimates[j])) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {end(j, -1, q), end(j, +1, q)};
    }

    /** The signed root {@code z_j(t)}. */
    public double signedRoot(int j, double t) {
        double d = constrainedDeviance(j, t);
        return Math.signum(t - estimates[j]) * Math.sqrt(Math.max(d - deviance, 0) / dispersion);
    }

    private double end(int j, int side, double q) {
        double b = estimates[j];
        double se = standardErrors[j];
        UnivariateFunction f = t -> side * signedRoot(j, t) - q;
        double inner = b;
        double step = q * se;
        double outer = b + side * step;
        double value = f.value(outer);
        int expansions = 0;
        while (value < 0) {
            if (++expansions > MAX_EXPANSIONS) {
                return side * Double.POSITIVE_INFINITY;
            }
            inner = outer;
            step *= 2;
            outer = b + side * step;
            value = f.value(outer);
        }
        double lo = Math.min(inner, outer);
        double hi = Math.max(inner, outer);
        BrentSolver solver = new BrentSolver(1e-15, RELATIVE_ACCURACY * se, 0);
        return solver.solve(1000, f, lo, hi);
    }

    /**
     * {@code D_j(t)}: the deviance with coefficient j fixed at t, by {@link DenseScoring} on the
     * other estimated columns with {@code t x_j} in the offset, started from the full estimate.
     */
    private double constrainedDeviance(int j, double t) {
        int k = estimates.length;
        int[] others = java.util.stream.IntStream.range(0, k)
                .filter(c -> c != j && !Double.isNaN(estimates[c])).toArray();
        double[][] cols = fit.estimatedColumns(others);
        double[] xj = fit.estimatedColumns(new int[] {j})[0];
        double[] offset = fit.data().offset().clone();
        for (int i = 0; i < offset.length; i++) {
            offset[i] += t * xj[i];
        }
        double[] start = new double[others.length];
        for (int a = 0; a < others.length; a++) {
            start[a] = estimates[others[a]];
        }
        DenseScoring scoring = new DenseScoring(fit.family(), cols, response, weights, offset, false);
        if (others.length == 0) {
            return scoring.evaluate(start).deviance;
        }
        return scoring.run(start, SCORING_TOLERANCE, 200).state().deviance;
    }
}
