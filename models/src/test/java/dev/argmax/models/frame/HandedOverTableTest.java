package dev.argmax.models.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A table handed over to a model frame ({@link CsvTable#handOver}) gives the frame the same
 * dataset as a table that is not (numeric columns are then copied native to native and freed as
 * the design takes them), for plain columns, rows dropped for missing values, factors,
 * transformations, interactions, offsets and weights; afterwards its columns refuse their values.
 * The plain design columns are also checked against the values written in the file.
 */
class HandedOverTableTest {

    /** y, x1..x3 numeric (x2 and y with missing values), g text, w positive, e positive exposure. */
    private static String csv(int n) {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder("y,x1,x2,g,x3,w,e\n");
        for (int i = 0; i < n; i++) {
            sb.append(i % 53 == 4 ? "NA" : Double.toString(r.nextGaussian())).append(',')
                    .append(r.nextGaussian()).append(',')
                    .append(i % 41 == 7 ? "" : Double.toString(r.nextDouble() + 0.5)).append(',')
                    .append("abc".charAt(i % 3)).append(',')
                    .append(i * 0.25).append(',')
                    .append(1 + i % 4).append(',')
                    .append(1 + r.nextDouble()).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"y ~ .", "y ~ x1 + x2", "y ~ x1 + g + log(x2) + x1:x3 + offset(log(e))",
        "y ~ g * x1 + I(x3^2) + poly(x2, 2, raw = TRUE)", "y ~ x3 + x1 + x3:x1 - 1", "y ~ x2"})
    void theDatasetIsTheSameAsFromATableThatIsKept(String formula) {
        String text = csv(3000);
        CsvTable kept = CsvTable.parse(text);
        CsvTable given = CsvTable.parse(text);
        FrameOptions options = formula.equals("y ~ x2") ? FrameOptions.defaults().withWeights("w")
                : FrameOptions.defaults();
        ModelFrame frame = ModelFrame.learn(formula, kept, options);
        FrameData a = frame.training(kept);
        FrameData b = frame.training(given.handOver());
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.droppedRows(), b.droppedRows());
        Dataset da = a.dataset();
        Dataset db = b.dataset();
        assertEquals(da.predictorNames(), db.predictorNames());
        for (int j = 0; j < da.columns(); j++) {
            assertArrayEquals(da.column(j), db.column(j), da.predictorNames().get(j));
        }
        assertArrayEquals(da.response(), db.response());
        assertArrayEquals(da.weights(), db.weights());
        assertArrayEquals(da.offset(), db.offset());
        // the kept table still reads; the handed-over one refuses every column's values
        assertEquals(3000, kept.values("x1").length);
        for (String name : given.names()) {
            String column = name;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> given.isMissing(column, 0));
            assertTrue(e.getMessage().startsWith("column '" + name + "' of CSV text was released"), e.getMessage());
        }
    }

    @Test
    void plainColumnsOfTheDesignAreTheValuesOfTheFileOnTheKeptRows() {
        String text = csv(2000);
        CsvTable reference = CsvTable.parse(text);
        CsvTable given = CsvTable.parse(text).handOver();
        FrameData d = ModelFrame.learn("y ~ x2 + x1", given, FrameOptions.defaults()).training(given);
        int[] rows = d.rows();
        double[] x1 = reference.values("x1");
        double[] x2 = reference.values("x2");
        double[] y = reference.values("y");
        int kept = 0;
        for (int i = 0; i < 2000; i++) {
            boolean complete = !Double.isNaN(x2[i]) && !Double.isNaN(y[i]);
            if (complete) {
                assertEquals(i, rows[kept]);
                assertEquals(x2[i], d.dataset().column(0)[kept]);
                assertEquals(x1[i], d.dataset().column(1)[kept]);
                assertEquals(y[i], d.dataset().response()[kept]);
                kept++;
            }
        }
        assertEquals(kept, rows.length);
        assertTrue(d.dropped() > 0);
    }
}
