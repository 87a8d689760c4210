package dev.argmax.examples;

import dev.argmax.core.data.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The datasets that ship inside the argmax command line ({@code datasets/*.csv} on the class path). */
final class BundledData {

    private BundledData() {
    }

    /** A bundled dataset by file name, e.g. {@code "spector.csv"}. */
    static CsvTable table(String name) {
        try (InputStream in = BundledData.class.getClassLoader().getResourceAsStream("datasets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled dataset " + name);
            }
            return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
