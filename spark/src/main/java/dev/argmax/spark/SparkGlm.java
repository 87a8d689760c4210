package dev.argmax.spark;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.optim.newton.FisherScoring;
import dev.argmax.optim.newton.NewtonSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * A generalised linear model (Gaussian/identity, binomial/logit, Poisson/log; optionally with a
 * ridge penalty) fitted by Fisher scoring on a Spark {@code Dataset<Row>}.
 *
 * <p>The rows are read once into cached {@link PartitionBlock}s of primitive arrays. Each
 * iteration broadcasts the coefficients, every partition computes its {@link NewtonSums} with the
 * same kernel the single-machine solver uses ({@code X'WX} by a panelled SYRK, {@code X'Wz}, the
 * loss), {@code treeReduce} adds them, and the driver solves the k x k system
 * ({@link FisherScoring}). The objective and its convention are glmnet's, as everywhere in argmax:
 * {@code (1/W) sum w_i nll_i + lambda (1 - alpha)/2 ||b||^2}.
 */
public final class SparkGlm {

    private final FamilyKind family;
    private final List<String> features;
    private final String featuresVector;
    private final String label;
    private final String weight;
    private final String offset;
    private final boolean intercept;
    private final Penalty penalty;
    private final FisherScoring.Settings settings;

    private SparkGlm(Builder b) {
        this.family = FamilyKind.parse(Objects.requireNonNull(b.family, "family"));
        this.features = List.copyOf(b.features);
        this.featuresVector = b.featuresVector;
        this.label = Objects.requireNonNull(b.label, "label column");
        this.weight = b.weight;
        this.offset = b.offset;
        this.intercept = b.intercept;
        this.penalty = b.penalty;
        this.settings = b.settings;
        if (features.isEmpty() == (featuresVector == null)) {
            throw new IllegalArgumentException("give either feature columns or one features vector column");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fits the model on {@code data}; the rows are cached for the duration of the fit. */
    public SparkGlmFit fit(Dataset<Row> data) {
        List<Column> columns = new ArrayList<>();
        columns.add(functions.col(label));
        if (featuresVector != null) {
            columns.add(functions.col(featuresVector));
        } else {
            features.forEach(f -> columns.add(functions.col(f)));
        }
        if (weight != null) {
            columns.add(functions.col(weight));
        }
        if (offset != null) {
            columns.add(functions.col(offset));
        }
        List<String> present = Arrays.asList(data.columns());
        for (Column c : columns) {
            if (!present.contains(c.toString())) {
                throw new IllegalArgumentException("no column '" + c + "' in the data; columns are " + present);
            }
        }
        JavaRDD<Row> rows = data.select(columns.toArray(new Column[0])).javaRDD();
        int p = featuresVector != null ? vectorSize(rows) : features.size();
        List<String> names = featuresVector != null ? vectorNames(p) : features;
        RowLayout layout = new RowLayout(p, featuresVector != null, weight != null, offset != null, intercept, family);
        JavaRDD<PartitionBlock> blocks = rows.mapPartitionsWithIndex(layout::block, true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            double[] totals = unwrap(() -> blocks.map(b -> new double[] {b.rows(), b.weightSum(),
                    b.weightedResponseSum()}).reduce(SparkGlm::add));
            long n = (long) totals[0];
            int k = p + (intercept ? 1 : 0);
            if (n <= k) {
                throw new InvalidDataException("too few rows: " + n + " rows for " + k + " coefficients");
            }
            JavaSparkContext context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
            double meanResponse = totals[2] / totals[1];
            double[] start = new double[k];
            if (intercept) {
                start[0] = family.link(clampMean(meanResponse));
            }
            FisherScoring.Outcome model = unwrap(() -> FisherScoring.run(beta -> aggregate(context, blocks, beta, false),
                    k, intercept ? 1 : 0, penalty, start, settings));
            double nullDeviance = unwrap(() -> nullDeviance(context, blocks, meanResponse));
            return new SparkGlmFit(family.name().toLowerCase(java.util.Locale.ROOT), intercept, names, model,
                    nullDeviance, n, penalty);
        } finally {
            blocks.unpersist(false);
        }
    }

    private double nullDeviance(JavaSparkContext context, JavaRDD<PartitionBlock> blocks, double meanResponse) {
        if (!intercept) {
            return aggregate(context, blocks, new double[0], true).deviance();
        }
        double[] start = {family.link(clampMean(meanResponse))};
        FisherScoring.Outcome nullModel = FisherScoring.run(b -> aggregate(context, blocks, b, true), 1, 1,
                ElasticNet.none(), start, settings);
        return nullModel.finalSums().deviance();
    }

    private double clampMean(double mu) {
        return family == FamilyKind.BINOMIAL ? Math.min(Math.max(mu, 1e-10), 1 - 1e-10)
                : family == FamilyKind.POISSON ? Math.max(mu, 1e-10) : mu;
    }

    private static NewtonSums aggregate(JavaSparkContext context, JavaRDD<PartitionBlock> blocks, double[] beta,
            boolean nullModel) {
        Broadcast<double[]> shared = context.broadcast(beta);
        try {
            return blocks.map(b -> nullModel ? b.nullModelSums(shared.value()) : b.sums(shared.value()))
                    .treeReduce(NewtonSums::plus, 2);
        } finally {
            shared.destroy();
        }
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    private static int vectorSize(JavaRDD<Row> rows) {
        List<Row> first = rows.take(1);
        if (first.isEmpty()) {
            throw new InvalidDataException("the data are empty");
        }
        return ((Vector) first.get(0).get(1)).size();
    }

    private static List<String> vectorNames(int p) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + (j + 1));
        }
        return names;
    }

    /** Spark wraps executor exceptions: rethrow argmax's own validation errors as themselves. */
    private static <T> T unwrap(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidDataException invalid) {
                    throw new InvalidDataException(invalid.getMessage());
                }
            }
            throw e;
        }
    }

    /** How the selected columns of a row map to a block: label, features, then weight and offset. */
    private record RowLayout(int p, boolean vector, boolean hasWeight, boolean hasOffset, boolean intercept,
            FamilyKind family) implements java.io.Serializable {

        Iterator<PartitionBlock> block(int partition, Iterator<Row> it) {
            List<Row> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            int n = rows.size();
            double[] x = new double[n * p];
            double[] y = new double[n];
            double[] w = hasWeight ? new double[n] : null;
            double[] o = hasOffset ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                y[i] = number(r, 0, partition, i, "label");
                int next = 1;
                if (vector) {
                    Vector v = (Vector) r.get(1);
                    if (v == null || v.size() != p) {
                        throw new InvalidDataException("partition " + partition + ", row " + i
                                + ": features vector is missing or has the wrong size (expected " + p + ")");
                    }
                    for (int j = 0; j < p; j++) {
                        x[i + j * n] = finite(v.apply(j), partition, i, "feature " + (j + 1));
                    }
                    next = 2;
                } else {
                    for (int j = 0; j < p; j++) {
                        x[i + j * n] = number(r, 1 + j, partition, i, r.schema().fieldNames()[1 + j]);
                    }
                    next = 1 + p;
                }
                if (hasWeight) {
                    w[i] = number(r, next++, partition, i, "weight");
                    if (w[i] < 0) {
                        throw new InvalidDataException("partition " + partition + ", row " + i
                                + ": negative weight " + w[i]);
                    }
                }
                if (hasOffset) {
                    o[i] = number(r, next, partition, i, "offset");
                }
            }
            return List.of(new PartitionBlock(partition, n, p, intercept, x, y, w, o, family)).iterator();
        }

        private static double number(Row r, int index, int partition, int row, String what) {
            Object v = r.get(index);
            if (!(v instanceof Number number)) {
                throw new InvalidDataException("partition " + partition + ", row " + row + ": " + what + " is "
                        + (v == null ? "null" : "not numeric (" + v + ")"));
            }
            return finite(number.doubleValue(), partition, row, what);
        }

        private static double finite(double v, int partition, int row, String what) {
            if (!Double.isFinite(v)) {
                throw new InvalidDataException("partition " + partition + ", row " + row + ": " + what + " is " + v);
            }
            return v;
        }
    }

    /** Builder for {@link SparkGlm}. */
    public static final class Builder {
        private String family;
        private final List<String> features = new ArrayList<>();
        private String featuresVector;
        private String label;
        private String weight;
        private String offset;
        private boolean intercept = true;
        private Penalty penalty = ElasticNet.none();
        private FisherScoring.Settings settings = FisherScoring.Settings.defaults();

        /** "gaussian", "binomial" or "poisson" (canonical links). */
        public Builder family(String name) {
            this.family = name;
            return this;
        }

        /** Numeric feature columns, in coefficient order. */
        public Builder features(String... columns) {
            features.addAll(Arrays.asList(columns));
            return this;
        }

        /** One ML {@code Vector} column holding the features (named x1..xp in results). */
        public Builder featuresVector(String column) {
            this.featuresVector = column;
            return this;
        }

        public Builder label(String column) {
            this.label = column;
            return this;
        }

        /** Prior (observation) weights column. */
        public Builder weight(String column) {
            this.weight = column;
            return this;
        }

        /** Offset column (e.g. log exposure for Poisson). */
        public Builder offset(String column) {
            this.offset = column;
            return this;
        }

        public Builder intercept(boolean fit) {
            this.intercept = fit;
            return this;
        }

        /** A ridge penalty in glmnet's convention: {@code lambda/2 ||b||^2} (alpha = 0). */
        public Builder ridge(double lambda) {
            this.penalty = ElasticNet.ridge(lambda);
            return this;
        }

        public Builder settings(FisherScoring.Settings s) {
            this.settings = s;
            return this;
        }

        public SparkGlm build() {
            return new SparkGlm(this);
        }
    }
}
