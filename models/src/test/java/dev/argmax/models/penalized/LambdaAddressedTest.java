package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Results addressed by lambda, as glmnet's {@code coef(fit, s = )} and {@code predict(fit, newx,
 * s = )}: exact at the fitted lambdas, linear in lambda between them, refused below the path.
 *
 * <p>The reference is glmnet's Gaussian lasso on the raw diabetes design (reference set section 3,
 * polished to the exact optimum). Between two lambdas with the same active set and signs, the
 * Gaussian lasso solution is exactly linear in lambda (the KKT system X_A'X_A b_A = X_A'y - n lambda
 * sign(b_A) is linear in lambda), so interpolating argmax's two solutions must give the linear
 * interpolation of glmnet's two polished solutions, and a refit at that lambda.
 */
class LambdaAddressedTest {

    private static final PenalizedFixtures LASSO = PenalizedFixtures.load(
            Fixtures.path("penalized/lasso_gaussian_diabetes.json"));

    private static PenalizedRegression.Builder lasso() {
        return PenalizedRegression.builder().family(LASSO.family()).lasso().relativeTolerance(1e-12);
    }

    /** The first pair of consecutive fixture lambdas whose solutions share their active set and signs. */
    private static int sameSigns(double[][] b) {
        for (int k = 1; k + 1 < b.length; k++) {
            boolean same = true;
            for (int j = 0; j < b[k].length && same; j++) {
                same = Math.signum(b[k][j]) == Math.signum(b[k + 1][j]);
            }
            if (same) {
                return k;
            }
        }
        throw new AssertionError("no two consecutive lambdas share their signs");
    }

    @Test
    void interpolatesLinearlyInLambdaAsGlmnet() {
        double[] lambdas = LASSO.lambdas();
        double[][] ref = Fixtures.matrix(LASSO.json().get("coefficients"));
        double[] refIntercepts = Fixtures.doubles(LASSO.json().get("intercepts"));
        PenalizedFit fit = lasso().lambda(lambdas).build().fit(LASSO.data());
        int k = sameSigns(ref);
        double s = Math.sqrt(lambdas[k] * lambdas[k + 1]);
        double f = (s - lambdas[k + 1]) / (lambdas[k] - lambdas[k + 1]);
        double[] got = fit.coefficients(s);
        double scale = 0;
        for (double v : ref[k + 1]) {
            scale = Math.max(scale, Math.abs(v));
        }
        // the fixture's accuracy for lasso coefficients: 1e-6 of the largest (reference README section 3);
        // argmax's path at tolerance 1e-12 is far inside it
        double tol = 1e-8 * scale;
        assertEquals(f * refIntercepts[k] + (1 - f) * refIntercepts[k + 1], got[0], tol, "intercept");
        for (int j = 0; j < ref[k].length; j++) {
            assertEquals(f * ref[k][j] + (1 - f) * ref[k + 1][j], got[j + 1], tol, "slope " + j);
        }
        double[] refit = lasso().lambda(s).build().fit(LASSO.data()).solution(0).allCoefficients();
        assertArrayEquals(refit, got, tol, "linear between lambdas with the same signs");
    }

    @Test
    void fittedLambdasGiveTheirSolutionAndPredictUsesIt() {
        double[] lambdas = LASSO.lambdas();
        PenalizedFit fit = lasso().lambda(lambdas).build().fit(LASSO.data());
        for (int k = 0; k < lambdas.length; k++) {
            assertArrayEquals(fit.solution(k).allCoefficients(), fit.coefficients(lambdas[k]), 0.0);
            assertArrayEquals(fit.predictSolution(LASSO.data(), k, false), fit.predict(LASSO.data(), lambdas[k], false),
                    0.0);
        }
    }

    @Test
    void aboveLambdaMaxAllSlopesAreZeroBelowThePathIsRefused() {
        PenalizedFit fit = lasso().path().build().fit(LASSO.data());
        double[] above = fit.coefficients(10 * fit.lambdaMax());
        for (int j = 1; j < above.length; j++) {
            assertEquals(0.0, above[j], "slope " + j);
        }
        double smallest = fit.lambdas()[fit.lambdas().length - 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit.coefficients(smallest / 2));
        assertTrue(e.getMessage().contains("below the smallest fitted lambda"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fit.coefficients(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fit.coefficients(-1));
    }

    @Test
    void crossValidationAddressesItsFitByChoice() {
        CrossValidation.Result cv = CrossValidation.run(lasso().path(20, 0.01).build(), LASSO.data(), CvMeasure.of("mse"), 5, 7);
        assertArrayEquals(cv.fullFit().solution(cv.indexMin()).allCoefficients(),
                cv.coefficients(LambdaChoice.LAMBDA_MIN), 0.0);
        assertArrayEquals(cv.fullFit().solution(cv.index1se()).allCoefficients(),
                cv.coefficients(LambdaChoice.parse("lambda.1se")), 0.0);
        assertArrayEquals(cv.fullFit().predictSolution(LASSO.data(), cv.index1se(), false),
                cv.predict(LASSO.data(), LambdaChoice.LAMBDA_1SE, false), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LambdaChoice.parse("lambda_max"));
    }
}
