package dev.argmax.examples;

import dev.argmax.core.data.CsvTable;
import dev.argmax.spark.SparkGlm;
import dev.argmax.spark.SparkGlmFit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spector and Mazzeo logistic regression on Apache Spark: the rows become a DataFrame of three
 * partitions, argmax-spark computes the Newton sums per partition and solves on the driver, and the
 * summary is R's, as for the single-machine fit.
 *
 * <p>Run with Spark's Java 17 options ({@code --add-opens}, see the project's pom):
 * {@code java <spark options> -cp <argmax jars + Spark> dev.argmax.examples.SparkGlmExample}.
 */
public final class SparkGlmExample {

    private SparkGlmExample() {
    }

    /**
     * Starts a local Spark session on two cores, fits the model and prints its summary.
     *
     * @param args none
     */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("argmax example")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            SparkGlmFit fit = SparkGlm.builder().family("binomial").label("y").features("gpa", "tuce", "psi").build()
                    .fit(spectorFrame(spark));
            System.out.println(fit.summary());
        } finally {
            spark.stop();
        }
    }

    /** The bundled CSV as a DataFrame of doubles in three partitions. */
    static Dataset<Row> spectorFrame(SparkSession spark) {
        CsvTable table = BundledData.table("spector.csv");
        List<String> names = table.names();
        List<StructField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            Object[] values = new Object[names.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = table.column(names.get(j))[i];
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).repartition(3);
    }
}
