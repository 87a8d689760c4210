package dev.argmax.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A numeric table read from a CSV file: one header line of column names, then one row of
 * numbers per line, comma separated. Quotes around names are removed; values must be numbers
 * (missing values such as {@code NA} or empty fields are rejected with their row and column).
 *
 * <p>A table is the step between a file and a {@link Dataset}: {@link #toDataset} says which
 * column is the response and which are weights, offset or excluded; every other column becomes
 * a predictor, in file order.
 */
public final class CsvTable {

    private final List<String> names;
    private final double[][] columns;

    private CsvTable(List<String> names, double[][] columns) {
        this.names = names;
        this.columns = columns;
    }

    /**
     * Reads a CSV file.
     *
     * @throws InvalidDataException if the file is empty, ragged, has duplicate column names or a
     *     value that is not a number
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvTable read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text (for tests and in-memory data). */
    public static CsvTable parse(String text) {
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(text))) {
            return parse(in, "CSV text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvTable parse(BufferedReader in, String source) throws IOException {
        String header = in.readLine();
        while (header != null && header.isBlank()) {
            header = in.readLine();
        }
        if (header == null) {
            throw new InvalidDataException(source + " is empty: no header line");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        String[] rawNames = header.split(",", -1);
        List<String> names = new ArrayList<>(rawNames.length);
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < rawNames.length; j++) {
            String name = unquote(rawNames[j].trim());
            if (name.isEmpty()) {
                throw new InvalidDataException(source + ": column " + (j + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new InvalidDataException(source + ": duplicate column name '" + name + "'");
            }
            names.add(name);
        }
        int p = names.size();
        double[][] cols = new double[p][1024];
        int n = 0;
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (n == cols[0].length) {
                for (int j = 0; j < p; j++) {
                    cols[j] = Arrays.copyOf(cols[j], n * 2);
                }
            }
            int start = 0;
            for (int j = 0; j < p; j++) {
                int end = line.indexOf(',', start);
                if (end < 0) {
                    if (j != p - 1) {
                        throw new InvalidDataException(source + ": line " + lineNo + " has " + (j + 1)
                                + " fields but the header has " + p);
                    }
                    end = line.length();
                } else if (j == p - 1) {
                    throw new InvalidDataException(source + ": line " + lineNo + " has more fields than the header ("
                            + p + ")");
                }
                cols[j][n] = parseNumber(line, start, end, source, lineNo, names.get(j));
                start = end + 1;
            }
            n++;
        }
        if (n == 0) {
            throw new InvalidDataException(source + " has a header but no data rows");
        }
        for (int j = 0; j < p; j++) {
            cols[j] = Arrays.copyOf(cols[j], n);
        }
        return new CsvTable(List.copyOf(names), cols);
    }

    private static double parseNumber(String line, int start, int end, String source, int lineNo, String column) {
        String token = line.substring(start, end).trim();
        if (token.isEmpty() || token.equalsIgnoreCase("NA") || token.equalsIgnoreCase("NaN")
                || token.equalsIgnoreCase("null")) {
            throw new InvalidDataException(source + ": missing value '" + token + "' at line " + lineNo
                    + ", column '" + column + "'");
        }
        try {
            double v = Double.parseDouble(unquote(token));
            if (!Double.isFinite(v)) {
                throw new InvalidDataException(source + ": non-finite value '" + token + "' at line " + lineNo
                        + ", column '" + column + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidDataException(source + ": '" + token + "' at line " + lineNo + ", column '" + column
                    + "' is not a number");
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
                || s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'')) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Column names in file order. */
    public List<String> names() {
        return names;
    }

    /** Number of data rows. */
    public int rows() {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    /** A copy of the named column. */
    public double[] column(String name) {
        return columns[indexOf(name)].clone();
    }

    private int indexOf(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new InvalidDataException("no column named '" + name + "'; the columns are " + names);
        }
        return j;
    }

    /**
     * The dataset with {@code response} as y; every column other than the response, weights,
     * offset and excluded ones is a predictor, in file order.
     *
     * @param weights name of the weights column, or null
     * @param offset name of the offset column, or null
     * @param exclude names of columns to leave out
     */
    public Dataset toDataset(String response, String weights, String offset, Collection<String> exclude) {
        Map<String, String> roles = new LinkedHashMap<>();
        claim(roles, response, "response");
        claim(roles, weights, "weights");
        claim(roles, offset, "offset");
        for (String e : exclude) {
            indexOf(e);
            roles.putIfAbsent(e, "excluded");
        }
        List<String> predictors = new ArrayList<>();
        List<double[]> predictorColumns = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (!roles.containsKey(names.get(j))) {
                predictors.add(names.get(j));
                predictorColumns.add(columns[j]);
            }
        }
        return Dataset.builder()
                .columns(predictorColumns.toArray(new double[0][]))
                .y(columns[indexOf(response)])
                .weights(weights == null ? null : columns[indexOf(weights)])
                .offset(offset == null ? null : columns[indexOf(offset)])
                .predictorNames(predictors)
                .responseName(response)
                .build();
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
