package dev.argmax.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One penalized fixture of {@code penalized/} (glmnet 4.1-6 paths and ridge fits polished to the
 * exact optimum; the reference set's README section 3), with its data read from the CSV it names:
 * the one loader of that format for every module's tests. Every JSON file of the folder is a
 * fixture, so a hidden set in the same format is picked up the same way.
 *
 * @param name the file name
 * @param json the fixture
 * @param names the design columns, in coefficient order (after the intercept)
 * @param columns their values
 * @param y the response
 */
public record PenalizedReference(String name, JsonNode json, List<String> names, double[][] columns, double[] y) {

    /** Every fixture of {@code penalized/}, sorted by file name. */
    public static List<PenalizedReference> all() {
        Path dir = Fixtures.path("penalized");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(PenalizedReference::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixtures fitted without glmnet's standardization. */
    public static List<PenalizedReference> unstandardized() {
        return all().stream().filter(f -> !f.standardized()).toList();
    }

    /** The fixture in {@code file} (a JSON of the penalized folder). */
    public static PenalizedReference load(Path file) {
        JsonNode j = Fixtures.json("penalized/" + file.getFileName());
        CsvTable table = CsvTable.read(file.getParent().resolve(j.get("data_file").asText()).normalize());
        JsonNode cols = j.get("design_columns");
        double[][] columns = new double[cols.size()][];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            names.add(cols.get(c).asText());
            columns[c] = table.column(names.get(c));
        }
        return new PenalizedReference(file.getFileName().toString(), j, List.copyOf(names), columns,
                table.column(j.get("response").asText()));
    }

    /** The data as a {@link Dataset} (predictors named as in the fixture). */
    public Dataset dataset() {
        return Dataset.builder().columns(columns).y(y).predictorNames(names).build();
    }

    /** Whether the fixture is a lasso path (else a ridge fit). */
    public boolean lasso() {
        return json.get("kind").asText().startsWith("lasso");
    }

    /** Whether glmnet standardized the columns. */
    public boolean standardized() {
        return json.path("standardize").asBoolean(false);
    }

    /** The family's name: gaussian, binomial or poisson. */
    public String family() {
        return json.get("family").asText();
    }

    public double[] lambdas() {
        return Fixtures.doubles(json.get("lambdas"));
    }

    /** Reference coefficients (intercept first) at lambda index k. */
    public double[] expected(int k) {
        double[] slopes = Fixtures.doubles(json.get("coefficients").get(k));
        double[] out = new double[slopes.length + 1];
        out[0] = json.get("intercepts").get(k).asDouble();
        System.arraycopy(slopes, 0, out, 1, slopes.length);
        return out;
    }

    /** glmnet's objective at lambda index k. */
    public double expectedObjective(int k) {
        return json.get("objective_values").get(k).asDouble();
    }

    /** The fixture's lambda_max, or null (ridge fixtures have none). */
    public Double lambdaMax() {
        return json.has("lambda_max") ? json.get("lambda_max").asDouble() : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
