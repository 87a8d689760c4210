package dev.argmax.models.penalized;

import dev.argmax.models.family.Family;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JSON of {@code src/test/resources/penalized} (copied unchanged from the reference set,
 * README section 3: glmnet 4.1-6 polished to the exact optimum, closed-form and Newton ridge),
 * with its data as a {@link Dataset}. A hidden set in the same format is picked up the same way.
 */
record PenalizedFixtures(String name, JsonNode json, Dataset data) {

    static List<PenalizedFixtures> all() {
        Path dir = Fixtures.path("penalized");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(PenalizedFixtures::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PenalizedFixtures load(Path file) {
        JsonNode j = Fixtures.json("penalized/" + file.getFileName());
        CsvTable table = CsvTable.read(file.getParent().resolve(j.get("data_file").asText()).normalize());
        JsonNode cols = j.get("design_columns");
        double[][] columns = new double[cols.size()][];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            columns[c] = table.column(cols.get(c).asText());
            names.add(cols.get(c).asText());
        }
        Dataset d = Dataset.builder().columns(columns).y(table.column(j.get("response").asText()))
                .predictorNames(names).build();
        return new PenalizedFixtures(file.getFileName().toString(), j, d);
    }

    boolean lasso() {
        return json.get("kind").asText().startsWith("lasso");
    }

    boolean standardized() {
        return json.path("standardize").asBoolean(false);
    }

    Family family() {
        return Family.of(json.get("family").asText());
    }

    double[] lambdas() {
        return Fixtures.doubles(json.get("lambdas"));
    }

    double[] expected(int k) {
        double[] slopes = Fixtures.doubles(json.get("coefficients").get(k));
        double[] out = new double[slopes.length + 1];
        out[0] = json.get("intercepts").get(k).asDouble();
        System.arraycopy(slopes, 0, out, 1, slopes.length);
        return out;
    }

    double objective(int k) {
        return json.get("objective_values").get(k).asDouble();
    }

    @Override
    public String toString() {
        return name;
    }
}
