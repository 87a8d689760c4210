package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.models.family.Family;
import dev.argmax.optim.Problem;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties on random data: KKT at every solution, unpenalized factors, prior == lambda, ridge SEs. */
class PenalizedPropertyTest {

    /** The three families with their canonical links, on which these properties are checked. */
    enum Canonical {
        GAUSSIAN(Family.gaussian()), BINOMIAL(Family.binomial()), POISSON(Family.poisson());

        private final Family family;

        Canonical(Family family) {
            this.family = family;
        }

        Family family() {
            return family;
        }

        static Canonical of(Family family) {
            for (Canonical c : values()) {
                if (c.family.equals(family)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no random data for " + family);
        }
    }

    static Dataset randomData(Family family, int n, int p, long seed) {
        return randomData(Canonical.of(family), n, p, seed);
    }

    static Dataset randomData(Canonical family, int n, int p, long seed) {
        Random rnd = new Random(seed);
        double[][] cols = new double[p][n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = j % 3 == 0 ? 0.5 * rnd.nextGaussian() : 0.0;
        }
        for (int i = 0; i < n; i++) {
            double shared = rnd.nextGaussian();
            double eta = 0.3;
            for (int j = 0; j < p; j++) {
                cols[j][i] = 0.6 * shared + rnd.nextGaussian() + (j == 1 ? 5 : 0);
                eta += (j == 1 ? 0 : beta[j]) * cols[j][i];
            }
            w[i] = 0.5 + rnd.nextDouble();
            y[i] = switch (family) {
                case GAUSSIAN -> eta + rnd.nextGaussian();
                case BINOMIAL -> rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                case POISSON -> poisson(rnd, Math.exp(0.3 * eta));
            };
        }
        return Dataset.builder().columns(cols).y(y).weights(w).build();
    }

    private static double poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double prod = rnd.nextDouble();
        while (prod > l) {
            k++;
            prod *= rnd.nextDouble();
        }
        return k;
    }

    @ParameterizedTest
    @EnumSource(Canonical.class)
    void kktHoldsAtEverySolutionOfAnElasticNetPath(Canonical canonical) {
        Family family = canonical.family();
        Dataset d = randomData(canonical, 300, 12, 11 + canonical.ordinal());
        double[] factors = {1, 0, 2, 1, 1, 0.5, 1, 1, 1, 3, 1, 1};
        double[] lower = new double[12];
        double[] upper = new double[12];
        for (int j = 0; j < 12; j++) {
            lower[j] = j == 4 ? 0.0 : Double.NEGATIVE_INFINITY;
            upper[j] = j == 6 ? 0.05 : Double.POSITIVE_INFINITY;
        }
        PenalizedFit fit = PenalizedRegression.builder().family(family).alpha(0.6).path(30, 1e-3)
                .penaltyFactors(factors).lowerLimits(lower).upperLimits(upper).relativeTolerance(1e-10).build().fit(d);
        double sum = 0;
        for (double f : factors) {
            sum += f;
        }
        double[] v = new double[12];
        for (int j = 0; j < 12; j++) {
            v[j] = factors[j] * 12 / sum;
        }
        Design design = new Design(d.x(), true);
        for (PenalizedSolution s : fit.solutions()) {
            assertTrue(s.converged(), s.message());
            Problem prob = new Problem(design, family.datafit(d.response(), d.weights()),
                    new ElasticNet(s.lambda(), 0.6, v, lower, upper), null);
            double[] beta = s.allCoefficients();
            double[] eta = new double[d.rows()];
            prob.linearPredictor(beta, eta);
            double kkt = prob.kktViolation(beta, eta);
            assertTrue(kkt <= 1e-8 * Math.max(1, fit.lambdaMax()), family + " lambda " + s.lambda() + ": KKT " + kkt);
            assertTrue(beta[5] >= 0 && beta[7] <= 0.05, "limits respected");
        }
        assertEquals(0.0, fit.solution(0).coefficients()[0], 0.0, "all penalized slopes are 0 at lambda_max");
    }

    @ParameterizedTest
    @EnumSource(Canonical.class)
    void aZeroPenaltyFactorLeavesTheCoefficientUnpenalized(Canonical canonical) {
        Family family = canonical.family();
        Dataset d = randomData(canonical, 250, 6, 21 + canonical.ordinal());
        double[] factors = {0, 1, 1, 1, 1, 1};
        PenalizedFit fit = PenalizedRegression.builder().family(family).lasso().penaltyFactors(factors)
                .path(5, 0.5).relativeTolerance(1e-12).build().fit(d);
        PenalizedSolution atMax = fit.solution(0);
        for (int j = 1; j < 6; j++) {
            assertEquals(0.0, atMax.coefficients()[j], 0.0, "penalized slope " + j + " at lambda_max");
        }
        // unpenalized: the same as the MLE with only column 0 (lambda = 0)
        Dataset only0 = d.selectColumns(new int[] {0});
        PenalizedFit mle = PenalizedRegression.builder().family(family).lasso().lambda(0.0).relativeTolerance(1e-12).build().fit(only0);
        assertEquals(mle.solution(0).coefficients()[0], atMax.coefficients()[0], 1e-8);
        assertEquals(mle.solution(0).intercept(), atMax.intercept(), 1e-8);
        assertTrue(atMax.coefficients()[0] != 0);
    }

    @Test
    void priorFormEqualsLambdaForm() {
        Dataset g = randomData(Family.gaussian(), 200, 8, 5);
        int n = g.rows();
        PenalizedFit ridgePrior = PenalizedRegression.builder().family(Family.gaussian()).prior(Prior.gaussian(0.3))
                .sigma2(2.0).relativeTolerance(1e-12).build().fit(g);
        double lambda = 2.0 / (n * 0.09);
        assertEquals(lambda, ridgePrior.lambdaFromPrior(), 1e-15 * lambda);
        PenalizedFit ridge = PenalizedRegression.builder().family(Family.gaussian()).ridge().lambda(lambda)
                .relativeTolerance(1e-12).build().fit(g);
        assertArrayEquals(ridge.solution(0).allCoefficients(), ridgePrior.solution(0).allCoefficients(), 1e-12);

        Dataset b = randomData(Family.binomial(), 200, 8, 6);
        PenalizedFit lassoPrior = PenalizedRegression.builder().family(Family.binomial()).prior(Prior.laplace(0.05))
                .relativeTolerance(1e-12).build().fit(b);
        double lambdaL = 1.0 / (n * 0.05);
        assertEquals(lambdaL, lassoPrior.lambdaFromPrior(), 1e-15 * lambdaL);
        PenalizedFit lasso = PenalizedRegression.builder().family(Family.binomial()).lasso().lambda(lambdaL)
                .relativeTolerance(1e-12).build().fit(b);
        assertArrayEquals(lasso.solution(0).allCoefficients(), lassoPrior.solution(0).allCoefficients(), 1e-12);
        assertThrows(InvalidDataException.class, () -> PenalizedRegression.builder().family(Family.gaussian())
                .prior(Prior.laplace(1)).build().fit(g), "a Gaussian prior fit needs sigma^2");
    }

    @ParameterizedTest
    @EnumSource(Canonical.class)
    void ridgeStandardErrorsAreTheInversePenalizedHessian(Canonical canonical) {
        Family family = canonical.family();
        Dataset d = randomData(canonical, 150, 5, 31 + canonical.ordinal());
        double lambda = 0.05;
        PenalizedFit fit = PenalizedRegression.builder().family(family).ridge().lambda(lambda).sigma2(1.7)
                .relativeTolerance(1e-12).build().fit(d);
        double[] beta = fit.solution(0).allCoefficients();
        int n = d.rows();
        int k = beta.length;
        double[] w = d.weights();
        double ws = 0;
        for (double v : w) {
            ws += v;
        }
        // Hessian of the negative log-posterior (W / sigma^2) (F + P), W the sum of the prior weights (which
        // count as in R's glm), computed here from the definitions
        double[][] hess = new double[k][k];
        for (int i = 0; i < n; i++) {
            double[] a = new double[k];
            a[0] = 1;
            double eta = beta[0];
            for (int j = 1; j < k; j++) {
                a[j] = d.column(j - 1)[i];
                eta += beta[j] * a[j];
            }
            double curv = switch (canonical) {
                case GAUSSIAN -> 1.0;
                case BINOMIAL -> {
                    double mu = 1 / (1 + Math.exp(-eta));
                    yield mu * (1 - mu);
                }
                case POISSON -> Math.exp(eta);
            };
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    hess[r][c] += w[i] / ws * curv * a[r] * a[c];
                }
            }
        }
        for (int j = 1; j < k; j++) {
            hess[j][j] += lambda;
        }
        double sigma2 = family == Family.gaussian() ? 1.7 : 1.0;
        RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(hess)).getSolver().getInverse()
                .scalarMultiply(sigma2 / ws);
        double[] se = fit.standardErrors(0);
        for (int j = 0; j < k; j++) {
            assertEquals(Math.sqrt(inv.getEntry(j, j)), se[j], 1e-9 * se[j], family + " SE " + j);
        }
        assertTrue(fit.summary(0).contains("Laplace approximation"), fit.summary(0));
    }

    @Test
    void lassoRefusesStandardErrorsAndSaysWhy() {
        Dataset d = randomData(Family.binomial(), 100, 4, 3);
        PenalizedFit fit = PenalizedRegression.builder().family(Family.binomial()).alpha(0.5).lambda(0.01).build().fit(d);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> fit.standardErrors(0));
        assertTrue(e.getMessage().contains("not differentiable at 0"), e.getMessage());
        assertTrue(fit.summary(0).contains("No standard errors"), fit.summary(0));
    }

    private static void assertArrayEquals(double[] want, double[] got, double tol) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol, "element " + i);
        }
    }
}
