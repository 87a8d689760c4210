package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of several megabytes, read in several chunks by several workers, each filling its block
 * of numbers and copying it into the columns: every value must be the JDK's
 * {@link Double#parseDouble} of what was written, in its row, whatever chunk and block it fell
 * in; blank lines and CRLF line ends inside the data keep rows and line numbers right; a column
 * that turns out to hold text far down the file is read again as text.
 */
class CsvChunkedReadTest {

    @Test
    void everyValueOfAMultiChunkFileIsWhatTheJdkReads(@TempDir Path dir) throws IOException {
        int rows = 40_000;
        int cols = 12;
        String[][] written = new String[rows][cols];
        SplittableRandom rnd = new SplittableRandom(42);
        Path file = dir.resolve("chunks.csv");
        int[] lineOf = new int[rows];
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < cols; j++) {
                header.append(j == 0 ? "" : ",").append("c").append(j);
            }
            w.write(header + "\n");
            int line = 1;
            for (int i = 0; i < rows; i++) {
                if (i % 9_999 == 5) {
                    w.write("\n");
                    line++;
                }
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < cols; j++) {
                    double v = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-6, 7));
                    String s = switch (j % 4) {
                        case 0 -> String.format(Locale.ROOT, "%.15g", v);
                        case 1 -> Double.toString(v);
                        case 2 -> Long.toString(Math.round(v));
                        default -> i % 1000 == 7 ? "NA" : String.format(Locale.ROOT, "%.6f", v);
                    };
                    if (j == cols - 1 && i == 37_000) {
                        s = "text";
                    }
                    written[i][j] = s;
                    sb.append(j == 0 ? "" : ",").append(s);
                }
                w.write(sb + (i % 777 == 3 ? "\r\n" : "\n"));
                lineOf[i] = ++line;
            }
        }
        assertTrue(Files.size(file) > 4 << 20, "the file must span several chunks");
        CsvTable t = CsvTable.read(file);
        assertEquals(rows, t.rows());
        assertTrue(t.isText("c11"));
        for (int j = 0; j < cols - 1; j++) {
            double[] col = t.values("c" + j);
            for (int i = 0; i < rows; i++) {
                String s = written[i][j];
                double expected = s.equals("NA") ? Double.NaN : Double.parseDouble(s);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(col[i]),
                        "row " + i + " column c" + j + ": " + s);
            }
        }
        for (int i = 0; i < rows; i += 997) {
            assertEquals(lineOf[i], t.line(i), "line of row " + i);
        }
        assertEquals(lineOf[rows - 1], t.line(rows - 1));
        assertEquals("text", t.levels("c11").get(t.codes("c11")[37_000]));
    }
}
