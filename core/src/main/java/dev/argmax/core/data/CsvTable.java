package dev.argmax.core.data;

import dev.argmax.core.linalg.NativeArrays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A table read from a CSV file: one header line of column names, then one record per line,
 * comma separated (see {@link CsvReader} for quoting, blanks, BOM and CRLF). A column whose
 * fields are all numbers is numeric; any other column is text, kept as the sorted set of its
 * distinct values (its levels, sorted as R's {@code factor()} sorts them: {@link LevelOrder}) and
 * one level code per row. {@code NA}, {@code NaN} and empty fields are missing
 * values, in numeric and text columns alike; where each column's first missing value sits is
 * remembered for messages.
 *
 * <p>Storage: numeric columns live in native memory ({@code NumericColumn}), where a design
 * matrix is built from them by {@code memcpy}; text codes on the heap. The accessors that return
 * arrays ({@link #column}, {@link #values}, {@link #codes}) return copies. A table given to a
 * model with {@link #handOver} has each column freed once the model's design holds it, so that
 * loading a file and building its design never holds two copies of the data.
 *
 * <p>A table is the step between a file and a {@link Dataset}: a model frame (formulas, in
 * argmax-models) builds the design from it, or {@link #toDataset} takes every column other than
 * the response, weights, offset and excluded ones as a numeric predictor, in file order, and
 * refuses missing values and text with their line and column.
 */
public final class CsvTable {

    /** Where a value sits: 0-based data row, 1-based line of the file, column name, the text written there. */
    public record Cell(int row, int line, String column, String text) {
    }

    private final List<String> names;
    private final NumericColumn[] numeric;
    private final int[][] codes;
    private final List<List<String>> levels;
    private final int[][] levelFirstRows;
    private final Cell[] firstMissing;
    private final int[] breakRows;
    private final int[] breakLines;
    private final int rows;
    private final String source;
    private volatile boolean handedOver;

    private CsvTable(CsvReader.Parsed p, String source) {
        this.names = p.names();
        this.numeric = p.numeric();
        this.codes = p.codes();
        this.levels = p.levels();
        this.levelFirstRows = p.levelFirstRows();
        this.firstMissing = p.firstMissing();
        this.breakRows = p.breakRows();
        this.breakLines = p.breakLines();
        this.rows = p.rows();
        this.source = source;
    }

    /**
     * Reads a CSV file, in parallel chunks.
     *
     * @throws InvalidDataException if the file is empty, ragged, has duplicate column names, an
     *     infinite number or an unterminated quote, or does not fit in the Java heap
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvTable read(Path file) {
        try (CsvReader.Source src = CsvReader.file(file)) {
            return new CsvTable(CsvReader.read(src), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text (for tests and in-memory data). */
    public static CsvTable parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8), "CSV text");
    }

    /** Parses CSV bytes (UTF-8), e.g. standard input; {@code source} names them in messages. */
    public static CsvTable parse(byte[] bytes, String source) {
        try (CsvReader.Source src = CsvReader.bytes(bytes, source)) {
            return new CsvTable(CsvReader.read(src), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file (or "CSV text") the table was read from, as messages name it. */
    public String source() {
        return source;
    }

    /** Column names in file order. */
    public List<String> names() {
        return names;
    }

    /** Number of data rows. */
    public int rows() {
        return rows;
    }

    /** True when the named column holds text (at least one field that is not a number). */
    public boolean isText(String name) {
        return codes[indexOf(name)] != null;
    }

    /**
     * A copy of the named numeric column, which must have no missing value.
     *
     * @throws InvalidDataException for a missing value or a text column, naming the line
     */
    public double[] column(String name) {
        int j = indexOf(name);
        Cell miss = firstMissing[j];
        if (miss != null) {
            throw missingValue(miss);
        }
        return values(name);
    }

    /**
     * A copy of the named numeric column with NaN where a value is missing.
     *
     * @throws InvalidDataException for a text column, naming its first value that is not a number
     */
    public double[] values(String name) {
        int j = indexOf(name);
        if (numeric[j] == null) {
            throw notANumber(j);
        }
        return numeric[j].toArray();
    }

    /** The levels of a text column: its distinct values in R's order ({@link LevelOrder}). */
    public List<String> levels(String name) {
        int j = indexOf(name);
        if (codes[j] == null) {
            throw new InvalidDataException("column '" + name + "' is numeric, not text");
        }
        return levels.get(j);
    }

    /** A copy of a text column's level codes: index into {@link #levels}, -1 where the value is missing. */
    public int[] codes(String name) {
        int j = indexOf(name);
        if (codes[j] == null) {
            throw new InvalidDataException("column '" + name + "' is numeric, not text");
        }
        return liveCodes(j).clone();
    }

    /** True when {@code row} of the named column is missing. */
    public boolean isMissing(String name, int row) {
        int j = indexOf(name);
        return codes[j] != null ? liveCodes(j)[row] < 0 : Double.isNaN(numeric[j].get(row));
    }

    /**
     * Marks the rows where the named column is missing: sets {@code missing[i]} for each such
     * row (others are left as they are), reading only from the column's first missing value on.
     */
    public void markMissing(String name, boolean[] missing) {
        int j = indexOf(name);
        Objects.checkFromToIndex(0, rows, missing.length);
        Cell first = firstMissing[j];
        if (first == null) {
            return;
        }
        if (codes[j] != null) {
            int[] c = liveCodes(j);
            for (int i = first.row(); i < rows; i++) {
                if (c[i] < 0) {
                    missing[i] = true;
                }
            }
        } else {
            numeric[j].markMissing(first.row(), missing);
        }
    }

    /**
     * Writes the named numeric column's values at {@code rows} (ascending 0-based row indices,
     * or every row when null) into native memory at {@code target}'s position, without a copy on
     * the Java heap when every row is taken; missing values are written as NaN.
     *
     * @throws InvalidDataException for a text column, naming its first value that is not a number
     * @throws IllegalStateException if the column was released
     */
    public void copyValues(String name, int[] rows, DoublePointer target) {
        int j = indexOf(name);
        if (numeric[j] == null) {
            throw notANumber(j);
        }
        numeric[j].copyTo(rows, target);
    }

    /**
     * Hands this table over to the one model frame that builds a design from it next: that frame
     * frees each column's storage as soon as the design holds it (a table and the design of a
     * large file are then never in memory together), and frees every column when the design is
     * built. Names, types, levels and missing-value positions stay readable; the values of a
     * freed column do not ({@link IllegalStateException}). Returns this table.
     */
    public CsvTable handOver() {
        handedOver = true;
        return this;
    }

    /** Whether the table was {@linkplain #handOver handed over}: its columns are freed after their last use. */
    public boolean handedOver() {
        return handedOver;
    }

    /**
     * Frees the storage of the named column now; reading its values afterwards throws
     * {@link IllegalStateException}. Releasing a released column does nothing.
     */
    public void release(String name) {
        int j = indexOf(name);
        if (numeric[j] != null) {
            numeric[j].release();
        } else {
            codes[j] = RELEASED;
        }
    }

    /** Frees the storage of every column (see {@link #release}). */
    public void releaseAll() {
        for (String name : names) {
            release(name);
        }
    }

    /** Marks a released text column. */
    private static final int[] RELEASED = new int[0];

    private int[] liveCodes(int j) {
        int[] c = codes[j];
        if (c == RELEASED) {
            throw new IllegalStateException("column '" + names.get(j) + "' of " + source + " was released"
                    + " (CsvTable.release, or its table was handed over to a model frame by CsvTable.handOver, which"
                    + " frees each column once the design holds it); read the file again to use it");
        }
        return c;
    }

    /** The named column's first missing value (row, line and what was written), if any. */
    public Optional<Cell> firstMissing(String name) {
        return Optional.ofNullable(firstMissing[indexOf(name)]);
    }

    /** The 1-based line of the file that holds data row {@code row} (0-based; blank lines counted). */
    public int line(int row) {
        Objects.checkIndex(row, rows);
        int k = Arrays.binarySearch(breakRows, row);
        if (k < 0) {
            k = -k - 2;
        } else {
            while (k + 1 < breakRows.length && breakRows[k + 1] == row) {
                k++;
            }
        }
        return breakLines[k] + (row - breakRows[k]);
    }

    /** The message for a missing value where a value is required. */
    public InvalidDataException missingValue(Cell cell) {
        return new InvalidDataException(source + ": missing value '" + cell.text() + "' at line " + cell.line()
                + ", column '" + cell.column() + "'");
    }

    private InvalidDataException notANumber(int j) {
        List<String> lv = levels.get(j);
        int best = -1;
        for (int c = 0; c < lv.size(); c++) {
            if (!CsvReader.Fields.isNumber(lv.get(c).getBytes(StandardCharsets.UTF_8), 0,
                    lv.get(c).getBytes(StandardCharsets.UTF_8).length)
                    && (best < 0 || levelFirstRows[j][c] < levelFirstRows[j][best])) {
                best = c;
            }
        }
        int row = levelFirstRows[j][best];
        return new InvalidDataException(source + ": '" + lv.get(best) + "' at line " + line(row) + ", column '"
                + names.get(j) + "' is not a number");
    }

    private int indexOf(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new InvalidDataException("no column named '" + name + "'; the columns are " + names);
        }
        return j;
    }

    /** The dataset with {@code response} as y and every other column a predictor, in file order. */
    public Dataset toDataset(String response) {
        return toDataset(DatasetColumns.of(response));
    }

    /**
     * The dataset with the columns' roles: every column other than the response, weights, offset
     * and excluded ones is a predictor, in file order.
     */
    public Dataset toDataset(DatasetColumns columns) {
        String response = columns.response();
        String weights = columns.weights().orElse(null);
        String offset = columns.offset().orElse(null);
        List<String> exclude = columns.excluded();
        Map<String, String> roles = new LinkedHashMap<>();
        claim(roles, response, "response");
        claim(roles, weights, "weights");
        claim(roles, offset, "offset");
        for (String e : exclude) {
            indexOf(e);
            roles.putIfAbsent(e, "excluded");
        }
        List<String> predictors = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (!roles.containsKey(names.get(j))) {
                predictors.add(names.get(j));
                strict(j);
            }
        }
        double[] y = strict(indexOf(response)).toArray();
        double[] w = weights == null ? null : strict(indexOf(weights)).toArray();
        double[] o = offset == null ? null : strict(indexOf(offset)).toArray();
        // the design straight from the native columns, one memcpy each
        INDArray x = NativeArrays.lazyMatrix(rows, predictors.size());
        DoublePointer p = NativeArrays.pointer(x);
        for (int c = 0; c < predictors.size(); c++) {
            numeric[indexOf(predictors.get(c))].copyTo(null, new DoublePointer(p).position(p.position() + (long) c * rows));
        }
        return Dataset.builder()
                .x(x)
                .y(y)
                .weights(w)
                .offset(o)
                .predictorNames(predictors)
                .responseName(response)
                .build();
    }

    private NumericColumn strict(int j) {
        if (numeric[j] == null) {
            throw notANumber(j);
        }
        if (firstMissing[j] != null) {
            throw missingValue(firstMissing[j]);
        }
        return numeric[j];
    }

    private void claim(Map<String, String> roles, String name, String role) {
        if (name == null) {
            return;
        }
        indexOf(name);
        String previous = roles.putIfAbsent(name, role);
        if (previous != null) {
            throw new InvalidDataException("column '" + name + "' cannot be both the " + previous + " and the " + role);
        }
    }
}
