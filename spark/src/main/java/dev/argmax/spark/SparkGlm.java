package dev.argmax.spark;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.models.family.Family;
import dev.argmax.optim.irls.Irls;
import dev.argmax.optim.irls.IrlsFit;
import dev.argmax.optim.newton.NewtonSums;
import dev.argmax.optim.newton.ProximalNewton;
import dev.argmax.optim.path.RegularizationPath;
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
 * ({@link Irls}, the same Fisher-scoring engine as on one machine). The objective and its convention are glmnet's, as everywhere in argmax:
 * {@code (1/W) sum w_i nll_i + lambda (1 - alpha)/2 ||b||^2}.
 */
public final class SparkGlm {

    private final Family family;
    private final List<String> features;
    private final String featuresVector;
    private final String label;
    private final String weight;
    private final String offset;
    private final boolean intercept;
    private final Penalty penalty;
    private final double alpha;
    private final double[] penaltyFactors;
    private final boolean standardize;
    private final Irls irls;
    private final ProximalNewton.Settings pathSettings;

    private SparkGlm(Builder b) {
        this.family = Family.of(Objects.requireNonNull(b.family, "family"));
        this.features = List.copyOf(b.features);
        this.featuresVector = b.featuresVector;
        this.label = Objects.requireNonNull(b.label, "label column");
        this.weight = b.weight;
        this.offset = b.offset;
        this.intercept = b.intercept;
        this.penalty = b.penalty;
        this.alpha = b.alpha;
        this.penaltyFactors = b.penaltyFactors;
        this.standardize = b.standardize;
        this.irls = new Irls(b.epsilon, b.maxIterations);
        this.pathSettings = b.pathSettings;
        if (features.isEmpty() == (featuresVector == null)) {
            throw new IllegalArgumentException("give either feature columns or one features vector column");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the model (maximum likelihood, or MAP with the builder's ridge penalty) by argmax's one
     * Fisher-scoring engine, {@link Irls}, on the sums over the partitions: R's start from
     * {@code mustart}, step-halving, R's stopping rule and aliased (collinear) columns reported as
     * NaN (R's NA) with a warning, exactly as the single-machine {@code Glm}; the rows are cached
     * for the duration of the fit.
     */
    public SparkGlmFit fit(Dataset<Row> data) {
        Prepared prepared = prepare(data);
        try {
            int k = prepared.coefficients();
            IrlsFit model = unwrap(() -> irls.fit(new PartitionSource(prepared.context, prepared.blocks, k,
                    intercept ? 1 : 0, false), penalty));
            double nullDeviance = unwrap(() -> prepared.nullModel().deviance());
            double[] beta = model.result().coefficients();
            Broadcast<double[]> shared = prepared.context.broadcast(beta);
            double[] statistics = unwrap(() -> prepared.blocks.map(b -> b.statistics(shared.value()))
                    .reduce(SparkGlm::add));
            shared.destroy();
            return new SparkGlmFit(family, intercept, prepared.names, model, prepared.weightSum, nullDeviance,
                    statistics, penalty);
        } finally {
            prepared.blocks.unpersist(false);
        }
    }

    /**
     * The elastic-net path at the given lambdas (sorted into decreasing order, warm starts), or at
     * glmnet's default sequence when {@code lambdas} is null: 100 values from {@code lambda_max}
     * down to {@code lambda_max * (n > p ? 1e-4 : 1e-2)}. Penalty in glmnet's convention,
     * {@code lambda sum_j v_j (alpha |b_j| + (1 - alpha)/2 b_j^2)}, where {@code v_j} is the
     * penalty factor times, with {@code standardize}, the column's 1/n standard deviation
     * (exactly glmnet's standardisation, reported on the original scale). Each lambda is solved by
     * {@link ProximalNewton} on the aggregated sums: for the Gaussian family one aggregation of
     * the Gram matrix per outer step (one step solves it), for binomial and Poisson one per outer
     * Newton step.
     */
    public SparkPath path(Dataset<Row> data, double[] lambdas) {
        Prepared prepared = prepare(data);
        try {
            return unwrap(() -> prepared.path(lambdas));
        } finally {
            prepared.blocks.unpersist(false);
        }
    }

    private Prepared prepare(Dataset<Row> data) {
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
        if (penaltyFactors != null && penaltyFactors.length != p) {
            throw new IllegalArgumentException(penaltyFactors.length + " penalty factors for " + p + " features");
        }
        List<String> names = featuresVector != null ? vectorNames(p) : features;
        RowLayout layout = new RowLayout(p, featuresVector != null, weight != null, offset != null, intercept,
                family.name());
        JavaRDD<PartitionBlock> blocks = rows.mapPartitionsWithIndex(layout::block, true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            double[] totals = unwrap(() -> blocks.map(PartitionBlock::moments).reduce(SparkGlm::add));
            long n = (long) totals[0];
            int k = p + (intercept ? 1 : 0);
            if (n <= k) {
                throw new InvalidDataException("too few rows: " + n + " rows for " + k + " coefficients");
            }
            JavaSparkContext context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
            return new Prepared(context, blocks, names, n, totals);
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
    }

    /** The cached rows and what one pass over them told: n, the weight sum, weighted means and variances. */
    private final class Prepared {
        final JavaSparkContext context;
        final JavaRDD<PartitionBlock> blocks;
        final List<String> names;
        final long n;
        final double weightSum;
        final double meanResponse;
        final double[] scales;
        private NullModel nullModel;

        Prepared(JavaSparkContext context, JavaRDD<PartitionBlock> blocks, List<String> names, long n, double[] totals) {
            this.context = context;
            this.blocks = blocks;
            this.names = names;
            this.n = n;
            this.weightSum = totals[1];
            this.meanResponse = totals[2] / totals[1];
            int p = names.size();
            this.scales = new double[p];
            for (int j = 0; j < p; j++) {
                double mean = totals[3 + j] / weightSum;
                double variance = totals[3 + p + j] / weightSum - mean * mean;
                scales[j] = Math.sqrt(Math.max(variance, 0));
            }
        }

        int coefficients() {
            return names.size() + (intercept ? 1 : 0);
        }

        NewtonSums sums(double[] beta, boolean interceptOnly) {
            return aggregate(context, blocks, beta, interceptOnly);
        }

        /** The intercept-only model (offset kept), fitted once; without an intercept, the zero model. */
        NullModel nullModel() {
            if (nullModel == null) {
                if (!intercept) {
                    nullModel = new NullModel(new double[0], sums(new double[0], true).deviance());
                } else if (offset == null) {
                    // no offset: the intercept-only MLE is link(weighted mean of y), in closed form
                    double[] b0 = {family.link().link(clampMean(meanResponse))};
                    nullModel = new NullModel(b0, sums(b0, true).deviance());
                } else {
                    IrlsFit fit = irls.fit(new PartitionSource(context, blocks, 1, 1, true), ElasticNet.none());
                    nullModel = new NullModel(fit.result().coefficients(), fit.deviance());
                }
            }
            return nullModel;
        }

        SparkPath path(double[] requested) {
            int p = names.size();
            int k = coefficients();
            int first = intercept ? 1 : 0;
            double[] factors = new double[p];
            for (int j = 0; j < p; j++) {
                factors[j] = (penaltyFactors == null ? 1.0 : penaltyFactors[j]) * (standardize ? scales[j] : 1.0);
            }
            // at lambda_max every penalised slope is 0: the gradient at the intercept-only fit decides
            double[] atNull = new double[k];
            if (intercept) {
                atNull[0] = nullModel().coefficients()[0];
            }
            NewtonSums nullSums = sums(atNull, false);
            double[] score = nullSums.score();
            double lambdaMax = 0;
            double effectiveAlpha = Math.max(alpha, RegularizationPath.RIDGE_ALPHA_FOR_LAMBDA_MAX);
            for (int j = 0; j < p; j++) {
                if (factors[j] > 0) {
                    lambdaMax = Math.max(lambdaMax, Math.abs(score[first + j] / nullSums.weightSum())
                            / (effectiveAlpha * factors[j]));
                }
            }
            double[] lambdas = lambdaSequence(requested, lambdaMax, p);
            double nullDeviance = nullModel().deviance();
            List<SparkPath.Point> points = new ArrayList<>();
            double[] warm = atNull;
            for (double lambda : lambdas) {
                ElasticNet net = new ElasticNet(lambda, alpha, factors, null, null);
                ProximalNewton.Outcome outcome = ProximalNewton.run(b -> sums(b, false), k, first, net, warm,
                        pathSettings);
                double[] beta = outcome.result().coefficients();
                int nonzero = 0;
                for (int j = first; j < k; j++) {
                    if (beta[j] != 0) {
                        nonzero++;
                    }
                }
                double deviance = outcome.finalSums().deviance();
                points.add(new SparkPath.Point(lambda, beta, outcome.result().objective(), nonzero, deviance,
                        1 - deviance / nullDeviance, outcome.result().iterations(), outcome.result().converged(),
                        outcome.result().optimality()));
                warm = beta;
            }
            List<String> all = new ArrayList<>();
            if (intercept) {
                all.add("(Intercept)");
            }
            all.addAll(names);
            return new SparkPath(all, lambdaMax, nullDeviance, points);
        }

        private double[] lambdaSequence(double[] requested, double lambdaMax, int p) {
            if (requested == null) {
                int rows = (int) Math.min(n, Integer.MAX_VALUE);
                return RegularizationPath.geometric(lambdaMax, RegularizationPath.defaultMinRatio(rows, p), 100);
            }
            double[] lambdas = requested.clone();
            for (double l : lambdas) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new InvalidDataException("lambda must be finite and >= 0, got " + l);
                }
            }
            return Arrays.stream(lambdas).boxed().sorted(java.util.Comparator.reverseOrder())
                    .mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The null model's coefficients and deviance. */
    private record NullModel(double[] coefficients, double deviance) {
    }

    private double clampMean(double mu) {
        return family == Family.binomial() ? Math.min(Math.max(mu, 1e-10), 1 - 1e-10)
                : family == Family.poisson() ? Math.max(mu, 1e-10) : mu;
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

    /**
     * Spark wraps executor exceptions in a (checked, sneakily thrown) {@code SparkException}: rethrow
     * argmax's own validation errors as themselves, with their message, and anything else unchecked.
     */
    private static <T> T unwrap(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidDataException invalid) {
                    throw new InvalidDataException(invalid.getMessage());
                }
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Spark job failed: " + e.getMessage(), e);
        }
    }

    /** How the selected columns of a row map to a block: label, features, then weight and offset. */
    private record RowLayout(int p, boolean vector, boolean hasWeight, boolean hasOffset, boolean intercept,
            String family) implements java.io.Serializable {

        Iterator<PartitionBlock> block(int partition, Iterator<Row> it) {
            List<Row> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            int n = rows.size();
            double[] x = new double[n * p];
            double[] y = new double[n];
            double[] w = hasWeight ? new double[n] : null;
            double[] o = hasOffset ? new double[n] : null;
            String[] columnNames = n == 0 ? new String[0] : rows.get(0).schema().fieldNames();
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
                        x[i + j * n] = number(r, 1 + j, partition, i, columnNames[1 + j]);
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
        private double alpha = 1.0;
        private double[] penaltyFactors;
        private boolean standardize;
        private double epsilon = Irls.DEFAULT_EPSILON;
        private int maxIterations = Irls.DEFAULT_MAX_ITERATIONS;
        private ProximalNewton.Settings pathSettings = ProximalNewton.Settings.defaults();

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

        /** Elastic-net mixing for {@link #path}: 1 = lasso (default), 0 = ridge. */
        public Builder alpha(double a) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("alpha must lie in [0, 1], got " + a);
            }
            this.alpha = a;
            return this;
        }

        /** glmnet's {@code penalty.factor}, one per feature (0 = unpenalised). */
        public Builder penaltyFactors(double... v) {
            this.penaltyFactors = v.clone();
            return this;
        }

        /** glmnet's {@code standardize = TRUE} for {@link #path}. */
        public Builder standardize(boolean on) {
            this.standardize = on;
            return this;
        }

        /** Stopping for {@link #path}: KKT tolerance and caps. */
        public Builder pathSettings(ProximalNewton.Settings s) {
            this.pathSettings = s;
            return this;
        }

        /** R's {@code glm.control(epsilon)} for {@link #fit}: the relative deviance change tolerance (default 1e-8). */
        public Builder epsilon(double e) {
            this.epsilon = e;
            return this;
        }

        /** R's {@code glm.control(maxit)} for {@link #fit} (default 25). */
        public Builder maxIterations(int m) {
            this.maxIterations = m;
            return this;
        }

        public SparkGlm build() {
            return new SparkGlm(this);
        }
    }
}
