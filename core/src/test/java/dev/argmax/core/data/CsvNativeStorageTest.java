package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.NativeArrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The table's numeric columns in native memory: copies into a design (every row, or a subset of
 * rows) give exactly the values read, also at a column offset of the target; missing rows are
 * marked; a released column refuses its values with an {@link IllegalStateException} while the
 * table's names, types and levels stay readable.
 */
class CsvNativeStorageTest {

    /** A table of {@code n} rows: a, b, c numeric (b with missing values), g text. */
    private static CsvTable table(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("a,b,g,c\n");
        for (int i = 0; i < n; i++) {
            sb.append(r.nextGaussian()).append(',').append(i % 97 == 5 ? "NA" : Double.toString(r.nextDouble() * 1e6))
                    .append(',').append(i % 3 == 0 ? "u" : "v").append(',').append(i).append('\n');
        }
        return CsvTable.parse(sb.toString());
    }

    @Test
    void copiesIntoADesignColumnGiveTheValuesRead() {
        int n = 70_000; // more rows than one block of the row-subset copy
        CsvTable t = table(n, 1);
        INDArray x = NativeArrays.matrix(n, 3);
        DoublePointer p = NativeArrays.pointer(x);
        t.copyValues("a", null, new DoublePointer(p).position(p.position()));
        t.copyValues("c", null, new DoublePointer(p).position(p.position() + n));
        t.copyValues("b", null, new DoublePointer(p).position(p.position() + 2L * n));
        double[] col = new double[n];
        NativeArrays.getColumn(p, n, 0, col);
        assertArrayEquals(t.values("a"), col);
        NativeArrays.getColumn(p, n, 1, col);
        assertArrayEquals(t.values("c"), col);
        for (int i = 0; i < n; i++) {
            assertEquals(i, col[i]);
        }
        NativeArrays.getColumn(p, n, 2, col);
        assertArrayEquals(t.values("b"), col); // NaN where missing, compared bit for bit
    }

    @Test
    void aSubsetOfRowsIsCopiedInOrder() {
        int n = 70_000;
        CsvTable t = table(n, 2);
        boolean[] missing = new boolean[n];
        t.markMissing("b", missing);
        int count = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(i % 97 == 5, missing[i], "row " + i);
            assertEquals(missing[i], t.isMissing("b", i));
            count += missing[i] ? 0 : 1;
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (!missing[i]) {
                rows[k++] = i;
            }
        }
        INDArray x = NativeArrays.matrix(count, 2);
        DoublePointer p = NativeArrays.pointer(x);
        t.copyValues("b", rows, new DoublePointer(p).position(p.position() + count));
        double[] col = new double[count];
        NativeArrays.getColumn(p, count, 1, col);
        double[] b = t.values("b");
        for (int k = 0; k < count; k++) {
            assertEquals(b[rows[k]], col[k]);
        }
        assertThrows(IllegalArgumentException.class, () -> t.copyValues("b", new int[] {3, 2},
                new DoublePointer(p).position(p.position())));
        assertEquals("CSV text: 'u' at line 2, column 'g' is not a number",
                assertThrows(InvalidDataException.class, () -> t.copyValues("g", null, p)).getMessage());
    }

    @Test
    void aColumnOfSeveralHugePagesHoldsItsRows() {
        // 600,000 doubles: 4.6 MiB, a block aligned to (and, on Linux, advised for) 2 MiB pages
        int n = 600_000;
        StringBuilder sb = new StringBuilder("i,x\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i == 543_210 ? "NA" : Integer.toString(-i)).append('\n');
        }
        CsvTable t = CsvTable.parse(sb.toString());
        double[] v = t.values("i");
        for (int i = 0; i < n; i++) {
            assertEquals(i, v[i]);
        }
        assertTrue(t.isMissing("x", 543_210));
        assertFalse(t.isMissing("x", n - 1));
        boolean[] missing = new boolean[n];
        t.markMissing("x", missing);
        INDArray x = NativeArrays.matrix(n, 1);
        DoublePointer p = NativeArrays.pointer(x);
        t.copyValues("x", null, p);
        double[] col = new double[n];
        NativeArrays.getColumn(p, n, 0, col);
        for (int i = 0; i < n; i++) {
            assertEquals(i == 543_210, missing[i]);
            assertEquals(i == 543_210 ? Double.NaN : -i, col[i]);
        }
    }

    @Test
    void theDatasetOfATableHasItsColumns() {
        CsvTable t = CsvTable.parse("y,x1,x2\n1,2,3\n4,5,6\n7,8,9.5\n");
        Dataset d = t.toDataset("y");
        assertEquals(List.of("x1", "x2"), d.predictorNames());
        assertArrayEquals(new double[] {2, 5, 8}, d.column(0));
        assertArrayEquals(new double[] {3, 6, 9.5}, d.column(1));
        assertArrayEquals(new double[] {1, 4, 7}, d.response());
    }

    @Test
    void aReleasedColumnRefusesItsValuesButNotItsDescription() {
        CsvTable t = table(100, 3);
        assertFalse(t.handedOver());
        assertTrue(t.handOver().handedOver());
        t.release("b");
        t.release("b");
        t.release("g");
        String m = assertThrows(IllegalStateException.class, () -> t.values("b")).getMessage();
        assertEquals("column 'b' of CSV text was released (CsvTable.release, or its table was handed over to a model"
                + " frame by CsvTable.handOver, which frees each column once the design holds it); read the file again"
                + " to use it", m);
        assertThrows(IllegalStateException.class, () -> t.isMissing("b", 0));
        assertThrows(IllegalStateException.class, () -> t.markMissing("b", new boolean[100]));
        assertTrue(assertThrows(IllegalStateException.class, () -> t.codes("g")).getMessage()
                .startsWith("column 'g' of CSV text was released"));
        assertEquals(List.of("a", "b", "g", "c"), t.names());
        assertTrue(t.isText("g"));
        assertEquals(List.of("u", "v"), t.levels("g"));
        assertEquals(7, t.firstMissing("b").orElseThrow().line());
        assertEquals(100, t.values("a").length);
        t.releaseAll();
        assertThrows(IllegalStateException.class, () -> t.values("a"));
        assertThrows(IllegalStateException.class, () -> t.column("c"));
    }
}
