package dev.argmax.models.multinomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.path.RegularizationPath;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multinomial lasso paths against glmnet's fixtures (iris, K = 3, ungrouped and grouped; README
 * section 7): a path over the fixture's lambdas (warm starts, strong rule, KKT check) gives the
 * polished reference coefficients within 1e-7 absolute and the objective within 1e-10 relative
 * (coordinate descent stops at a KKT violation of 1e-9 x the null gradient scale, below 1e-9, as
 * in {@link PenalizedMultinomialTest}); the default path starts at the fixture's lambda_max (1e-12
 * relative: the same sums, in another order), with every slope 0 there, has 100 geometric lambdas
 * down to 1e-4 lambda_max (n &gt; p), converges at every lambda to the KKT tolerance over all
 * coefficients (not only the strong set), and is addressed by lambda.
 */
class MultinomialPathTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ungrouped", "grouped"})
    void pathOverTheFixtureLambdasMatchesGlmnet(String type) {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_" + type + ".json");
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> labels = MultinomialReferenceTest.labels(ref, d);
        PenalizedMultinomial model = PenalizedMultinomial.builder()
                .levels(new ClassLevels(MultinomialReferenceTest.names(ref.get("levels"))))
                .grouped(type.equals("grouped"))
                .build();
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        MultinomialPath path = model.pathLabels(d, labels, RegularizationPath.Settings.defaults().withLambdas(lambdas));
        assertTrue(path.converged());
        MultinomialReferenceTest.assertRel(ref.get("lambda_max").asDouble(), path.lambdaMax(), 1e-12, "lambda_max");
        double[][] intercepts = Fixtures.matrix(ref.get("intercepts"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        double[] nonzeros = Fixtures.doubles(ref.get("nonzeros"));
        for (int l = 0; l < lambdas.length; l++) {
            PenalizedMultinomial.Solution s = path.solution(l);
            double[][] slopes = Fixtures.matrix(ref.get("coefficients").get(l));
            for (int k = 0; k < 3; k++) {
                assertEquals(intercepts[l][k], s.intercepts()[k], 1e-7, "intercept " + l + "," + k);
                for (int j = 0; j < slopes[k].length; j++) {
                    assertEquals(slopes[k][j], s.slopes()[k][j], 1e-7, "slope " + l + "," + k + "," + j);
                }
            }
            MultinomialReferenceTest.assertRel(objectives[l], s.objective(), 1e-10, "objective " + l);
            if (type.equals("grouped")) {
                assertEquals((int) nonzeros[l], path.nonzero()[l], "predictors in the model at lambda " + l);
            }
            MultinomialPath.Coefficients at = path.coefficients(lambdas[l]);
            assertEquals(s.intercepts()[1], at.intercepts()[1], 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ungrouped", "grouped"})
    void defaultPathStartsAtLambdaMaxAndConvergesEverywhere(String type) {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_" + type + ".json");
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> labels = MultinomialReferenceTest.labels(ref, d);
        PenalizedMultinomial model = PenalizedMultinomial.builder().grouped(type.equals("grouped")).build();
        MultinomialPath path = model.pathLabels(d, labels, RegularizationPath.Settings.defaults());
        double lmax = ref.get("lambda_max").asDouble();
        MultinomialReferenceTest.assertRel(lmax, path.lambdaMax(), 1e-12, "lambda_max");
        double[] lambdas = path.lambdas();
        assertEquals(100, lambdas.length);
        MultinomialReferenceTest.assertRel(lmax * 1e-4, lambdas[99], 1e-12, "smallest lambda");
        assertEquals(0, path.nonzero()[0]);
        assertTrue(path.nonzero()[99] > 0);
        for (int l = 0; l < lambdas.length; l++) {
            var r = path.solution(l).solverResult();
            assertTrue(r.converged(), r.message());
            // the tolerance is 1e-9 x the null gradient scale, which is lambda_max of the ungrouped lasso (<= lmax)
            assertTrue(r.optimality() <= 1e-9 * lmax, "KKT violation " + r.optimality() + " at lambda " + l);
        }
        double[] dev = path.deviances();
        assertEquals(path.nullDeviance(), dev[0], 1e-9 * path.nullDeviance());
        assertTrue(dev[99] < dev[50] && dev[50] < dev[0]);
        // addressed by lambda: between two fitted lambdas, the linear interpolation of their solutions
        double s = 0.5 * (lambdas[10] + lambdas[11]);
        double expected = 0.5 * (path.solution(10).slopes()[2][3] + path.solution(11).slopes()[2][3]);
        assertEquals(expected, path.coefficients(s).slopes()[2][3], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> path.coefficients(lambdas[99] / 2));
        double[][] prob = path.probabilities(d, lambdas[99]);
        assertEquals(1.0, prob[0][0] + prob[0][1] + prob[0][2], 1e-15);
        assertEquals("setosa", path.classes(d, lambdas[99]).get(0));
    }
}
