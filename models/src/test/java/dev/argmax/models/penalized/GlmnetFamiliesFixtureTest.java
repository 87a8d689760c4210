package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * glmnet with a family object ({@code glmnet_families/*.json}: {@code family = Gamma(link = "log")}
 * and {@code binomial(link = "probit")}, glmnet's objective of half the mean deviance plus the
 * lasso penalty, reference polished to the exact optimum) through the public API: coefficients to
 * 1e-7 absolute, objective to 1e-10 relative, the same zero pattern, lambda_max to 1e-10 relative.
 * Coordinate descent's KKT tolerance is set to 1e-12 relative to the null gradient, so that the
 * objective's error (quadratic in the coefficients' error) is far below 1e-10.
 */
class GlmnetFamiliesFixtureTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lasso_gamma_log_cars93", "lasso_probit_birthwt"})
    void lassoPathMatchesGlmnet(String name) {
        JsonNode ref = Fixtures.json("glmnet_families/" + name + ".json");
        CsvTable csv = Fixtures.csv(ref.get("data_file").asText().replace("../", ""));
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        List<String> exclude = new ArrayList<>();
        for (String c : csv.names()) {
            if (!c.equals(ref.get("response").asText()) && !design.contains(c)) {
                exclude.add(c);
            }
        }
        Dataset data = csv.toDataset(DatasetColumns.of(ref.get("response").asText()).withExcluded(exclude));
        assertEquals(design, data.predictorNames());
        Family family = Family.of(ref.get("family").asText(), ref.get("link").asText());
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        PenalizedFit fit = PenalizedRegression.builder().family(family).lasso().standardize(false).lambda(lambdas)
                .relativeTolerance(1e-12).build().fit(data);
        double[] intercepts = Fixtures.doubles(ref.get("intercepts"));
        double[][] coefficients = Fixtures.matrix(ref.get("coefficients"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        double worstCoef = 0;
        double worstObj = 0;
        for (int k = 0; k < lambdas.length; k++) {
            PenalizedSolution s = fit.solution(k);
            assertTrue(s.converged(), name + " lambda " + s.lambda() + ": " + s.message());
            double[] got = s.allCoefficients();
            worstCoef = Math.max(worstCoef, Math.abs(got[0] - intercepts[k]));
            for (int j = 0; j < coefficients[k].length; j++) {
                worstCoef = Math.max(worstCoef, Math.abs(got[j + 1] - coefficients[k][j]));
                assertEquals(coefficients[k][j] == 0, got[j + 1] == 0, name + " zero pattern, lambda " + k + " j " + j);
            }
            worstObj = Math.max(worstObj, Math.abs(s.objective() - objectives[k]) / Math.abs(objectives[k]));
        }
        System.out.printf("%s: max |coef diff| %.3g, max rel objective diff %.3g, lambda_max %.3g%n", name, worstCoef,
                worstObj, Math.abs(fit.lambdaMax() - ref.get("lambda_max").asDouble()) / ref.get("lambda_max").asDouble());
        assertTrue(worstCoef <= 1e-7, name + ": coefficients differ by " + worstCoef);
        assertTrue(worstObj <= 1e-10, name + ": objective differs by " + worstObj + " relative");
        double lmax = ref.get("lambda_max").asDouble();
        assertEquals(lmax, fit.lambdaMax(), 1e-10 * lmax, name + " lambda_max");
    }
}
