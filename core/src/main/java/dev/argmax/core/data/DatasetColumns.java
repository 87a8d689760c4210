package dev.argmax.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which columns of a {@link CsvTable} play which role in a {@link Dataset}: the response, the
 * optional observation weights and offset, and columns to leave out; every other column is a
 * predictor, in file order. Built as {@code DatasetColumns.of("y").withWeights("w")}, in the same
 * style as the models' frame options; a {@code with} method given null leaves that role empty,
 * so that an optional command-line value can be passed as it is.
 *
 * @param response the response column
 * @param weights the weights column, if any
 * @param offset the offset column, if any
 * @param excluded columns that are neither response nor predictors
 */
public record DatasetColumns(String response, Optional<String> weights, Optional<String> offset,
                             List<String> excluded) {

    public DatasetColumns {
        if (response == null || response.isBlank()) {
            throw new InvalidDataException("the response column must be named");
        }
        if (weights == null || offset == null || excluded == null) {
            throw new InvalidDataException("weights and offset are Optional (empty when absent), excluded a list");
        }
        excluded = List.copyOf(excluded);
    }

    /** Response {@code response}, every other column a predictor. */
    public static DatasetColumns of(String response) {
        return new DatasetColumns(response, Optional.empty(), Optional.empty(), List.of());
    }

    /** The same roles with observation weights from {@code column} (null: none). */
    public DatasetColumns withWeights(String column) {
        return new DatasetColumns(response, Optional.ofNullable(column), offset, excluded);
    }

    /** The same roles with an offset from {@code column} (null: none). */
    public DatasetColumns withOffset(String column) {
        return new DatasetColumns(response, weights, Optional.ofNullable(column), excluded);
    }

    /** The same roles with {@code columns} left out as well. */
    public DatasetColumns withExcluded(Collection<String> columns) {
        List<String> all = new ArrayList<>(excluded);
        all.addAll(columns);
        return new DatasetColumns(response, weights, offset, all);
    }
}
