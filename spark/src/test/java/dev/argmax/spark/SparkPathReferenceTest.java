package dev.argmax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.newton.ProximalNewton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lasso and ridge paths on Spark (local[2], 3 partitions) against glmnet 4.1-6 polished to the exact
 * optimum (every fixture in {@code penalized/}): coefficients to 1e-7 absolute, objective
 * to 1e-10 relative at the given lambdas, with and without standardization, and {@code lambda_max}
 * to 1e-12 relative.
 */
class SparkPathReferenceTest {

    static Stream<String> penalizedFixtures() throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.path("penalized"))) {
            return files.map(f -> "penalized/" + f.getFileName()).filter(f -> f.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("penalizedFixtures")
    void matchesGlmnet(String fixture) {
        JsonNode ref = Fixtures.json(fixture);
        boolean lasso = ref.get("kind").asText().startsWith("lasso");
        List<String> columns = new ArrayList<>();
        ref.get("design_columns").forEach(c -> columns.add(c.asText()));
        SparkPath path = SparkGlm.builder()
                .family(ref.get("family").asText())
                .label(ref.get("response").asText())
                .features(columns.toArray(new String[0]))
                .alpha(lasso ? 1.0 : 0.0)
                .standardize(ref.get("standardize").asBoolean())
                .pathSettings(new ProximalNewton.Settings(1e-10, 100, 1_000_000))
                .build()
                .path(SparkGlmReferenceTest.csv(fixture, ref), Fixtures.doubles(ref.get("lambdas")));

        if (ref.hasNonNull("lambda_max")) {
            assertEquals(ref.get("lambda_max").asDouble(), path.lambdaMax(), 1e-12 * ref.get("lambda_max").asDouble());
        }
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        double[] intercepts = Fixtures.doubles(ref.get("intercepts"));
        double[][] slopes = Fixtures.matrix(ref.get("coefficients"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        for (int l = 0; l < lambdas.length; l++) {
            SparkPath.Point point = findPoint(path, lambdas[l]);
            assertTrue(point.converged(), "lambda " + lambdas[l] + " KKT " + point.kktViolation());
            double[] beta = point.coefficients();
            assertEquals(intercepts[l], beta[0], 1e-7, "intercept at lambda " + lambdas[l]);
            for (int j = 0; j < slopes[l].length; j++) {
                assertEquals(slopes[l][j], beta[j + 1], 1e-7, columns.get(j) + " at lambda " + lambdas[l]);
            }
            assertEquals(objectives[l], point.objective(), 1e-10 * Math.abs(objectives[l]),
                    "objective at lambda " + lambdas[l]);
        }
    }

    private static SparkPath.Point findPoint(SparkPath path, double lambda) {
        return path.points().stream().filter(p -> p.lambda() == lambda).findFirst().orElseThrow();
    }
}
