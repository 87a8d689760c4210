package dev.argmax.models.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every family and every link it allows: on data simulated from that model, the default fit
 * is a stationary point of the log-likelihood and its Fisher information is the negative expected
 * Hessian, both checked by routes independent of {@link FamilyDatafit}'s formulas.
 *
 * <ul>
 *   <li>Score: the gradient of {@code f(beta) = (1/2) sum_i w_i d(y_i, g^-1(x_i'beta))} (the
 *       family's unit deviance, i.e. minus the log-likelihood up to terms free of beta) by central
 *       differences (relative step 1e-6: truncation ~1e-12, rounding ~1e-10 relative) at the fit is
 *       zero to the differences' accuracy: below 1e-6 of the sum of the per-observation score
 *       magnitudes.</li>
 *   <li>Information: the beta-dependent part of the deviance is affine in y (its mu-derivative is
 *       {@code -2 (y - mu) / V(mu)}), so the expected Hessian is the Hessian at {@code y = mu}. The
 *       Hessian of {@code f} with y replaced by the fitted means (so that f and its gradient vanish at
 *       the fit and rounding stays small), by central second differences (step 1e-4 times
 *       {@code max(|beta_j|, 0.1)}: truncation ~1e-8, rounding ~1e-8 relative), must equal
 *       {@code (covariance / dispersion)^-1 = X'WX}, the information the fit reports, to 1e-6 of
 *       its largest entry.</li>
 * </ul>
 */
class FamilyPropertyTest {

    private static final int N = 400;

    static Stream<Family> familiesAndLinks() {
        List<Family> out = new ArrayList<>();
        for (Family f : List.of(Family.gaussian(), Family.binomial(), Family.quasiBinomial(), Family.poisson(),
                Family.quasiPoisson(), Family.gamma(), Family.inverseGaussian(), Family.negativeBinomial(2.0),
                Family.tweedie(1.5))) {
            for (Link l : f.allowedLinks()) {
                out.add(f.withLink(l));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("familiesAndLinks")
    void scoreIsZeroAndFisherInformationIsTheNegativeExpectedHessian(Family family) {
        RandomGenerator rnd = new MersenneTwister(family.toString().hashCode());
        double m = centralMean(family);
        Link link = family.link();
        double slope = 0.3 * m / link.derivative(link.link(m));
        double[][] x = new double[2][N];
        double[] y = new double[N];
        double[] w = new double[N];
        boolean trials = family.variance() instanceof BinomialVariance;
        for (int i = 0; i < N; i++) {
            x[0][i] = rnd.nextDouble();
            x[1][i] = 0.5 * rnd.nextGaussian();
            double mu = link.inverse(link.link(m) + slope * (x[0][i] - 0.5 + 0.5 * x[1][i]));
            w[i] = trials ? 5 : 1;
            y[i] = draw(family, mu, rnd);
        }
        Dataset data = trials ? Dataset.builder().columns(x).y(y).weights(w).build()
                : Dataset.builder().columns(x).y(y).build();
        FittedGlm fit = Glm.builder(family).build().fit(data);
        assertTrue(fit.converged(), fit.solverResult().message());
        double[] beta = fit.coefficients();
        double[] mu = fit.fittedValues();

        double h = 1e-4;
        double scale = 0;
        for (int i = 0; i < N; i++) {
            double[] row = {1, x[0][i], x[1][i]};
            double r = Math.abs((y[i] - mu[i]) * link.derivative(fit.linearPredictor()[i]) / family.variance(mu[i]));
            for (int j = 0; j < 3; j++) {
                scale += w[i] * r * Math.abs(row[j]);
            }
        }
        for (int j = 0; j < 3; j++) {
            double step = 1e-6 * Math.max(1, Math.abs(beta[j]));
            double score = (halfDeviance(family, x, y, w, shifted(beta, j, step, -1, 0))
                    - halfDeviance(family, x, y, w, shifted(beta, j, -step, -1, 0))) / (2 * step);
            assertTrue(Math.abs(score) <= 1e-6 * scale, family + " score " + j + " = " + score
                    + " (scale " + scale + ")");
        }

        double[][] hessian = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double sa = h * Math.max(0.1, Math.abs(beta[a]));
                double sb = h * Math.max(0.1, Math.abs(beta[b]));
                double pp = halfDeviance(family, x, mu, w, shifted(beta, a, sa, b, sb));
                double pm = halfDeviance(family, x, mu, w, shifted(beta, a, sa, b, -sb));
                double mp = halfDeviance(family, x, mu, w, shifted(beta, a, -sa, b, sb));
                double mm = halfDeviance(family, x, mu, w, shifted(beta, a, -sa, b, -sb));
                hessian[a][b] = (pp - pm - mp + mm) / (4 * sa * sb);
            }
        }
        Matrix cov = fit.covariance();
        double[][] c = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                c[a][b] = cov.get(a, b) / fit.dispersion();
            }
        }
        RealMatrix information = new LUDecomposition(new Array2DRowRealMatrix(c)).getSolver().getInverse();
        double largest = 0;
        double worst = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                largest = Math.max(largest, Math.abs(hessian[a][b]));
                worst = Math.max(worst, Math.abs(hessian[a][b] - information.getEntry(a, b)));
            }
        }
        assertTrue(worst <= 1e-6 * largest, family + ": information differs from the expected Hessian by "
                + worst + " (largest entry " + largest + ")");
    }

    /** {@code (1/2) sum_i w_i d(y_i, g^-1(b0 + b1 x1 + b2 x2))} from the family's unit deviance. */
    private static double halfDeviance(Family family, double[][] x, double[] y, double[] w, double[] beta) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            double mu = family.link().inverse(beta[0] + beta[1] * x[0][i] + beta[2] * x[1][i]);
            s += w[i] * family.unitDeviance(y[i], mu);
        }
        return 0.5 * s;
    }

    private static double[] shifted(double[] beta, int a, double da, int b, double db) {
        double[] out = beta.clone();
        out[a] += da;
        if (b >= 0) {
            out[b] += db;
        }
        return out;
    }

    private static double centralMean(Family family) {
        Variance v = family.variance();
        if (v instanceof BinomialVariance) {
            return 0.3;
        }
        if (v instanceof ConstantVariance) {
            return 5;
        }
        if (v instanceof InverseGaussianVariance) {
            return 2;
        }
        return 4;
    }

    private static double draw(Family family, double mu, RandomGenerator rnd) {
        Variance v = family.variance();
        if (v instanceof ConstantVariance) {
            return mu + 0.5 * rnd.nextGaussian();
        }
        if (v instanceof BinomialVariance) {
            int s = 0;
            for (int t = 0; t < 5; t++) {
                s += rnd.nextDouble() < mu ? 1 : 0;
            }
            return s / 5.0;
        }
        if (v instanceof PoissonVariance) {
            return new PoissonDistribution(rnd, mu, 1e-12, 10_000).sample();
        }
        if (v instanceof GammaVariance) {
            return new GammaDistribution(rnd, 4, mu / 4).sample();
        }
        if (v instanceof InverseGaussianVariance) {
            // Michael, Schucany and Haas (1976), shape lambda = 8
            double lambda = 8;
            double z = rnd.nextGaussian();
            double q = mu * z * z;
            double root = mu + mu * q / (2 * lambda) - mu / (2 * lambda) * Math.sqrt(4 * mu * z * z * lambda + q * q);
            return rnd.nextDouble() <= mu / (mu + root) ? root : mu * mu / root;
        }
        if (v instanceof NegativeBinomialVariance nb) {
            double rate = new GammaDistribution(rnd, nb.theta(), mu / nb.theta()).sample();
            return new PoissonDistribution(rnd, rate, 1e-12, 10_000).sample();
        }
        double p = ((PowerVariance) v).power();
        double count = new PoissonDistribution(rnd, Math.pow(mu, 2 - p) / (2 - p), 1e-12, 10_000).sample();
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += new GammaDistribution(rnd, (2 - p) / (p - 1), (p - 1) * Math.pow(mu, p - 1)).sample();
        }
        return s;
    }
}
