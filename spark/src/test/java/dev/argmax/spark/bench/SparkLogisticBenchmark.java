package dev.argmax.spark.bench;

import dev.argmax.spark.SparkGlm;
import dev.argmax.spark.SparkGlmFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark (not a test): logistic regression on n x p synthetic data (default 1,000,000 x 50,
 * independent N(0,1) features, fixed seed) in one local[2] session, on the same cached data:
 * argmax on Spark (Fisher scoring on partition sums) against Spark MLlib's
 * {@code LogisticRegression} (L-BFGS) and {@code GeneralizedLinearRegression} (IRLS), each to a
 * tight tolerance, with the largest coefficient difference from argmax's answer. Run with
 * {@code spark/run-benchmark.sh [n] [p]}.
 */
public final class SparkLogisticBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("argmax-spark-benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");

        List<Column> columns = new ArrayList<>();
        Column eta = functions.lit(0.5);
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + (j + 1);
            columns.add(functions.randn(1000L + j).as(names[j]));
            double b = ((j % 2 == 0) ? 1 : -1) * 0.05 * (1 + j % 5);
            eta = eta.plus(functions.col(names[j]).multiply(b));
        }
        Dataset<Row> features = spark.range(0, n, 1, 4).select(columns.toArray(new Column[0]));
        Dataset<Row> data = features.withColumn("y", functions.when(functions.rand(7L)
                .lt(functions.lit(1.0).divide(functions.lit(1.0).plus(functions.exp(eta.multiply(-1))))), 1.0)
                .otherwise(0.0));
        Dataset<Row> assembled = new VectorAssembler().setInputCols(names).setOutputCol("features").transform(data)
                .cache();
        long rows = assembled.count();
        System.out.printf(Locale.ROOT, "data: %d x %d, 4 partitions, local[2]%n", rows, p);

        // warm-up of each engine on a small sample (JIT, native libraries)
        Dataset<Row> sample = assembled.limit(20_000).cache();
        sample.count();
        argmax(names).fit(sample);
        new LogisticRegression().setMaxIter(10).setFeaturesCol("features").setLabelCol("y").fit(sample);

        long t0 = System.nanoTime();
        SparkGlmFit ours = argmax(names).fit(assembled);
        double argmaxSeconds = (System.nanoTime() - t0) / 1e9;
        double[] reference = ours.coefficients();
        System.out.printf(Locale.ROOT, "argmax: %.2f s in Fisher scoring (%d iterations), the rest reading rows into "
                + "blocks, the null model and the statistics%n", ours.solverResult().seconds(), ours.iterations());

        t0 = System.nanoTime();
        LogisticRegressionModel lr = new LogisticRegression().setRegParam(0).setMaxIter(1000).setTol(1e-12)
                .setStandardization(false).setFeaturesCol("features").setLabelCol("y").fit(assembled);
        double lrSeconds = (System.nanoTime() - t0) / 1e9;
        double[] lrCoef = withIntercept(lr.intercept(), lr.coefficients().toArray());

        t0 = System.nanoTime();
        GeneralizedLinearRegressionModel glr = new GeneralizedLinearRegression().setFamily("binomial")
                .setLink("logit").setMaxIter(25).setTol(1e-8).setFeaturesCol("features").setLabelCol("y")
                .fit(assembled);
        double glrSeconds = (System.nanoTime() - t0) / 1e9;
        double[] glrCoef = withIntercept(glr.intercept(), glr.coefficients().toArray());

        System.out.println("| engine | iterations | seconds | max coefficient difference from argmax |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| argmax SparkGlm (Fisher scoring, R's rule 1e-8) | %d | %.2f | 0 |%n",
                ours.iterations(), argmaxSeconds);
        System.out.printf(Locale.ROOT, "| MLlib LogisticRegression (L-BFGS, tol 1e-12) | %d | %.2f | %.2e |%n",
                lr.summary().totalIterations(), lrSeconds, maxDiff(reference, lrCoef));
        System.out.printf(Locale.ROOT, "| MLlib GeneralizedLinearRegression (IRLS, tol 1e-8) | %d | %.2f | %.2e |%n",
                glr.summary().numIterations(), glrSeconds, maxDiff(reference, glrCoef));
        spark.stop();
    }

    private static SparkGlm argmax(String[] names) {
        return SparkGlm.builder().family("binomial").label("y").features(names).build();
    }

    private static double[] withIntercept(double b0, double[] slopes) {
        double[] all = new double[slopes.length + 1];
        all[0] = b0;
        System.arraycopy(slopes, 0, all, 1, slopes.length);
        return all;
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
