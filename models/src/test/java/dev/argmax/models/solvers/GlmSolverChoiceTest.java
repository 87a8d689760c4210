package dev.argmax.models.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Glm} takes any registered solver by name ({@code .solver("lbfgs")}) and reaches R 4.2.2
 * {@code glm} ({@code glm/*.json}, every fixture in the folder) with the gradient solvers too:
 * coefficients within {@code 1e-6 max(1, max_j |b_j|)} at their default tolerance (KKT violation
 * 1e-8), with a trace.
 */
class GlmSolverChoiceTest {

    private static final List<String> SMOOTH = List.of("gd", "lbfgs", "ista", "fista");

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
        String offset = ref.hasNonNull("offset_column") ? ref.get("offset_column").asText() : null;
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals(ref.get("response").asText()) && !design.contains(name) && !name.equals(offset)) {
                exclude.add(name);
            }
        }
        return csv.toDataset(DatasetColumns.of(ref.get("response").asText()).withOffset(offset).withExcluded(exclude));
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
    Stream<DynamicTest> glmBuilderTakesTheGradientSolvers() {
        List<DynamicTest> out = new ArrayList<>();
        for (Path f : jsons("glm")) {
            JsonNode ref = Fixtures.json("glm/" + f.getFileName());
            for (String solver : SMOOTH) {
                out.add(DynamicTest.dynamicTest(f.getFileName() + " " + solver, () -> {
                    Glm model = Glm.builder(Family.of(ref.get("family").asText()))
                            .intercept(!ref.has("add_intercept") || ref.get("add_intercept").asBoolean())
                            .solver(solver).build();
                    FittedGlm fit = model.fit(data(f, ref));
                    assertTrue(fit.converged(), fit.solverResult().message());
                    assertEquals(solver, fit.solverResult().solver());
                    assertTrue(fit.solverResult().trace().size() > 0);
                    assertClose(Fixtures.doubles(ref.get("coefficients")), fit.coefficients(), solver);
                }));
            }
        }
        return out.stream();
    }
}
