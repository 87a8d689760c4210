package dev.argmax.models.distribution;

import java.util.ArrayList;
import java.util.List;

/**
 * A closed-form maximum-likelihood fit of an iid sample and its asymptotic (Wald) inference.
 *
 * <p>Standard errors are {@code sqrt} of the diagonal of {@link #covariance()}, the inverse of
 * the sample Fisher information {@code n I(theta_hat)} evaluated at the MLE (for a scalar
 * parameter {@code se = 1/sqrt(n I(theta_hat))}). Wald intervals are
 * {@code theta_hat +- z se} with {@code z = Phi^-1(1 - (1 - level)/2)}; they are not clipped to
 * the parameter space. When the MLE lies on the boundary (e.g. p = 1 after all successes) the
 * information is infinite and the standard error 0: the interval is degenerate and the
 * {@link #warnings()} say that the asymptotics do not apply there.
 *
 * @param family the distribution family
 * @param parameterNames names of the estimated parameters, in the order of {@code estimate}
 * @param informationParameterNames names of the free parameters the information matrices refer to
 * @param n the number of observations (for the multinomial, the number of draws N)
 * @param estimate the MLE
 * @param logLikelihood the full log-likelihood at the MLE
 * @param score the score (gradient of the log-likelihood) at the MLE: zero at an interior MLE
 * @param fisherInformationPerObservation expected information of one observation at the MLE
 * @param fisherInformation expected information of the sample, {@code n} times the above
 * @param covariance asymptotic covariance of the MLE (parameter order), {@code (n I)^-1}
 * @param warnings boundary / existence problems, empty when none
 */
public record MaximumLikelihoodFit(String family, List<String> parameterNames, List<String> informationParameterNames,
        int n, double[] estimate, double logLikelihood, double[] score, double[][] fisherInformationPerObservation,
        double[][] fisherInformation, double[][] covariance, List<String> warnings) {

    public MaximumLikelihoodFit {
        parameterNames = List.copyOf(parameterNames);
        informationParameterNames = List.copyOf(informationParameterNames);
        estimate = estimate.clone();
        score = score.clone();
        fisherInformationPerObservation = deepCopy(fisherInformationPerObservation);
        fisherInformation = deepCopy(fisherInformation);
        covariance = deepCopy(covariance);
        warnings = List.copyOf(warnings);
        if (estimate.length != parameterNames.size() || covariance.length != estimate.length) {
            throw new IllegalArgumentException("estimate, covariance and parameter names differ in length");
        }
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[] score() {
        return score.clone();
    }

    @Override
    public double[][] fisherInformationPerObservation() {
        return deepCopy(fisherInformationPerObservation);
    }

    @Override
    public double[][] fisherInformation() {
        return deepCopy(fisherInformation);
    }

    @Override
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    /** The MLE of the named parameter. */
    public double estimate(String parameter) {
        return estimate[index(parameter)];
    }

    /** Asymptotic standard errors {@code sqrt(diag(covariance))}, parameter order. */
    public double[] standardErrors() {
        double[] se = new double[estimate.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(covariance[i][i]);
        }
        return se;
    }

    /** The asymptotic standard error of the named parameter. */
    public double standardError(String parameter) {
        int i = index(parameter);
        return Math.sqrt(covariance[i][i]);
    }

    /** Whether there is no warning: the MLE is finite, interior, and the Wald asymptotics apply. */
    public boolean regular() {
        return warnings.isEmpty();
    }

    /** Wald intervals {@code theta_hat +- z se} at {@code level} for every parameter, parameter order. */
    public Interval[] waldIntervals(double level) {
        double z = Levels.twoSidedNormalQuantile(level);
        Interval[] out = new Interval[estimate.length];
        double[] se = standardErrors();
        for (int i = 0; i < out.length; i++) {
            out[i] = wald(estimate[i], se[i], z);
        }
        return out;
    }

    /** The Wald interval of the named parameter at {@code level}. */
    public Interval waldInterval(String parameter, double level) {
        return waldIntervals(level)[index(parameter)];
    }

    static Interval wald(double estimate, double se, double z) {
        if (Double.isNaN(estimate) || Double.isNaN(se)) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        if (se == 0 || Double.isInfinite(estimate)) {
            return new Interval(estimate, estimate);
        }
        return new Interval(estimate - z * se, estimate + z * se);
    }

    /**
     * The invariance property: the MLE of {@code g(theta)} for the named parameter is
     * {@code g(theta_hat)}, with delta-method standard error {@code |g'(theta_hat)| se(theta_hat)}
     * and per-observation information {@code 1 / (n g'(theta_hat)^2 var(theta_hat))} (equal to
     * {@code I(theta)/g'(theta)^2} when the information matrix is diagonal in that parameter).
     * A boundary estimate with variance 0 keeps standard error 0 when {@code g(theta_hat)} is
     * finite (e.g. {@code sigma_hat = 0} from one observation); an infinite {@code g(theta_hat)}
     * (log-odds at p = 1) has no standard error (NaN). Either way the fit's warnings are carried.
     */
    public DerivedEstimate derive(String parameter, Transformation g) {
        int i = index(parameter);
        double theta = estimate[i];
        double var = covariance[i][i];
        double value = g.function().applyAsDouble(theta);
        double slope = g.derivative().applyAsDouble(theta);
        double se = Math.abs(slope) * Math.sqrt(var);
        double info = 1 / (n * slope * slope * var);
        if (var == 0 && Double.isFinite(value)) {
            // a degenerate (boundary) estimate stays degenerate: e.g. sigma_hat = sqrt(0) with se 0
            se = 0;
            info = Double.POSITIVE_INFINITY;
        }
        List<String> notes = new ArrayList<>();
        if (!Double.isFinite(value)) {
            notes.add(g.name() + " of " + parameter + " at its MLE " + theta + " is " + value
                    + ": no finite MLE of " + g.name() + "(" + parameter + "), and no standard error");
            se = Double.NaN;
            info = Double.NaN;
        } else if (Double.isNaN(se)) {
            notes.add("the delta method is undefined at " + parameter + " = " + theta);
        } else if (slope == 0) {
            notes.add("g'(" + parameter + ") = 0 at the MLE: the first-order delta-method standard error 0 is "
                    + "not a measure of uncertainty");
        }
        for (String w : warnings) {
            notes.add("inherited: " + w);
        }
        return new DerivedEstimate(g.name() + "(" + parameter + ")", value, se, info, notes);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(family + " MLE (n = " + n + ")");
        double[] se = standardErrors();
        for (int i = 0; i < estimate.length; i++) {
            s.append(", ").append(parameterNames.get(i)).append(" = ").append(estimate[i]).append(" (se ")
                    .append(se[i]).append(')');
        }
        s.append(", loglik = ").append(logLikelihood);
        if (!warnings.isEmpty()) {
            s.append(", warnings = ").append(warnings);
        }
        return s.toString();
    }

    private int index(String parameter) {
        int i = parameterNames.indexOf(parameter);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + parameter + "' in the " + family
                    + " fit; the parameters are " + parameterNames);
        }
        return i;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
