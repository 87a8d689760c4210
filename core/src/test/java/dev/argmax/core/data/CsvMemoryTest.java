package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose columns do not fit in the memory left gets a clear {@link InvalidDataException}
 * naming the file, its size, the rows and columns, what they need and the {@code -Xmx} to use,
 * decided after the row-count pass and before the columns are allocated; never an
 * {@link OutOfMemoryError}. Checked with an injected memory budget, and in a separate JVM with a
 * 32 MiB heap reading a file whose doubles alone take 36.6 MiB.
 */
class CsvMemoryTest {

    @Test
    void anInjectedBudgetTooSmallForTheColumnsIsRefusedBeforeAllocating() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i).append(",0.5,").append(i % 7).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        // 1000 rows x 3 numeric columns = 24,000 bytes of doubles
        try (CsvReader.Source src = CsvReader.bytes(bytes, "mem.csv")) {
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvReader.read(src, 20_000));
            String m = e.getMessage();
            assertTrue(m.startsWith("mem.csv (0.0 MB) is too large for the Java heap: its 1000 rows x 3 columns need "
                    + "0.0 MiB, and the heap can give only 0.0 MiB more (-Xmx"), m);
            assertTrue(m.contains("start Java with a larger -Xmx, e.g. java -Xmx"), m);
        }
        try (CsvReader.Source src = CsvReader.bytes(bytes, "mem.csv")) {
            assertEquals(1000, CsvReader.read(src, 24_000).rows());
        }
    }

    /** Reads the file named by the argument; prints the rows, or the message of a refusal. */
    public static final class ReadFile {
        public static void main(String[] args) {
            try {
                System.out.println("rows " + CsvTable.read(Path.of(args[0])).rows());
            } catch (InvalidDataException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    @Test
    void aFileLargerThanTheHeapIsRefusedInASmallHeapJvm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.csv");
        int rows = 240_000;
        int cols = 20;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int j = 0; j < cols; j++) {
                w.write(j == 0 ? "x0" : ",x" + j);
            }
            w.write('\n');
            String line = "0.25" + ",0.5".repeat(cols - 1) + "\n";
            for (int i = 0; i < rows; i++) {
                w.write(line);
            }
        }
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(javaBinary, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                ReadFile.class.getName(), file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("OutOfMemoryError"), out);
        assertTrue(out.startsWith("refused: " + file + " (" + String.format(java.util.Locale.ROOT, "%.1f",
                Files.size(file) / 1e6) + " MB) is too large for the Java heap"), out);
        assertTrue(out.contains(rows + " rows x " + cols + " columns need 36.6 MiB"), out);
        // the heap the JVM reports is about the -Xmx given (less a survivor space with some collectors)
        assertTrue(java.util.regex.Pattern.compile("more \\(-Xmx\\d+m\\); start Java with a larger -Xmx").matcher(out)
                .find(), out);
    }
}
