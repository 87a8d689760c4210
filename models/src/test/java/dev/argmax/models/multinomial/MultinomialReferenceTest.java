package dev.argmax.models.multinomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.gradient.GradientSettings;
import dev.argmax.optim.gradient.Lbfgs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code nnet::multinom} fixture of the reference set (MASS::housing, K = 3, frequency
 * weights; README section 7), through the public API, at the README's tolerances: coefficients
 * 1e-7 relative (the fixture is the exact MLE, Newton-polished to a score of 1e-14), standard
 * errors 1e-6 relative (both nnet's and those at the MLE), deviance / AIC / BIC / null deviance /
 * log-likelihood 1e-9 relative. Newton's method converges quadratically to rounding, so it meets
 * these with room; L-BFGS is run with a KKT tolerance of 1e-12 on the scaled objective, which
 * bounds its relative coefficient error by about {@code cond(H) * 1e-12}.
 */
class MultinomialReferenceTest {

    static Dataset data(JsonNode ref) {
        String file = ref.get("data_file").asText().replace("../", "");
        CsvTable csv = Fixtures.csv(file);
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        String weights = ref.hasNonNull("weights_column") ? ref.get("weights_column").asText() : null;
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals(ref.get("response").asText()) && !design.contains(name) && !name.equals(weights)) {
                exclude.add(name);
            }
        }
        Dataset d = csv.toDataset(DatasetColumns.of(ref.get("response").asText())
                .withWeights(weights).withExcluded(exclude));
        assertEquals(design, d.predictorNames());
        return d;
    }

    /** The fixture's class codes 1..K relabelled by its level names (a text response). */
    static List<String> labels(JsonNode ref, Dataset d) {
        List<String> names = new ArrayList<>();
        ref.get("levels").forEach(l -> names.add(l.asText()));
        List<String> out = new ArrayList<>();
        for (double v : d.response()) {
            out.add(names.get((int) v - 1));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"newton", "lbfgs"})
    void housingMatchesNnet(String solver) {
        JsonNode ref = Fixtures.json("multinomial/multinom_housing.json");
        Dataset d = data(ref);
        List<String> levels = new ArrayList<>();
        ref.get("levels").forEach(l -> levels.add(l.asText()));
        MultinomialRegression.Builder builder = MultinomialRegression.builder()
                .levels(new ClassLevels(levels));
        if (solver.equals("lbfgs")) {
            builder.solver(new Lbfgs().withSettings(GradientSettings.defaults().withTolerance(1e-12, 20_000)));
        }
        FittedMultinomial fit = builder.build().fitLabels(d, labels(ref, d));
        assertTrue(fit.converged(), fit.solverResult().message());
        assertFalse(fit.separation(), fit.warnings().toString());
        assertEquals(ref.get("reference_level").asText(), fit.referenceLevel());
        assertEquals(names(ref.get("class_names")), fit.classNames());
        assertEquals(names(ref.get("coefficient_names")), fit.terms());
        assertEquals(names(ref.get("parameter_names")), fit.parameterNames());
        assertMatrix(Fixtures.matrix(ref.get("coefficients")), fit.coefficients(), 1e-7, "coefficients");
        assertMatrix(Fixtures.matrix(ref.get("std_errors")), fit.standardErrors(), 1e-6, "nnet standard errors");
        assertMatrix(Fixtures.matrix(ref.get("std_errors_at_mle")), fit.standardErrors(), 1e-6,
                "standard errors at the MLE");
        assertMatrix(Fixtures.matrix(ref.get("test_statistics")), fit.statistics(), 1e-6, "z");
        assertMatrix(Fixtures.matrix(ref.get("p_values")), fit.pValues(), 1e-5, "p-values");
        assertMatrix(Fixtures.matrix(ref.get("covariance_at_mle")), fit.covariance().toArray(), 1e-6,
                "covariance");
        assertRel(ref.get("deviance").asDouble(), fit.deviance(), 1e-9, "deviance");
        assertRel(ref.get("loglik").asDouble(), fit.logLikelihood(), 1e-9, "loglik");
        assertRel(ref.get("aic").asDouble(), fit.aic(), 1e-9, "AIC");
        assertRel(ref.get("bic").asDouble(), fit.bic(), 1e-9, "BIC");
        assertRel(ref.get("null_deviance").asDouble(), fit.nullDeviance(), 1e-9, "null deviance");
        assertEquals(ref.get("edf").asInt(), fit.edf());
        double[][] first5 = Fixtures.matrix(ref.get("fitted_probabilities_first5"));
        double[][] fitted = fit.fittedProbabilities();
        for (int i = 0; i < first5.length; i++) {
            for (int c = 0; c < first5[i].length; c++) {
                assertEquals(first5[i][c], fitted[i][c], 1e-8, "fitted probability " + i + "," + c);
            }
        }
    }

    /** The same fit with numeric class codes: levels "1", "2", "3" in numeric order. */
    @org.junit.jupiter.api.Test
    void numericCodesGiveTheSameFit() {
        JsonNode ref = Fixtures.json("multinomial/multinom_housing.json");
        FittedMultinomial fit = MultinomialRegression.fit(data(ref));
        assertEquals(List.of("1", "2", "3"), fit.levels());
        assertMatrix(Fixtures.matrix(ref.get("coefficients")), fit.coefficients(), 1e-7, "coefficients");
        assertEquals("1", fit.referenceLevel());
        assertEquals("2:(Intercept)", fit.parameterNames().get(0));
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static void assertMatrix(double[][] expected, double[][] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + " columns");
            for (int j = 0; j < expected[i].length; j++) {
                assertRel(expected[i][j], actual[i][j], relTol, what + "[" + i + "][" + j + "]");
            }
        }
    }

    static void assertRel(double expected, double actual, double relTol, String what) {
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= relTol, what + ": expected " + expected + ", got " + actual + " (rel " + err + ")");
    }
}
