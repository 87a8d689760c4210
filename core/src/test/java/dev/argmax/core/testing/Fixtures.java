package dev.argmax.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.data.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Loads the reference fixtures copied (unchanged) from the project's external reference set
 * into test resources: NIST StRD, R glm / glmnet and closed-form results. See each module's
 * {@code src/test/resources/README.md} for provenance.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A JSON fixture from the test classpath, e.g. {@code "nist/Longley.json"}. */
    public static JsonNode json(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a test resource. */
    public static Path path(String resource) {
        try {
            var url = Fixtures.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSV test resource. */
    public static CsvTable csv(String resource) {
        return CsvTable.read(path(resource));
    }

    /** A JSON array of numbers as a double array. */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** A JSON array of arrays of numbers (rows) as {@code double[][]}. */
    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /**
     * NIST's log relative error: the number of correct significant digits of {@code estimate}
     * against {@code certified}, {@code -log10(|q - c| / |c|)}, or {@code -log10|q|} when c = 0,
     * capped at 15.
     */
    public static double lre(double estimate, double certified) {
        double err = certified == 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
        if (err == 0) {
            return 15;
        }
        return Math.min(15, -Math.log10(err));
    }

    /** The smallest LRE over a vector. */
    public static double minLre(double[] estimates, double[] certified) {
        double m = 15;
        for (int i = 0; i < certified.length; i++) {
            m = Math.min(m, lre(estimates[i], certified[i]));
        }
        return m;
    }

    /** Largest relative difference {@code |a - b| / max(|b|, floor)}. */
    public static double maxRelDiff(double[] a, double[] b, double floor) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        }
        return m;
    }
}
