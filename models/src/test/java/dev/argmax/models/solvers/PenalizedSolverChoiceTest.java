package dev.argmax.models.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.optim.IncompatibleSolverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link PenalizedRegression} takes the gradient solvers by name ({@code .solver("fista")}) and
 * reaches the external references with them on every fixture of {@code penalized/*.json} (glmnet
 * 4.1-6 polished to the exact optimum; closed-form and Newton ridge), standardized or not:
 * coefficients within {@code 1e-6 max(1, max_j |b_j|)} at the solvers' default tolerance (KKT
 * violation 1e-8). A solver that cannot take the penalty is refused when the fit is set up, naming
 * the missing capability and the solvers that handle it.
 */
class PenalizedSolverChoiceTest {

    private static final List<String> SMOOTH = List.of("gd", "lbfgs", "ista", "fista");
    private static final List<String> PROXIMAL = List.of("ista", "fista");

    private static List<Path> jsons(String folder) {
        try (Stream<Path> files = Files.list(Fixtures.path(folder))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dataset data(Path json, JsonNode ref) {
        CsvTable csv = CsvTable.read(json.getParent().resolve(ref.get("data_file").asText()).normalize());
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals(ref.get("response").asText()) && !design.contains(name)) {
                exclude.add(name);
            }
        }
        return csv.toDataset(DatasetColumns.of(ref.get("response").asText()).withExcluded(exclude));
    }

    private static void assertClose(double[] expected, double[] actual, String label) {
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-6 * scale, label + " coefficient " + j);
        }
    }

    @TestFactory
    Stream<DynamicTest> penalizedBuilderTakesTheGradientSolvers() {
        List<DynamicTest> out = new ArrayList<>();
        for (Path f : jsons("penalized")) {
            JsonNode ref = Fixtures.json("penalized/" + f.getFileName());
            boolean lasso = ref.get("kind").asText().startsWith("lasso");
            for (String solver : lasso ? PROXIMAL : SMOOTH) {
                out.add(DynamicTest.dynamicTest(f.getFileName() + " " + solver, () -> {
                    PenalizedRegression.Builder b = PenalizedRegression.builder()
                            .family(Family.of(ref.get("family").asText()))
                            .lambda(Fixtures.doubles(ref.get("lambdas")))
                            .standardize(ref.path("standardize").asBoolean(false)).solver(solver);
                    PenalizedFit fit = (lasso ? b.lasso() : b.ridge()).build().fit(data(f, ref));
                    for (int k = 0; k < fit.solutions().size(); k++) {
                        double[] expected = new double[ref.get("design_columns").size() + 1];
                        expected[0] = ref.get("intercepts").get(k).asDouble();
                        double[] slopes = Fixtures.doubles(ref.get("coefficients").get(k));
                        System.arraycopy(slopes, 0, expected, 1, slopes.length);
                        assertTrue(fit.solution(k).converged(), fit.solution(k).message());
                        assertClose(expected, fit.solution(k).allCoefficients(), solver + " lambda " + k);
                    }
                }));
            }
        }
        return out.stream();
    }

    @Test
    void lassoWithGradientDescentOrIrlsIsRefusedNamingTheSolversThatWork() {
        JsonNode ref = Fixtures.json("penalized/lasso_gaussian_diabetes.json");
        Dataset d = data(Fixtures.path("penalized/lasso_gaussian_diabetes.json"), ref);
        for (String solver : List.of("gd", "lbfgs", "irls")) {
            IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                    () -> PenalizedRegression.builder().family(Family.of("gaussian")).lasso().lambda(1.0)
                            .solver(solver).build().fit(d));
            assertTrue(e.getMessage().startsWith("solver '" + solver + "' needs "), e.getMessage());
            assertTrue(e.getMessage().contains("a smooth (differentiable) penalty"), e.getMessage());
            assertTrue(e.getMessage().contains("solvers that handle it: ") && e.getMessage().contains("fista")
                    && e.getMessage().contains("cd"), e.getMessage());
        }
    }
}
