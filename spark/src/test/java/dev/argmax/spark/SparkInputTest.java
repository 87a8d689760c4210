package dev.argmax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Input handling on Spark: bad rows are named before any fitting, and a Vector column equals named columns. */
class SparkInputTest {

    private static final StructType SCHEMA = new StructType()
            .add("y", DataTypes.DoubleType, true)
            .add("x1", DataTypes.DoubleType, true)
            .add("x2", DataTypes.DoubleType, true)
            .add("w", DataTypes.DoubleType, true);

    private static Dataset<Row> frame(List<Row> rows) {
        return LocalSpark.session().createDataFrame(rows, SCHEMA).repartition(2);
    }

    private static List<Row> logisticRows(int n) {
        java.util.Random rnd = new java.util.Random(42);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x1 = rnd.nextGaussian();
            double x2 = rnd.nextGaussian();
            double p = 1 / (1 + Math.exp(-(0.3 + x1 - 0.5 * x2)));
            rows.add(RowFactory.create(rnd.nextDouble() < p ? 1.0 : 0.0, x1, x2, 1.0 + rnd.nextInt(3)));
        }
        return rows;
    }

    private static SparkGlm logistic() {
        return SparkGlm.builder().family("binomial").label("y").features("x1", "x2").build();
    }

    @Test
    void nonBinaryResponseIsRejectedWithItsValue() {
        List<Row> rows = logisticRows(50);
        rows.set(7, RowFactory.create(2.0, 0.1, 0.2, 1.0));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> logistic().fit(frame(rows)));
        assertTrue(e.getMessage().contains("binomial response must be 0 or 1") && e.getMessage().contains("got 2.0"),
                e.getMessage());
    }

    @Test
    void nullAndNonFiniteValuesAreNamed() {
        List<Row> rows = logisticRows(50);
        rows.set(3, RowFactory.create(1.0, null, 0.2, 1.0));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> logistic().fit(frame(rows)));
        assertTrue(e.getMessage().contains("x1 is null"), e.getMessage());

        List<Row> nan = logisticRows(50);
        nan.set(3, RowFactory.create(1.0, 0.5, Double.NaN, 1.0));
        e = assertThrows(InvalidDataException.class, () -> logistic().fit(frame(nan)));
        assertTrue(e.getMessage().contains("x2 is NaN"), e.getMessage());
    }

    @Test
    void negativeWeightsAndMissingColumnsAreRejected() {
        List<Row> rows = logisticRows(50);
        rows.set(9, RowFactory.create(1.0, 0.1, 0.2, -1.0));
        SparkGlm weighted = SparkGlm.builder().family("binomial").label("y").features("x1", "x2").weight("w").build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> weighted.fit(frame(rows)));
        assertTrue(e.getMessage().contains("negative weight -1.0"), e.getMessage());

        SparkGlm missing = SparkGlm.builder().family("binomial").label("y").features("x1", "x3").build();
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> missing.fit(frame(logisticRows(20))));
        assertTrue(m.getMessage().contains("no column 'x3'"), m.getMessage());
    }

    @Test
    void tooFewRowsAreRejected() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> logistic().fit(frame(logisticRows(3))));
        assertTrue(e.getMessage().contains("too few rows: 3 rows for 3 coefficients"), e.getMessage());
    }

    @Test
    void vectorColumnGivesTheSameFitAsNamedColumns() {
        List<Row> rows = logisticRows(200);
        List<Row> vectors = new ArrayList<>();
        for (Row r : rows) {
            vectors.add(RowFactory.create(r.getDouble(0), Vectors.dense(r.getDouble(1), r.getDouble(2))));
        }
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
        SparkGlmFit byVector = SparkGlm.builder().family("binomial").label("y").featuresVector("features").build()
                .fit(LocalSpark.session().createDataFrame(vectors, schema).repartition(2));
        SparkGlmFit byColumns = logistic().fit(frame(rows));
        double[] a = byVector.coefficients();
        double[] b = byColumns.coefficients();
        for (int j = 0; j < a.length; j++) {
            assertEquals(b[j], a[j], 1e-12 * Math.abs(b[j]));
        }
        assertEquals(List.of("(Intercept)", "x1", "x2"), byVector.coefficientNames());
    }
}
