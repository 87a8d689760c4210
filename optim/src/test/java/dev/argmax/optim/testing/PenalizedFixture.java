package dev.argmax.optim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One penalized reference fixture (glmnet polished to the exact optimum, or a closed form /
 * Newton solution; conventions in section 3 of the reference set's README), loaded from
 * {@code src/test/resources/penalized}. Every JSON file of that folder is a fixture, so a
 * hidden set in the same format is picked up as well.
 */
public record PenalizedFixture(String name, JsonNode json, double[][] columns, double[] y) {

    public static List<PenalizedFixture> all() {
        Path dir = Fixtures.path("penalized");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(PenalizedFixture::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PenalizedFixture load(Path file) {
        JsonNode j = Fixtures.json("penalized/" + file.getFileName());
        CsvTable table = CsvTable.read(file.getParent().resolve(j.get("data_file").asText()).normalize());
        JsonNode cols = j.get("design_columns");
        double[][] columns = new double[cols.size()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = table.column(cols.get(c).asText());
        }
        return new PenalizedFixture(file.getFileName().toString(), j, columns, table.column(j.get("response").asText()));
    }

    public boolean lasso() {
        return json.get("kind").asText().startsWith("lasso");
    }

    public boolean standardized() {
        return json.path("standardize").asBoolean(false);
    }

    public String family() {
        return json.get("family").asText();
    }

    public double[] lambdas() {
        return Fixtures.doubles(json.get("lambdas"));
    }

    public Design design() {
        return new Design(NativeArrays.fromColumns(columns, y.length), true);
    }

    public Datafit datafit() {
        return switch (family()) {
            case "gaussian" -> new QuadraticDatafit(y, null);
            case "binomial" -> new LogisticDatafit(y, null);
            case "poisson" -> new PoissonDatafit(y, null);
            default -> throw new IllegalArgumentException("unknown family " + family());
        };
    }

    /** Reference coefficients (intercept first) at lambda index k. */
    public double[] expected(int k) {
        double[] slopes = Fixtures.doubles(json.get("coefficients").get(k));
        double[] out = new double[slopes.length + 1];
        out[0] = json.get("intercepts").get(k).asDouble();
        System.arraycopy(slopes, 0, out, 1, slopes.length);
        return out;
    }

    public double expectedObjective(int k) {
        return json.get("objective_values").get(k).asDouble();
    }

    /** The fixture's lambda_max, or null (ridge fixtures have none). */
    public Double lambdaMax() {
        return json.has("lambda_max") ? json.get("lambda_max").asDouble() : null;
    }

    /** The unstandardized fixtures. */
    public static List<PenalizedFixture> unstandardized() {
        return all().stream().filter(f -> !f.standardized()).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
