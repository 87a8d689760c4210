package dev.argmax.models.distribution;

import dev.argmax.core.data.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian N(mu, sigma2), parameterised by the mean and the <em>variance</em>
 * ({@code "mu"}, {@code "sigma2"}); either may be known.
 *
 * <ul>
 *   <li>{@link #bothUnknown()}: MLE {@code mu_hat = xbar}, {@code sigma2_hat = SS/n} with
 *       {@code SS = sum (x_i - xbar)^2} (the biased 1/n variance; the unbiased {@code SS/(n-1)}
 *       is given beside it by {@link #varianceEstimates}); information of one observation
 *       {@code diag(1/sigma2, 1/(2 sigma2^2))} (the cross term is 0), so
 *       {@code se(mu_hat) = sqrt(sigma2_hat/n)}, {@code se(sigma2_hat) = sigma2_hat sqrt(2/n)};
 *       the MLE of sigma is {@code sqrt(sigma2_hat)} by invariance with
 *       {@code se = sigma_hat/sqrt(2n)} ({@code fit.derive("sigma2", Transformation.SQUARE_ROOT)}).</li>
 *   <li>{@link #knownVariance(double)}: only mu is estimated, {@code I(mu) = 1/sigma2}.</li>
 *   <li>{@link #knownMean(double)}: only sigma2 is estimated, {@code sigma2_hat = sum (x_i - mu)^2/n},
 *       {@code I(sigma2) = 1/(2 sigma2^2)}.</li>
 * </ul>
 *
 * <p>The log-likelihood is {@code -(n/2) log(2 pi sigma2) - sum (x_i - mu)^2/(2 sigma2)}. A
 * single observation (or identical observations) gives {@code sigma2_hat = 0}: the likelihood is
 * unbounded there, the MLE sits on the boundary and the fit says so.
 */
public final class Gaussian implements Likelihood {

    private final double knownMean;
    private final double knownVariance;

    private Gaussian(double knownMean, double knownVariance) {
        this.knownMean = knownMean;
        this.knownVariance = knownVariance;
    }

    /** Mean and variance both estimated. */
    public static Gaussian bothUnknown() {
        return new Gaussian(Double.NaN, Double.NaN);
    }

    /** The mean estimated, the variance known ({@code > 0}). */
    public static Gaussian knownVariance(double variance) {
        Checks.requirePositive(variance, "known variance");
        return new Gaussian(Double.NaN, variance);
    }

    /** The variance estimated, the mean known. */
    public static Gaussian knownMean(double mean) {
        Checks.requireFinite(mean, "known mean");
        return new Gaussian(mean, Double.NaN);
    }

    private boolean estimatesMean() {
        return Double.isNaN(knownMean);
    }

    private boolean estimatesVariance() {
        return Double.isNaN(knownVariance);
    }

    @Override
    public String family() {
        return "gaussian";
    }

    @Override
    public List<String> parameterNames() {
        if (!estimatesMean()) {
            return List.of("sigma2");
        }
        return estimatesVariance() ? List.of("mu", "sigma2") : List.of("mu");
    }

    @Override
    public boolean discrete() {
        return false;
    }

    @Override
    public void validate(double[] data) {
        Samples.requireNumbers(data, "gaussian");
    }

    @Override
    public int sampleSize(double[] data) {
        return data.length;
    }

    @Override
    public double[] mle(double[] data) {
        if (!estimatesMean()) {
            return new double[] {Samples.sumSquaresAbout(data, knownMean) / data.length};
        }
        double mean = Samples.mean(data);
        if (!estimatesVariance()) {
            return new double[] {mean};
        }
        return new double[] {mean, Samples.sumSquaredDeviations(data, mean) / data.length};
    }

    private double mu(double[] theta) {
        return estimatesMean() ? theta[0] : knownMean;
    }

    private double sigma2(double[] theta) {
        if (!estimatesMean()) {
            return theta[0];
        }
        return estimatesVariance() ? theta[1] : knownVariance;
    }

    private void check(double[] theta) {
        if (theta.length != parameterNames().size()) {
            throw new IllegalArgumentException("gaussian with parameters " + parameterNames() + " got "
                    + theta.length + " values");
        }
    }

    /** {@code sum (x_i - mu)^2}, via {@code SS + n (xbar - mu)^2} for accuracy. */
    private static double sumSquares(double[] data, double mu) {
        double mean = Samples.mean(data);
        double d = mean - mu;
        return Samples.sumSquaredDeviations(data, mean) + data.length * d * d;
    }

    @Override
    public double logLikelihood(double[] data, double[] theta) {
        check(theta);
        double mu = mu(theta);
        double s2 = sigma2(theta);
        double ss = sumSquares(data, mu);
        if (s2 == 0) {
            return ss == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        int n = data.length;
        return -0.5 * n * Math.log(2 * Math.PI * s2) - ss / (2 * s2);
    }

    @Override
    public double[] score(double[] data, double[] theta) {
        check(theta);
        double mu = mu(theta);
        double s2 = sigma2(theta);
        int n = data.length;
        double dMu = n * (Samples.mean(data) - mu) / s2;
        double dS2 = -n / (2 * s2) + sumSquares(data, mu) / (2 * s2 * s2);
        if (!estimatesMean()) {
            return new double[] {dS2};
        }
        return estimatesVariance() ? new double[] {dMu, dS2} : new double[] {dMu};
    }

    @Override
    public double[][] fisherInformation(double[] theta) {
        check(theta);
        double s2 = sigma2(theta);
        double iMu = 1 / s2;
        double iS2 = 1 / (2 * s2 * s2);
        if (!estimatesMean()) {
            return new double[][] {{iS2}};
        }
        return estimatesVariance() ? new double[][] {{iMu, 0}, {0, iS2}} : new double[][] {{iMu}};
    }

    @Override
    public double[][] asymptoticCovariance(double[] theta, int n) {
        check(theta);
        double s2 = sigma2(theta);
        double vMu = s2 / n;
        double vS2 = 2 * s2 * s2 / n;
        if (!estimatesMean()) {
            return new double[][] {{vS2}};
        }
        return estimatesVariance() ? new double[][] {{vMu, 0}, {0, vS2}} : new double[][] {{vMu}};
    }

    @Override
    public List<String> diagnose(double[] data, double[] theta) {
        List<String> w = new ArrayList<>();
        if (estimatesVariance() && sigma2(theta) == 0) {
            w.add("MLE sigma2 = 0 lies on the boundary of the parameter space ("
                    + (data.length == 1 ? "a single observation" : "all " + data.length + " observations are equal"
                            + (estimatesMean() ? "" : " to the known mean"))
                    + "): the likelihood is unbounded there, the Fisher information infinite and every Wald"
                    + " standard error 0 is not a measure of uncertainty");
        }
        return w;
    }

    @Override
    public double klDivergence(double[] from, double[] to) {
        check(from);
        check(to);
        double s1 = sigma2(from);
        double s2 = sigma2(to);
        checkVariance(s1);
        checkVariance(s2);
        double d = mu(from) - mu(to);
        return 0.5 * (Math.log(s2 / s1) + (s1 + d * d) / s2 - 1);
    }

    /** The differential entropy {@code (1/2) log(2 pi e sigma2)}. */
    @Override
    public double entropy(double[] theta) {
        check(theta);
        double s2 = sigma2(theta);
        checkVariance(s2);
        return 0.5 * Math.log(2 * Math.PI * Math.E * s2);
    }

    private static void checkVariance(double s2) {
        if (!(s2 > 0) || Double.isInfinite(s2)) {
            throw new IllegalArgumentException("a Gaussian variance must be finite and > 0, got " + s2);
        }
    }

    /**
     * The two variance estimates side by side, with the standard deviations and the standard
     * errors of the mean that go with them.
     *
     * @param n sample size
     * @param mean {@code xbar}
     * @param sumSquaredDeviations {@code SS = sum (x_i - xbar)^2}
     * @param varianceMle {@code SS/n}, the MLE (biased)
     * @param varianceUnbiased {@code SS/(n-1)}; NaN for a single observation (undefined)
     * @param sdMle {@code sqrt(SS/n)}, the MLE of sigma by invariance
     * @param sdUnbiasedVariance {@code sqrt(SS/(n-1))}, the usual sample standard deviation
     * @param seMeanMle {@code sqrt(varianceMle/n)}, the Fisher-information standard error of the mean
     * @param seMeanUnbiased {@code sqrt(varianceUnbiased/n)}, the textbook standard error of the mean
     */
    public record VarianceEstimates(int n, double mean, double sumSquaredDeviations, double varianceMle,
            double varianceUnbiased, double sdMle, double sdUnbiasedVariance, double seMeanMle,
            double seMeanUnbiased) {
    }

    /** The 1/n (MLE) and 1/(n-1) (unbiased) variance estimates of a sample. */
    public static VarianceEstimates varianceEstimates(double[] data) {
        Samples.requireNumbers(data, "gaussian");
        int n = data.length;
        double mean = Samples.mean(data);
        double ss = Samples.sumSquaredDeviations(data, mean);
        double vMle = ss / n;
        double vUnb = n > 1 ? ss / (n - 1) : Double.NaN;
        return new VarianceEstimates(n, mean, ss, vMle, vUnb, Math.sqrt(vMle), Math.sqrt(vUnb),
                Math.sqrt(vMle / n), Math.sqrt(vUnb / n));
    }
}
