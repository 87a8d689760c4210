package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.NativeArrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Building a dataset: storage layout, and a clear exception for each kind of bad input. */
class DatasetTest {

    private static final double[][] ROWS = {{1, 10}, {2, 20}, {3, 35}, {4, 41}};
    private static final double[] Y = {0, 1, 1, 0};

    private static InvalidDataException rejects(Dataset.Builder b) {
        return assertThrows(InvalidDataException.class, b::build);
    }

    @Test
    void storesDoubleColumnMajorAndKeepsValues() {
        Dataset d = Dataset.builder().x(ROWS).y(Y).predictorNames(List.of("a", "b")).build();
        assertEquals(4, d.rows());
        assertEquals(2, d.columns());
        assertEquals(DataType.DOUBLE, d.x().dataType());
        assertEquals('f', d.x().ordering());
        assertArrayEquals(new double[] {10, 20, 35, 41}, d.column(1));
        assertArrayEquals(new double[] {1, 1, 1, 1}, d.weights());
        assertArrayEquals(new double[4], d.offset());
        assertFalse(d.hasWeights());
        assertEquals(List.of("a", "b"), d.predictorNames());
    }

    @Test
    void usesADenseColumnMajorMatrixWithoutCopying() {
        INDArray x = NativeArrays.fromColumns(new double[][] {{1, 2, 3, 4}}, 4);
        Dataset d = Dataset.builder().x(x).y(Y).build();
        assertSame(x, d.x());
    }

    @Test
    void convertsFloatAndRowMajorMatricesToDoubleColumnMajor() {
        INDArray c = Nd4j.create(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        Dataset d = Dataset.builder().x(c).y(Y).build();
        assertEquals(DataType.DOUBLE, d.x().dataType());
        assertTrue(NativeArrays.isDenseColumnMajor(d.x()));
        assertArrayEquals(new double[] {2, 4, 6, 8}, d.column(1));
    }

    @Test
    void nonFiniteValueInXNamesRowAndColumn() {
        double[][] bad = {{1, 10}, {2, Double.NaN}, {3, 35}, {4, 41}};
        InvalidDataException e = rejects(Dataset.builder().x(bad).y(Y).predictorNames(List.of("a", "b")));
        assertEquals("x has a non-finite value (NaN) at row 2, column 2 (b)", e.getMessage());
        double[][] inf = {{1, 10}, {2, 20}, {Double.POSITIVE_INFINITY, 35}, {4, 41}};
        e = rejects(Dataset.builder().x(inf).y(Y));
        assertEquals("x has a non-finite value (Infinity) at row 3, column 1 (x1)", e.getMessage());
    }

    @Test
    void nonFiniteResponseNamesTheRow() {
        InvalidDataException e = rejects(Dataset.builder().x(ROWS).y(new double[] {0, 1, Double.NaN, 0}));
        assertEquals("response y has a non-finite value (NaN) at row 3", e.getMessage());
    }

    @Test
    void mismatchedLengthsAreNamed() {
        assertEquals("x has 4 rows but the response has 3",
                rejects(Dataset.builder().x(ROWS).y(new double[] {1, 2, 3})).getMessage());
        assertEquals("weights has length 2 but 4 was expected",
                rejects(Dataset.builder().x(ROWS).y(Y).weights(new double[] {1, 2})).getMessage());
        assertEquals("offset has length 5 but 4 was expected",
                rejects(Dataset.builder().x(ROWS).y(Y).offset(new double[5])).getMessage());
        assertEquals("x row 2 has 1 values but row 1 has 2",
                rejects(Dataset.builder().x(new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}}).y(Y)).getMessage());
        assertEquals("3 predictor names given for 2 columns",
                rejects(Dataset.builder().x(ROWS).y(Y).predictorNames(List.of("a", "b", "c"))).getMessage());
    }

    @Test
    void emptyDataIsRejected() {
        assertEquals("the data are empty: no observations",
                rejects(Dataset.builder().x(new double[0][]).y(new double[0])).getMessage());
        assertEquals("no response given", rejects(Dataset.builder().x(ROWS)).getMessage());
        assertEquals("no design matrix x given", rejects(Dataset.builder().y(Y)).getMessage());
    }

    /** A response with no predictors is the intercept-only model's data (R's y ~ 1). */
    @Test
    void responseWithoutPredictorsIsAllowed() {
        Dataset d = Dataset.builder().x(new double[][] {{}, {}, {}}).y(new double[] {1, 2, 3}).build();
        assertEquals(3, d.rows());
        assertEquals(0, d.columns());
    }

    @Test
    void negativeOrAllZeroWeightsAreRejected() {
        assertEquals("weights has a negative value (-1.0) at row 3",
                rejects(Dataset.builder().x(ROWS).y(Y).weights(new double[] {1, 1, -1, 1})).getMessage());
        assertEquals("weights are all zero",
                rejects(Dataset.builder().x(ROWS).y(Y).weights(new double[4])).getMessage());
        assertEquals("weights has a non-finite value (NaN) at row 1",
                rejects(Dataset.builder().x(ROWS).y(Y).weights(new double[] {Double.NaN, 1, 1, 1})).getMessage());
    }

    @Test
    void nonFiniteOffsetIsRejected() {
        assertEquals("offset has a non-finite value (-Infinity) at row 4",
                rejects(Dataset.builder().x(ROWS).y(Y).offset(new double[] {0, 0, 0, Double.NEGATIVE_INFINITY}))
                        .getMessage());
    }

    @Test
    void constantColumnIsFoundAndRejectedWhereItMatters() {
        double[][] rows = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
        Dataset d = Dataset.builder().x(rows).y(Y).predictorNames(List.of("a", "k")).build();
        assertArrayEquals(new int[] {1}, d.constantColumns());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> d.requireNoConstantColumns("it has no spread to standardize by"));
        assertEquals("constant predictor column k: it has no spread to standardize by", e.getMessage());
    }

    @Test
    void subsetAndColumnSelectionCopyTheRightValues() {
        Dataset d = Dataset.builder().x(ROWS).y(Y).weights(new double[] {1, 2, 3, 4}).build();
        Dataset s = d.subset(new int[] {3, 1});
        assertArrayEquals(new double[] {4, 2}, s.column(0));
        assertArrayEquals(new double[] {41, 20}, s.column(1));
        assertArrayEquals(new double[] {0, 1}, s.response());
        assertArrayEquals(new double[] {4, 2}, s.weights());
        Dataset c = d.selectColumns(new int[] {1});
        assertEquals(List.of("x2"), c.predictorNames());
        assertArrayEquals(new double[] {10, 20, 35, 41}, c.column(0));
    }
}
