package dev.argmax.models.conjugate;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Samples;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normal-Inverse-Gamma(mu, kappa, alpha, beta) over a Gaussian mean and variance, both unknown:
 * {@code mu | sigma2 ~ N(mu, sigma2/kappa)}, {@code sigma2 ~ InvGamma(shape alpha, SCALE beta)}
 * (the same model as Normal-Gamma on the precision {@code 1/sigma2 ~ Gamma(alpha, rate beta)};
 * kappa is also written lambda or nu).
 *
 * <p>After n observations with mean xbar and {@code SS = sum (x_i - xbar)^2}:
 * {@code kappa_n = kappa + n}, {@code mu_n = (kappa mu + n xbar)/kappa_n},
 * {@code alpha_n = alpha + n/2},
 * {@code beta_n = beta + SS/2 + kappa n (xbar - mu)^2/(2 kappa_n)}. The marginal of mu is Student
 * t with {@code 2 alpha_n} d.f., location {@code mu_n}, {@code scale^2 = beta_n/(alpha_n kappa_n)};
 * the marginal of sigma2 is InvGamma(alpha_n, beta_n); the joint mode is
 * {@code (mu_n, beta_n/(alpha_n + 3/2))}; the posterior predictive is Student t with
 * {@code 2 alpha_n} d.f., location {@code mu_n}, {@code scale^2 = beta_n (kappa_n + 1)/(alpha_n kappa_n)}.
 * Pseudo-count reading: kappa prior observations for the mean, 2 alpha for the variance.
 *
 * @param mu location of the mean
 * @param kappa pseudo-observations behind the mean, {@code > 0}
 * @param alpha inverse-gamma shape, {@code > 0}
 * @param beta inverse-gamma scale, {@code > 0}
 */
public record NormalInverseGamma(double mu, double kappa, double alpha, double beta) implements ConjugateDistribution {

    public NormalInverseGamma {
        Checks.requireFinite(mu, "normal-inverse-gamma mu");
        Checks.requirePositive(kappa, "normal-inverse-gamma kappa");
        Checks.requirePositive(alpha, "normal-inverse-gamma alpha");
        Checks.requirePositive(beta, "normal-inverse-gamma beta");
    }

    /** The posterior after a batch of observations. */
    public NormalInverseGamma update(double[] x) {
        if (x.length == 0) {
            throw new InvalidDataException("normal-inverse-gamma update: no observations");
        }
        Checks.requireFinite(x, "observations");
        int n = x.length;
        double xbar = Samples.mean(x);
        double ss = Samples.sumSquaredDeviations(x, xbar);
        double kappaN = kappa + n;
        double d = xbar - mu;
        return new NormalInverseGamma((kappa * mu + n * xbar) / kappaN, kappaN, alpha + n / 2.0,
                beta + ss / 2 + kappa * n * d * d / (2 * kappaN));
    }

    /** The posterior after one observation (the batch formula with n = 1). */
    public NormalInverseGamma observe(double x) {
        return update(new double[] {x});
    }

    /** The marginal posterior of the mean: Student t(2 alpha, mu, sqrt(beta/(alpha kappa))). */
    public StudentT marginalMean() {
        return new StudentT(2 * alpha, mu, Math.sqrt(beta / (alpha * kappa)));
    }

    /** The marginal posterior of the variance: InvGamma(alpha, beta). */
    public InverseGamma marginalVariance() {
        return new InverseGamma(alpha, beta);
    }

    /** The posterior predictive of a new observation: t(2 alpha, mu, sqrt(beta (kappa+1)/(alpha kappa))). */
    public StudentT predictive() {
        return new StudentT(2 * alpha, mu, Math.sqrt(beta * (kappa + 1) / (alpha * kappa)));
    }

    /** The joint mode {@code (mu, beta/(alpha + 3/2))}: the MAP of (mu, sigma2). */
    @Override
    public Mode mode() {
        return Mode.interior(mu, beta / (alpha + 1.5));
    }

    @Override
    public String family() {
        return "normal-inverse-gamma";
    }

    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mu", mu);
        m.put("kappa", kappa);
        m.put("alpha", alpha);
        m.put("beta", beta);
        return m;
    }

    /** Marginal means of (mu, sigma2). */
    @Override
    public double[] means() {
        return new double[] {marginalMean().mean(), marginalVariance().mean()};
    }

    /** Marginal variances of (mu, sigma2); for mu {@code beta/(kappa (alpha - 1))} when alpha > 1. */
    @Override
    public double[] variances() {
        return new double[] {marginalMean().variance(), marginalVariance().variance()};
    }

    /** Marginal equal-tailed intervals of mu (Student t) and sigma2 (inverse gamma). */
    @Override
    public Interval[] credibleIntervals(double level) {
        return new Interval[] {marginalMean().interval(level), marginalVariance().credibleInterval(level)};
    }
}
