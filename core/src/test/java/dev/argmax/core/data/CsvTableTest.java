package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading CSV files into datasets, and the messages for malformed files. */
class CsvTableTest {

    private static final String CSV = "y,a,\"b\",w,off\n1,0.5,2,1,0\n0,1.5,3,2,0.1\n\n1,2.5,5,1,0.2\n";

    private static String message(String text) {
        return assertThrows(InvalidDataException.class,
                () -> CsvTable.parse(text).toDataset("y")).getMessage();
    }

    @Test
    void parsesHeaderAndColumns() {
        CsvTable t = CsvTable.parse(CSV);
        assertEquals(List.of("y", "a", "b", "w", "off"), t.names());
        assertEquals(3, t.rows());
        assertArrayEquals(new double[] {2, 3, 5}, t.column("b"));
    }

    @Test
    void rolesOfColumnsBecomeTheDataset() {
        Dataset d = CsvTable.parse(CSV).toDataset(DatasetColumns.of("y").withWeights("w").withOffset("off"));
        assertEquals(List.of("a", "b"), d.predictorNames());
        assertArrayEquals(new double[] {1, 0, 1}, d.response());
        assertArrayEquals(new double[] {1, 2, 1}, d.weights());
        assertArrayEquals(new double[] {0, 0.1, 0.2}, d.offset());
        Dataset e = CsvTable.parse(CSV).toDataset(DatasetColumns.of("y").withExcluded(Set.of("a", "w", "off")));
        assertEquals(List.of("b"), e.predictorNames());
    }

    @Test
    void malformedFilesAreNamedWithLineAndColumn() {
        assertEquals("CSV text is empty: no header line", message(""));
        assertEquals("CSV text has a header but no data rows", message("y,x\n"));
        assertEquals("CSV text: missing value 'NA' at line 3, column 'x'", message("y,x\n1,2\n1,NA\n"));
        assertEquals("CSV text: missing value '' at line 2, column 'y'", message("y,x\n,2\n"));
        assertEquals("CSV text: 'abc' at line 2, column 'x' is not a number", message("y,x\n1,abc\n"));
        assertEquals("CSV text: line 2 has 1 fields but the header has 2", message("y,x\n1\n"));
        assertEquals("CSV text: line 2 has more fields than the header (2)", message("y,x\n1,2,3\n"));
        assertEquals("CSV text: duplicate column name 'x'", message("y,x,x\n1,2,3\n"));
        assertEquals("CSV text: non-finite value 'Infinity' at line 2, column 'x'", message("y,x\nInfinity,2\n".replace("Infinity,2", "1,Infinity")));
    }

    @Test
    void unknownOrDoubleUsedColumnsAreRejected() {
        CsvTable t = CsvTable.parse(CSV);
        assertEquals("no column named 'z'; the columns are [y, a, b, w, off]",
                assertThrows(InvalidDataException.class, () -> t.toDataset("z")).getMessage());
        assertEquals("column 'y' cannot be both the response and the weights",
                assertThrows(InvalidDataException.class, () -> t.toDataset(DatasetColumns.of("y")
                        .withWeights("y"))).getMessage());
    }
}
