package dev.argmax.models.conjugate;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Multinomial;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dirichlet(alpha_1..alpha_K) over the probabilities of K categories, the conjugate prior of
 * the Multinomial. Updating with counts c gives Dirichlet(alpha + c). With {@code A = sum alpha}:
 * mean {@code alpha_k/A}, variance {@code alpha_k (A - alpha_k)/(A^2 (A+1))}, mode
 * {@code (alpha_k - 1)/(A - K)} (see {@link Mode} for boundary / non-existent cases); the
 * marginal of p_k is Beta(alpha_k, A - alpha_k), which gives the equal-tailed credible intervals.
 * Pseudo-count reading: alpha_k prior observations of category k. Add-k smoothing
 * {@code (c_k + k)/(N + K k)} is the posterior mean under the symmetric Dirichlet(k, ..., k)
 * ({@link #addKSmoothing}); k = 1 is Laplace smoothing.
 *
 * @param alpha the concentration parameters, each {@code > 0}, at least 2
 */
public record Dirichlet(double[] alpha) implements ConjugateDistribution {

    public Dirichlet {
        alpha = alpha.clone();
        if (alpha.length < 2) {
            throw new InvalidDataException("a Dirichlet needs at least 2 parameters, got " + alpha.length);
        }
        for (int k = 0; k < alpha.length; k++) {
            Checks.requirePositive(alpha[k], "Dirichlet alpha_" + (k + 1));
        }
    }

    @Override
    public double[] alpha() {
        return alpha.clone();
    }

    /** The symmetric Dirichlet(a, ..., a) over K categories. */
    public static Dirichlet symmetric(int categories, double a) {
        double[] v = new double[categories];
        Arrays.fill(v, a);
        return new Dirichlet(v);
    }

    /** The uniform Dirichlet(1, ..., 1). */
    public static Dirichlet uniform(int categories) {
        return symmetric(categories, 1);
    }

    /**
     * Add-k smoothing {@code (c_j + k)/(N + K k)}: the posterior mean under the symmetric
     * Dirichlet(k, ..., k) prior.
     */
    public static double[] addKSmoothing(double[] counts, double k) {
        return symmetric(counts.length, k).update(counts).means();
    }

    /** The number of categories K. */
    public int categories() {
        return alpha.length;
    }

    /** The posterior after category counts (one per category). */
    public Dirichlet update(double[] counts) {
        Multinomial.withCategories(alpha.length).validate(counts);
        double[] a = alpha.clone();
        for (int k = 0; k < a.length; k++) {
            a[k] += counts[k];
        }
        return new Dirichlet(a);
    }

    /** The posterior after one draw of the category with index {@code category} (0-based). */
    public Dirichlet observe(int category) {
        if (category < 0 || category >= alpha.length) {
            throw new InvalidDataException("category index " + category + " outside 0.." + (alpha.length - 1));
        }
        double[] a = alpha.clone();
        a[category] += 1;
        return new Dirichlet(a);
    }

    /** {@code A = sum alpha}: the number of observations the prior is worth. */
    public double effectiveSampleSize() {
        double s = 0;
        for (double v : alpha) {
            s += v;
        }
        return s;
    }

    @Override
    public String family() {
        return "dirichlet";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < alpha.length; k++) {
            m.put("alpha_" + (k + 1), alpha[k]);
        }
        return m;
    }

    @Override
    public double[] means() {
        double total = effectiveSampleSize();
        double[] m = new double[alpha.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = alpha[k] / total;
        }
        return m;
    }

    @Override
    public double[] variances() {
        double total = effectiveSampleSize();
        double[] v = new double[alpha.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = alpha[k] * (total - alpha[k]) / (total * total * (total + 1));
        }
        return v;
    }

    @Override
    public Mode mode() {
        String[] names = new String[alpha.length];
        for (int k = 0; k < names.length; k++) {
            names[k] = "alpha_" + (k + 1);
        }
        return Mode.ofDirichlet(alpha, names);
    }

    /** The marginal distribution Beta(alpha_k, A - alpha_k) of the probability of category k (0-based). */
    public Beta marginal(int k) {
        return new Beta(alpha[k], effectiveSampleSize() - alpha[k]);
    }

    @Override
    public Interval[] credibleIntervals(double level) {
        Interval[] out = new Interval[alpha.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = marginal(k).credibleInterval(level);
        }
        return out;
    }

    /**
     * The log marginal likelihood of one particular sequence of draws with these counts:
     * {@code log Gamma(A) - log Gamma(A + N) + sum_k [log Gamma(alpha_k + c_k) - log Gamma(alpha_k)]}
     * (add {@link Multinomial#logMultinomialCoefficient} for the probability of the counts).
     */
    public double logMarginalLikelihood(double[] counts) {
        Multinomial.withCategories(alpha.length).validate(counts);
        double total = effectiveSampleSize();
        double n = 0;
        double s = 0;
        for (int k = 0; k < alpha.length; k++) {
            n += counts[k];
            s += logGamma(alpha[k] + counts[k]) - logGamma(alpha[k]);
        }
        return logGamma(total) - logGamma(total + n) + s;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dirichlet d && Arrays.equals(alpha, d.alpha);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "Dirichlet" + Arrays.toString(alpha);
    }

    /** The posterior predictive probability that the next draw falls in each category: the mean. */
    public double[] predictive() {
        return means();
    }

    /** {@code log Gamma(x)} (commons-math3; named in full, since {@link Gamma} here is the distribution). */
    private static double logGamma(double x) {
        return org.apache.commons.math3.special.Gamma.logGamma(x);
    }
}
