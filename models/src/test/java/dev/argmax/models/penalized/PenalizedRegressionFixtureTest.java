package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API against every penalized fixture (glmnet 4.1-6 polished to the exact optimum;
 * closed-form Gaussian ridge; Newton-solved logistic ridge), with and without standardization:
 * coefficients (original scale, intercept included) to 1e-7 absolute, objective to 1e-10
 * relative at the given lambdas, lambda_max to 1e-12 relative, the 1/n scales s_j to 1e-14.
 */
class PenalizedRegressionFixtureTest {

    static Stream<PenalizedFixtures> fixtures() {
        return PenalizedFixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void coefficientsObjectiveAndLambdaMax(PenalizedFixtures f) {
        PenalizedFit fit = PenalizedRegression.builder().family(f.family()).alpha(f.lasso() ? 1 : 0)
                .standardize(f.standardized()).lambda(f.lambdas()).relativeTolerance(1e-13).build().fit(f.data());
        double worstCoef = 0;
        double worstObj = 0;
        for (int k = 0; k < f.lambdas().length; k++) {
            PenalizedSolution s = fit.solution(k);
            assertTrue(s.converged(), f + " lambda " + s.lambda() + ": " + s.message());
            double[] got = s.allCoefficients();
            double[] want = f.expected(k);
            for (int j = 0; j < want.length; j++) {
                worstCoef = Math.max(worstCoef, Math.abs(got[j] - want[j]));
            }
            worstObj = Math.max(worstObj, Math.abs(s.objective() - f.objective(k)) / Math.abs(f.objective(k)));
            assertEquals(f.json().get("nonzeros") == null ? s.nonzero() : f.json().get("nonzeros").get(k).asInt(),
                    s.nonzero(), f + " nonzeros at lambda " + s.lambda());
        }
        System.out.printf("%s: max |coef diff| %.3g, max rel objective diff %.3g%n", f, worstCoef, worstObj);
        assertTrue(worstCoef <= 1e-7, f + ": coefficients differ by " + worstCoef);
        assertTrue(worstObj <= 1e-10, f + ": objective differs by " + worstObj + " relative");
        if (f.json().has("lambda_max")) {
            double want = f.json().get("lambda_max").asDouble();
            assertEquals(want, fit.lambdaMax(), 1e-12 * want, f + " lambda_max");
        }
        if (f.standardized()) {
            double[] s = Fixtures.doubles(f.json().get("column_scales_s_j"));
            double[] got = fit.standardization().orElseThrow().scales();
            for (int j = 0; j < s.length; j++) {
                assertEquals(s[j], got[j], 1e-14 * s[j], f + " s_" + j);
            }
        }
    }
}
