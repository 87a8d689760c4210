package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text columns, missing values, quoting, BOM/CRLF and chunked parallel reading of large files. */
class CsvTextAndMissingTest {

    @Test
    void textColumnsBecomeSortedLevelsWithCodes() {
        CsvTable t = CsvTable.parse("g,x\nb,1\na,2\nB,3\n,4\nNA,5\nb,6\n");
        assertTrue(t.isText("g"));
        assertFalse(t.isText("x"));
        // R's order (LevelOrder): case counts after the letter, lower case first
        assertEquals(List.of("a", "b", "B"), t.levels("g"));
        assertArrayEquals(new int[] {1, 0, 2, -1, -1, 1}, t.codes("g"));
        assertEquals(5, t.firstMissing("g").orElseThrow().line());
        assertEquals("", t.firstMissing("g").orElseThrow().text());
        assertTrue(t.isMissing("g", 4));
        assertEquals("CSV text: 'b' at line 2, column 'g' is not a number",
                assertThrows(InvalidDataException.class, () -> t.values("g")).getMessage());
    }

    @Test
    void missingNumbersAreNaNAndNamedWhenRequired() {
        CsvTable t = CsvTable.parse("y,x,z\n1,2,NaN\n2,NA,3\n3,4,\n");
        double[] x = t.values("x");
        assertEquals(2.0, x[0]);
        assertTrue(Double.isNaN(x[1]));
        assertTrue(Double.isNaN(t.values("z")[0]));
        assertEquals("CSV text: missing value 'NA' at line 3, column 'x'",
                assertThrows(InvalidDataException.class, () -> t.column("x")).getMessage());
        assertEquals("CSV text: missing value 'NaN' at line 2, column 'z'",
                assertThrows(InvalidDataException.class, () -> t.column("z")).getMessage());
        assertArrayEquals(new double[] {1, 2, 3}, t.column("y"));
    }

    @Test
    void quotedFieldsBomCrlfAndBlankLines() {
        String text = "\uFEFF\"name, full\",x\r\n\"Smith, J\",1.5\r\n\r\n\"say \"\"hi\"\"\",2\r\n  plain  , 3 \r\n";
        CsvTable t = CsvTable.parse(text);
        assertEquals(List.of("name, full", "x"), t.names());
        assertEquals(List.of("plain", "say \"hi\"", "Smith, J"), t.levels("name, full")); // R: levels(factor(...))
        assertArrayEquals(new double[] {1.5, 2, 3}, t.column("x"));
        assertEquals(2, t.line(0));
        assertEquals(4, t.line(1));
        assertEquals(5, t.line(2));
    }

    @Test
    void aColumnThatTurnsToTextFarDownIsReadAsText() {
        StringBuilder sb = new StringBuilder("y,g\n");
        for (int i = 0; i < 3000; i++) {
            sb.append(i).append(',').append(i % 7).append('\n');
        }
        sb.append("1,seven\n");
        CsvTable t = CsvTable.parse(sb.toString());
        assertTrue(t.isText("g"));
        assertEquals(8, t.levels("g").size());
        assertEquals("CSV text: 'seven' at line 3002, column 'g' is not a number",
                assertThrows(InvalidDataException.class, () -> t.toDataset("y")).getMessage());
    }

    @Test
    void headerOnlyAndUnterminatedQuotesAreRefused() {
        assertEquals("CSV text has a header but no data rows",
                assertThrows(InvalidDataException.class, () -> CsvTable.parse("y,x\r\n\r\n")).getMessage());
        assertEquals("CSV text: line 2, column 'x' has an opening quote without its closing quote (a quoted field "
                + "cannot span lines)", assertThrows(InvalidDataException.class,
                        () -> CsvTable.parse("y,x\n1,\"2\n")).getMessage());
    }

    /**
     * A file of several chunks (parsed in parallel) reads exactly the doubles Java's own parser
     * gives for every token, with text levels merged across chunks and line numbers right.
     */
    @Test
    void largeFileInChunksEqualsTheSequentialReading(@TempDir Path dir) throws IOException {
        Random rng = new Random(42);
        int n = 60_000;
        StringBuilder sb = new StringBuilder("a,b,g,c\n");
        double[] a = new double[n];
        double[] c = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(30) - 15);
            String full = Double.toString(0.5 + rng.nextDouble() / 4);
            String cs = full.substring(0, Math.min(full.length(), 3 + rng.nextInt(15)));
            c[i] = Double.parseDouble(cs);
            g[i] = "level" + rng.nextInt(50);
            if (i % 10_000 == 5) {
                sb.append('\n');
            }
            sb.append(a[i]).append(',').append(i).append(',').append(g[i]).append(',').append(cs).append('\n');
        }
        Path file = dir.resolve("big.csv");
        Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvTable.read(file);
        assertEquals(n, t.rows());
        assertArrayEquals(a, t.column("a"));
        assertArrayEquals(c, t.column("c"));
        List<String> levels = t.levels("g");
        assertEquals(50, levels.size());
        int[] codes = t.codes("g");
        for (int i = 0; i < n; i++) {
            assertEquals(g[i], levels.get(codes[i]));
        }
        double[] b = t.column("b");
        for (int i = 0; i < n; i++) {
            assertEquals(i, b[i]);
        }
        // line = row + 2, plus one for every blank line written before the row
        assertEquals(2, t.line(0));
        assertEquals(4, t.line(2));
        assertEquals(8, t.line(5));
        assertEquals(n + 1 + 6, t.line(n - 1));
        assertEquals(20_000 + 2 + 2, t.line(20_000));
    }

    /** Every token shape the fused fast path reads equals Java's own (correctly rounded) parsing. */
    @Test
    void fastPathNumbersEqualJavasParsing() {
        String[] tokens = {"0", "-0", "+7", "1.", ".5", "-.25", "1e5", "1E-5", "2.5e+3", "123456789012345",
            "0.000123456789012345", "9007199254740993", "0.1", "0.3", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308",
            "123456789012345678901234", "3.14159265358979323846", "0.0000000000000000000000001", "-1.5e-22", "12e-23"};
        StringBuilder sb = new StringBuilder("x\n");
        for (String t : tokens) {
            sb.append(t).append('\n');
        }
        double[] x = CsvTable.parse(sb.toString()).column("x");
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(tokens[i])), Double.doubleToRawLongBits(x[i]),
                    tokens[i]);
        }
    }
}
