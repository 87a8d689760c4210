package dev.argmax.models.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference fits through formulas: the text-and-missing-values fixture ({@code factors/},
 * R's {@code glm} with {@code na.omit}; coefficient names and order, n, n_dropped exactly,
 * coefficients 1e-8 and standard errors 1e-7 relative as the reference README asks), and every
 * GLM and penalized fixture written as {@code response ~ col1 + col2 + ...}, at the tolerances
 * of their own tests.
 */
class FormulaFixturesTest {

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(c -> out.add(c.asText()));
        return out;
    }

    static List<String> fixtures(String dir) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.path(dir))) {
            return files.map(f -> dir + "/" + f.getFileName()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    static List<String> factorFixtures() throws IOException {
        return fixtures("factors");
    }

    static List<String> glmFixtures() throws IOException {
        return fixtures("glm");
    }

    static List<String> penalizedFixtures() throws IOException {
        return fixtures("penalized");
    }

    static CsvTable data(JsonNode ref, String fixture) {
        return CsvTable.read(Fixtures.path(fixture).getParent().resolve(ref.get("data_file").asText()).normalize());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factorFixtures")
    void textDataWithMissingValuesAsR(String fixture) {
        JsonNode ref = Fixtures.json(fixture);
        FittedGlm fit = Glm.builder(Family.of(ref.get("family").asText())).formula(ref.get("formula").asText())
                .epsilon(1e-14).maxIterations(100).build().fit(data(ref, fixture));
        assertEquals(names(ref.get("coefficient_names")), fit.coefficientNames());
        assertEquals(ref.get("n").asInt(), fit.observations());
        assertEquals(ref.get("n_dropped").asInt(), fit.dropped());
        List<Integer> dropped = new ArrayList<>();
        for (int r : fit.frame().orElseThrow().training(data(ref, fixture)).droppedRows()) {
            dropped.add(r + 1);
        }
        List<Integer> expectedDropped = new ArrayList<>();
        ref.get("dropped_rows").forEach(r -> expectedDropped.add(r.asInt()));
        assertEquals(expectedDropped, dropped);
        for (var e : fit.frame().orElseThrow().variables()) {
            if (e.kind() == ModelFrame.Kind.FACTOR && ref.get("factor_levels").has(e.label())) {
                assertEquals(names(ref.get("factor_levels").get(e.label())), e.levels());
            }
        }
        double coef = Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(ref.get("std_errors")), 0);
        assertTrue(coef <= 1e-8, "coefficients " + coef);
        assertTrue(se <= 1e-7, "standard errors " + se);
        assertEquals(ref.get("deviance").asDouble(), fit.deviance(), 1e-10 * ref.get("deviance").asDouble());
        assertEquals(ref.get("aic").asDouble(), fit.aic(), 1e-10 * ref.get("aic").asDouble());
        assertEquals(ref.get("df_residual").asInt(), fit.dfResidual());
        assertTrue(fit.summary().contains("(" + ref.get("n_dropped").asInt() + " observations deleted due to missingness)"),
                fit.summary());
        assertTrue(fit.summary().contains("glm(formula = " + ref.get("formula").asText()), fit.summary());
    }

    /** {@code response ~ c1 + c2 + ...} (or {@code - 1} without an intercept) from a fixture's design columns. */
    static String formulaOf(JsonNode ref, boolean intercept) {
        String rhs = String.join(" + ", names(ref.get("design_columns")));
        return ref.get("response").asText() + " ~ " + rhs + (intercept ? "" : " - 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("glmFixtures")
    void glmFixturesAsFormulas(String fixture) {
        JsonNode ref = Fixtures.json(fixture);
        boolean intercept = !ref.has("add_intercept") || ref.get("add_intercept").asBoolean();
        FittedGlm fit = Glm.builder(Family.of(ref.get("family").asText())).formula(formulaOf(ref, intercept))
                .epsilon(1e-14).build().fit(data(ref, fixture));
        assertEquals(names(ref.get("coefficient_names")), fit.coefficientNames());
        double coef = Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(ref.get("std_errors_at_mle")), 0);
        assertTrue(coef <= 1e-9, "coefficients " + coef);
        assertTrue(se <= 1e-8, "standard errors " + se);
        assertEquals(0, fit.dropped());
    }

    /**
     * Penalized fixtures through {@code PenalizedRegression.builder().formula(...)}: lasso within
     * 1e-6 of the largest coefficient (the reference README's bound for a converged
     * coordinate-descent solution), ridge 1e-8 relative.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("penalizedFixtures")
    void penalizedFixturesAsFormulas(String fixture) {
        JsonNode ref = Fixtures.json(fixture);
        boolean lasso = ref.get("kind").asText().startsWith("lasso");
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        PenalizedRegression.Builder b = PenalizedRegression.builder()
                .family(Family.of(ref.get("family").asText()))
                .alpha(lasso ? 1 : 0).lambda(lambdas).standardize(ref.path("standardize").asBoolean(false))
                .relativeTolerance(1e-12)
                .formula(formulaOf(ref, true));
        PenalizedFit fit = b.build().fit(data(ref, fixture));
        List<String> expectedNames = new ArrayList<>(List.of("(Intercept)"));
        expectedNames.addAll(names(ref.get("design_columns")));
        assertEquals(expectedNames, fit.coefficientNames());
        for (int k = 0; k < lambdas.length; k++) {
            double[] slopes = Fixtures.doubles(ref.get("coefficients").get(k));
            double[] expected = new double[slopes.length + 1];
            expected[0] = ref.get("intercepts").get(k).asDouble();
            System.arraycopy(slopes, 0, expected, 1, slopes.length);
            double[] got = fit.solution(k).allCoefficients();
            double scale = 0;
            for (double v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < expected.length; j++) {
                double tol = lasso ? 1e-6 * scale : 1e-8 * Math.max(Math.abs(expected[j]), 1e-3 * scale);
                assertEquals(expected[j], got[j], tol, fixture + " lambda " + k + " coefficient " + j);
            }
        }
    }

    @Test
    void cbindResponseIsBinomialProportionsWithTrialsAsWeights() {
        CsvTable t = CsvTable.parse("s,f,x\n1,3,0.1\n2,2,0.5\n3,1,0.9\n4,1,1.3\n1,4,0.2\n");
        FittedGlm byCbind = Glm.builder(Family.binomial()).formula("cbind(s, f) ~ x").build().fit(t);
        // the same binomial likelihood written as Bernoulli rows: one row per trial
        StringBuilder sb = new StringBuilder("y,x\n");
        double[][] rows = {{1, 3, 0.1}, {2, 2, 0.5}, {3, 1, 0.9}, {4, 1, 1.3}, {1, 4, 0.2}};
        for (double[] r : rows) {
            for (int i = 0; i < r[0]; i++) {
                sb.append("1,").append(r[2]).append('\n');
            }
            for (int i = 0; i < r[1]; i++) {
                sb.append("0,").append(r[2]).append('\n');
            }
        }
        FittedGlm bernoulli = Glm.builder(Family.binomial()).formula("y ~ x").build().fit(CsvTable.parse(sb.toString()));
        assertTrue(Fixtures.maxRelDiff(byCbind.coefficients(), bernoulli.coefficients(), 0) < 1e-8);
        assertTrue(Fixtures.maxRelDiff(byCbind.standardErrors(), bernoulli.standardErrors(), 0) < 1e-8);
    }
}
