package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.McpPenalty;
import dev.argmax.core.objective.ScadPenalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MCP and SCAD paths through {@link PenalizedRegression} on the reference data sets (diabetes,
 * Gaussian; birthwt, binomial), unstandardized: at every lambda of a 30-lambda path the solution
 * satisfies the first-order conditions of the non-convex problem (Clarke subdifferential, the
 * measure the solver stops on; its tolerance is 1e-9 relative to the null gradient, bounded here by
 * 1e-8 times lambda_max), and every slope is the global minimizer of the objective along its own
 * coordinate (coordinate descent's fixed point), checked against a brute-force minimization over a
 * fine grid of that coordinate.
 */
class ConcavePenaltyPathTest {

    static Stream<Arguments> cases() {
        return PenalizedFixtures.all().stream()
                .filter(f -> f.name().equals("lasso_gaussian_diabetes.json") || f.name().equals("lasso_logistic_birthwt.json"))
                .flatMap(f -> Stream.of(Arguments.of(f, "mcp"), Arguments.of(f, "scad")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyLambdaIsAStationaryCoordinatewiseMinimum(PenalizedFixtures f, String kind) {
        PenalizedRegression.Builder b = PenalizedRegression.builder().family(f.family()).path(30, 0.05);
        double gamma = kind.equals("mcp") ? 3.0 : 3.7;
        b = kind.equals("mcp") ? b.mcp(gamma) : b.scad(gamma);
        PenalizedFit fit = b.build().fit(f.data());
        assertEquals(30, fit.solutions().size());
        assertTrue(fit.concavePenalty().orElseThrow().startsWith(kind.toUpperCase()));
        Design design = new Design(f.data().x(), true);
        int p = design.predictors();
        int n = design.rows();
        boolean sawNonzero = false;
        for (PenalizedSolution s : fit.solutions()) {
            assertTrue(s.converged(), kind + " lambda " + s.lambda() + ": " + s.message());
            SeparablePenalty pen = kind.equals("mcp") ? new McpPenalty(s.lambda(), gamma, null)
                    : new ScadPenalty(s.lambda(), gamma, null);
            Problem prob = new Problem(design, f.family().datafit(f.data().response(), null), pen);
            double[] beta = s.allCoefficients();
            double[] eta = new double[n];
            prob.linearPredictor(beta, eta);
            assertTrue(prob.kktViolation(beta, eta) <= 1e-8 * Math.max(1, fit.lambdaMax()), kind + " lambda " + s.lambda() + ": KKT "
                    + prob.kktViolation(beta, eta));
            assertEquals(prob.objective(beta), s.objective(), 1e-12 * Math.abs(s.objective()));
            double f0 = s.objective();
            for (int j = 1; j <= p; j++) {
                sawNonzero |= beta[j] != 0;
                double[] trial = beta.clone();
                double center = beta[j];
                double radius = 2 * Math.abs(center) + 2;
                for (int i = -2000; i <= 2000; i++) {
                    trial[j] = center + radius * i / 2000.0;
                    double v = prob.objective(trial);
                    assertTrue(v >= f0 - 1e-9 * Math.abs(f0), kind + " lambda " + s.lambda() + " slope " + j
                            + " = " + trial[j] + " gives " + v + " < " + f0);
                }
            }
        }
        assertTrue(sawNonzero);
    }
}
