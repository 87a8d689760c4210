package dev.argmax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * argmax on Spark (local[2], data split over 3 partitions) against R's {@code glm}: every fixture in
 * {@code glm/} (R 4.2.2, epsilon 1e-14), to the tolerances of the GLM issue:
 * coefficients 1e-9 relative, standard errors 1e-8 relative of {@code std_errors_at_mle},
 * deviance and null deviance 1e-10 relative.
 */
class SparkGlmReferenceTest {

    static Stream<String> glmFixtures() throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.path("glm"))) {
            return files.map(f -> "glm/" + f.getFileName()).filter(f -> f.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    static Dataset<Row> csv(String fixture, JsonNode json) {
        Path data = Fixtures.path(fixture).getParent().resolve(json.get("data_file").asText()).normalize();
        return LocalSpark.session().read().option("header", "true").option("inferSchema", "true")
                .csv(data.toString()).repartition(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("glmFixtures")
    void matchesRGlm(String fixture) {
        JsonNode ref = Fixtures.json(fixture);
        List<String> columns = new ArrayList<>();
        ref.get("design_columns").forEach(c -> columns.add(c.asText()));
        SparkGlm.Builder builder = SparkGlm.builder()
                .family(ref.get("family").asText())
                .label(ref.get("response").asText())
                .features(columns.toArray(new String[0]))
                .intercept(ref.get("add_intercept").asBoolean());
        if (ref.hasNonNull("offset_column")) {
            builder.offset(ref.get("offset_column").asText());
        }
        SparkGlmFit fit = builder.epsilon(1e-14).maxIterations(100).build()
                .fit(csv(fixture, ref));

        assertTrue(fit.converged(), fit.solverResult().message());
        double[] coefficients = Fixtures.doubles(ref.get("coefficients"));
        double[] errors = Fixtures.doubles(ref.get("std_errors_at_mle"));
        assertTrue(Fixtures.maxRelDiff(fit.coefficients(), coefficients, 1e-300) < 1e-9, () -> "coefficients "
                + java.util.Arrays.toString(fit.coefficients()) + " vs " + java.util.Arrays.toString(coefficients)
                + " after " + fit.iterations() + " iterations: " + fit.solverResult().message());
        assertTrue(Fixtures.maxRelDiff(fit.standardErrors(), errors, 1e-300) < 1e-8, "standard errors");
        assertEquals(ref.get("deviance").asDouble(), fit.deviance(), 1e-10 * ref.get("deviance").asDouble());
        assertEquals(ref.get("null_deviance").asDouble(), fit.nullDeviance(),
                1e-10 * ref.get("null_deviance").asDouble());
        assertEquals(ref.get("df_residual").asLong(), fit.dfResidual());
        assertEquals(ref.get("dispersion").asDouble(), fit.dispersion(), 1e-10 * ref.get("dispersion").asDouble());
        for (String statistic : List.of("loglik", "aic", "bic", "pearson_chi2")) {
            double expected = ref.get(statistic).asDouble();
            double actual = switch (statistic) {
                case "loglik" -> fit.logLikelihood();
                case "aic" -> fit.aic();
                case "bic" -> fit.bic();
                default -> fit.pearsonChiSquare();
            };
            assertEquals(expected, actual, 1e-10 * Math.abs(expected), statistic);
        }
        assertTrue(Fixtures.maxRelDiff(fit.pValues(), Fixtures.doubles(ref.get("p_values")), 1e-300) < 1e-6,
                "p-values");
    }
}
