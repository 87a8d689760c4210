package dev.argmax.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.data.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the reference fixtures copied (unchanged, once) from the project's external reference
 * set into {@code core}'s test resources, which every module's tests see through {@code core}'s
 * test-jar: NIST StRD, R glm / glmnet, multinomial, inference and closed-form results. See
 * {@code core/src/test/resources/README.md} for provenance.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path extractRoot;

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

    /**
     * The path of a test resource, a file or a folder. The fixtures live once, in {@code core}'s
     * test resources, and reach the other modules in {@code core}'s test-jar: a resource inside
     * that jar is copied out (a folder with everything under it) into one temporary directory per
     * JVM, so that tests can list folders and hand file paths to readers and to the command line.
     */
    public static Path path(String resource) {
        try {
            var url = Fixtures.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            URI uri = url.toURI();
            return "file".equals(uri.getScheme()) ? Path.of(uri) : extracted(resource, uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The resource copied out of the test-jar: on first use every resource of the jar (not its
     * classes) is copied, so that fixtures that name their data by a relative path
     * ({@code "../data/birthwt.csv"}) find it.
     */
    private static synchronized Path extracted(String resource, URI uri) {
        try {
            if (extractRoot == null) {
                Path root = Files.createTempDirectory("argmax-fixtures");
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                for (Path top : jar.getRootDirectories()) {
                    try (Stream<Path> all = Files.walk(top)) {
                        for (Path p : all.filter(Files::isRegularFile).toList()) {
                            String name = top.relativize(p).toString();
                            if (name.endsWith(".class") || name.startsWith("META-INF")) {
                                continue;
                            }
                            Path to = root.resolve(name);
                            Files.createDirectories(to.getParent());
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                extractRoot = root;
            }
            Path target = extractRoot.resolve(resource);
            if (!Files.exists(target)) {
                throw new IllegalArgumentException("no test resource " + resource + " in " + uri);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
