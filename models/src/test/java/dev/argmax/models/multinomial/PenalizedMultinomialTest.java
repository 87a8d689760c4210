package dev.argmax.models.multinomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * glmnet's multinomial lasso, ungrouped and grouped (iris, K = 3, {@code standardize = FALSE}; README
 * section 7): intercepts (summing to 0) and slopes within 1e-7 absolute of the polished
 * reference in glmnet's symmetric parametrization, objective within 1e-10 relative, and
 * {@code lambda_max} as defined there. FISTA stops at a KKT violation of 1e-10 on an objective
 * whose smooth part has curvature of order 1 to 1e2 in these coordinates, so its distance to
 * the optimum is far below 1e-7. Coordinate descent ("cd": proximal Newton on the block Hessian,
 * coordinate updates ungrouped, block updates of each predictor's K coefficients grouped) stops at a KKT violation of 1e-9
 * times the null gradient scale (about 0.77 here), below 1e-9, so the same bounds hold.
 */
class PenalizedMultinomialTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ungrouped", "grouped"})
    void lassoMatchesGlmnet(String type) {
        check(type, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ungrouped", "grouped"})
    void coordinateDescentMatchesGlmnet(String type) {
        check(type, "cd");
    }

    /** The default solver (FISTA to a KKT violation of 1e-10) when {@code solver} is null. */
    private static void check(String type, String solver) {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_" + type + ".json");
        Dataset d = MultinomialReferenceTest.data(ref);
        PenalizedMultinomial.Builder builder = PenalizedMultinomial.builder()
                .levels(new ClassLevels(MultinomialReferenceTest.names(ref.get("levels"))))
                .grouped(type.equals("grouped"));
        if (solver != null) {
            builder.solver(solver);
        }
        PenalizedMultinomial model = builder.build();
        java.util.List<String> labels = MultinomialReferenceTest.labels(ref, d);
        MultinomialReferenceTest.assertRel(ref.get("lambda_max").asDouble(), PenalizedMultinomial.builder().grouped(type.equals("grouped")).build().lambdaMax(d), 1e-12,
                "lambda_max");
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        double[][] intercepts = Fixtures.matrix(ref.get("intercepts"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        for (int l = 0; l < lambdas.length; l++) {
            PenalizedMultinomial.Solution s = model.fitLabels(d, labels, lambdas[l]);
            assertTrue(s.converged(), s.solverResult().message());
            double[][] slopes = Fixtures.matrix(ref.get("coefficients").get(l));
            for (int k = 0; k < 3; k++) {
                assertEquals(intercepts[l][k], s.intercepts()[k], 1e-7, "intercept " + l + "," + k);
                for (int j = 0; j < slopes[k].length; j++) {
                    assertEquals(slopes[k][j], s.slopes()[k][j], 1e-7, "slope " + l + "," + k + "," + j);
                }
            }
            MultinomialReferenceTest.assertRel(objectives[l], s.objective(), 1e-10, "objective " + l);
        }
    }
}
