package dev.argmax.models.distribution;

import dev.argmax.core.data.InvalidDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Multinomial(N, p) over K categories, p on the simplex. The data are the K category counts
 * {@code c_k} (one value per category, {@code N = sum c_k} draws); "one observation" is one draw.
 * The MLE is {@code p_hat_k = c_k/N}; the full log-likelihood is
 * {@code log N! - sum log c_k! + sum c_k log p_k} ({@link #logMultinomialCoefficient} is the first
 * two terms). The information refers to the K-1 free probabilities {@code p_1..p_{K-1}}
 * ({@code p_K = 1 - sum}): per draw {@code I_jl = delta_jl/p_j + 1/p_K}, and its inverse over N
 * draws is the covariance {@code (diag(p) - p p^T)/N} of all K probabilities, so
 * {@code se(p_hat_k) = sqrt(p_hat_k(1 - p_hat_k)/N)}. A zero count puts that probability on the
 * boundary.
 */
public final class Multinomial implements Likelihood {

    private final List<String> categories;

    /** A multinomial over the named categories (at least 2, distinct). */
    public Multinomial(List<String> categories) {
        if (categories.size() < 2) {
            throw new IllegalArgumentException("multinomial needs at least 2 categories, got " + categories.size());
        }
        if (categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("multinomial category names must be distinct: " + categories);
        }
        this.categories = List.copyOf(categories);
    }

    /** A multinomial over categories named {@code 1..k}. */
    public static Multinomial withCategories(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            names.add(Integer.toString(i));
        }
        return new Multinomial(names);
    }

    /** The category names. */
    public List<String> categories() {
        return categories;
    }

    @Override
    public String family() {
        return "multinomial";
    }

    @Override
    public List<String> parameterNames() {
        return categories.stream().map(c -> "p_" + c).toList();
    }

    @Override
    public List<String> informationParameterNames() {
        return parameterNames().subList(0, categories.size() - 1);
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void validate(double[] counts) {
        if (counts != null && counts.length != categories.size()) {
            throw new InvalidDataException("multinomial: " + counts.length + " counts given for "
                    + categories.size() + " categories " + categories);
        }
        Samples.requireCounts(counts, Double.MAX_VALUE, "multinomial (category counts)");
        if (Samples.sum(counts) == 0) {
            throw new InvalidDataException("multinomial: all category counts are 0 (no draws); an MLE needs at least one");
        }
        if (Samples.sum(counts) > Integer.MAX_VALUE) {
            throw new InvalidDataException("multinomial: more than " + Integer.MAX_VALUE + " draws");
        }
    }

    @Override
    public int sampleSize(double[] counts) {
        return (int) Samples.sum(counts);
    }

    @Override
    public double[] mle(double[] counts) {
        double total = Samples.sum(counts);
        double[] p = new double[counts.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = counts[k] / total;
        }
        return p;
    }

    /** {@code log N! - sum log c_k!}, the log of the number of sequences with these counts. */
    public static double logMultinomialCoefficient(double[] counts) {
        double c = Poisson.logFactorial(Samples.sum(counts));
        for (double x : counts) {
            c -= Poisson.logFactorial(x);
        }
        return c;
    }

    /** {@code sum c_k log p_k}: the log-probability of one particular sequence with these counts. */
    public double sequenceLogLikelihood(double[] counts, double[] p) {
        check(p);
        double l = 0;
        for (int k = 0; k < p.length; k++) {
            l += Samples.xlogy(counts[k], p[k]);
        }
        return l;
    }

    @Override
    public double logLikelihood(double[] counts, double[] p) {
        return logMultinomialCoefficient(counts) + sequenceLogLikelihood(counts, p);
    }

    @Override
    public double[] score(double[] counts, double[] p) {
        check(p);
        int last = p.length - 1;
        double lastTerm = counts[last] == 0 ? 0 : counts[last] / p[last];
        double[] s = new double[last];
        for (int j = 0; j < last; j++) {
            s[j] = (counts[j] == 0 ? 0 : counts[j] / p[j]) - lastTerm;
        }
        return s;
    }

    @Override
    public double[][] fisherInformation(double[] p) {
        check(p);
        int last = p.length - 1;
        double[][] info = new double[last][last];
        for (int j = 0; j < last; j++) {
            for (int l = 0; l < last; l++) {
                info[j][l] = (j == l ? 1 / p[j] : 0) + 1 / p[last];
            }
        }
        return info;
    }

    @Override
    public double[][] asymptoticCovariance(double[] p, int n) {
        check(p);
        double[][] cov = new double[p.length][p.length];
        for (int j = 0; j < p.length; j++) {
            for (int l = 0; l < p.length; l++) {
                cov[j][l] = ((j == l ? p[j] : 0) - p[j] * p[l]) / n;
            }
        }
        return cov;
    }

    @Override
    public List<String> diagnose(double[] counts, double[] p) {
        List<String> w = new ArrayList<>();
        for (int k = 0; k < p.length; k++) {
            if (p[k] == 0 || p[k] == 1) {
                w.add("MLE p_" + categories.get(k) + " = " + p[k] + " lies on the boundary of the simplex (count "
                        + (long) counts[k] + " of " + (long) Samples.sum(counts) + "): the Fisher information is"
                        + " infinite there and the Wald standard error 0 is not a measure of uncertainty");
            }
        }
        return w;
    }

    /** {@code sum p_k log(p_k/q_k)} (the KL divergence of one draw). */
    @Override
    public double klDivergence(double[] from, double[] to) {
        check(from);
        check(to);
        double kl = 0;
        for (int k = 0; k < from.length; k++) {
            kl += ScalarLikelihood.relativeEntropyTerm(from[k], to[k]);
        }
        return kl;
    }

    /** The entropy {@code -sum p_k log p_k} of one draw. */
    @Override
    public double entropy(double[] p) {
        check(p);
        double h = 0;
        for (double v : p) {
            h -= Samples.xlogy(v, v);
        }
        return h;
    }

    /** Per draw, without the multinomial coefficient: {@code -(1/N) sum c_k log p_k}. */
    @Override
    public double empiricalCrossEntropy(double[] counts, double[] p) {
        return -sequenceLogLikelihood(counts, p) / Samples.sum(counts);
    }

    /** {@code sum f_k log(f_k/p_k)} with {@code f_k = c_k/N} the empirical category frequencies. */
    @Override
    public double empiricalKlDivergence(double[] counts, double[] p) {
        validate(counts);
        return klDivergence(mle(counts), p);
    }

    private void check(double[] p) {
        if (p.length != categories.size()) {
            throw new IllegalArgumentException("multinomial over " + categories.size() + " categories got "
                    + p.length + " probabilities");
        }
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("probabilities must lie in [0, 1], got " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum);
        }
    }

}
