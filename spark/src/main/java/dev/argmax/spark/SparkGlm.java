package dev.argmax.spark;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.models.penalized.Standardization;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.irls.Irls;
import dev.argmax.optim.irls.IrlsFit;
import dev.argmax.optim.newton.NewtonSums;
import dev.argmax.optim.newton.ObservedNewton;
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
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.storage.StorageLevel;

/**
 * A generalized linear model (Gaussian/identity, binomial/logit, Poisson/log; optionally with a
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
    private final FamilySpec familySpec;
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
        this.family = Objects.requireNonNull(b.family, "family");
        this.familySpec = FamilySpec.of(family);
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
            PartitionSource source = new PartitionSource(prepared.context, prepared.blocks, k, intercept ? 1 : 0,
                    false);
            IrlsFit model = unwrap(() -> irls.fit(source, penalty));
            SolverResult result = model.result();
            Matrix information = model.information();
            boolean unpenalized = penalty.capabilities().contains(Capability.UNPENALIZED);
            if (unpenalized && result.converged() && information != null) {
                // to the MLE whatever the link, as the single-machine Glm
                ObservedNewton.Outcome finished = unwrap(() -> ObservedNewton.finish(source, model.result(),
                        model.aliased(), family.isCanonical(), System.nanoTime()));
                result = finished.result();
                information = finished.expectedInformation();
            }
            double nullDeviance = unwrap(() -> prepared.nullModel().deviance());
            Broadcast<double[]> shared = prepared.context.broadcast(result.coefficients());
            double[] statistics = unwrap(() -> prepared.blocks.map(b -> b.statistics(shared.value()))
                    .reduce(SparkGlm::add));
            shared.destroy();
            return new SparkGlmFit(family, intercept, prepared.names, result, model.aliased(), information,
                    prepared.weightSum, nullDeviance, statistics, penalty);
        } finally {
            prepared.blocks.unpersist(false);
        }
    }

    /**
     * The elastic-net path at glmnet's default sequence: 100 values from {@code lambda_max} down
     * to {@code lambda_max * (n > p ? 1e-4 : 1e-2)}; otherwise as {@link #path(Dataset, double[])}.
     */
    public SparkPath path(Dataset<Row> data) {
        return solvePath(data, null);
    }

    /**
     * The elastic-net path at the given lambdas (sorted into decreasing order, warm starts; for
     * glmnet's default sequence, {@link #path(Dataset)}). Penalty in glmnet's convention,
     * {@code lambda sum_j v_j (alpha |b_j| + (1 - alpha)/2 b_j^2)}, where {@code v_j} are the
     * penalty factors rescaled to sum to p ({@link PenalizedRegression#rescaledPenaltyFactors}).
     * With {@code standardize} the problem is solved, as glmnet and {@code PenalizedRegression}
     * do, in the standardized columns {@code (x_j - m_j) / s_j} ({@link Standardization}; the
     * partitions' moments are merged by Chan's update, not from {@code sum x^2}), so that the
     * lasso part weighs {@code s_j |b_j|} and the ridge part {@code s_j^2 b_j^2} in the original
     * coefficients; the objective is the standardized problem's and the coefficients are
     * reported on the original scale. Each lambda is solved by
     * {@link ProximalNewton} on the aggregated sums: for the Gaussian family one aggregation of
     * the Gram matrix per outer step (one step solves it), for binomial and Poisson one per outer
     * Newton step.
     */
    public SparkPath path(Dataset<Row> data, double[] lambdas) {
        if (lambdas == null || lambdas.length == 0) {
            throw new IllegalArgumentException("give the lambdas, or call path(data) for glmnet's default sequence");
        }
        return solvePath(data, lambdas);
    }

    /** The path at {@code lambdas}, or at glmnet's default sequence when null (internal). */
    private SparkPath solvePath(Dataset<Row> data, double[] lambdas) {
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
        Dataset<Row> selected = data.select(columns.toArray(new Column[0]));
        int p = featuresVector != null ? vectorSize(selected.javaRDD()) : features.size();
        double[] factors = penaltyFactors == null ? null : PenalizedRegression.rescaledPenaltyFactors(penaltyFactors, p);
        List<String> names = featuresVector != null ? vectorNames(p) : features;
        // scalar columns must be numeric; they are read as doubles
        StructField[] fields = selected.schema().fields();
        Column[] asDoubles = new Column[fields.length];
        for (int c = 0; c < fields.length; c++) {
            boolean isVector = featuresVector != null && c == 1;
            if (!isVector && !(fields[c].dataType() instanceof NumericType)) {
                throw new InvalidDataException("column '" + fields[c].name() + "' is not numeric ("
                        + fields[c].dataType().simpleString() + ")");
            }
            Column column = functions.col(fields[c].name());
            asDoubles[c] = isVector ? column : column.cast(DataTypes.DoubleType);
        }
        JavaRDD<InternalRow> rows = selected.select(asDoubles).queryExecution().toRdd().toJavaRDD();
        RowLayout layout = new RowLayout(p, featuresVector != null, weight != null, offset != null, intercept,
                familySpec, selected.columns());
        JavaRDD<PartitionBlock> blocks = rows.mapPartitionsWithIndex(layout::block, true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            double[] totals = unwrap(() -> blocks.map(PartitionBlock::moments).reduce(PartitionBlock::mergeMoments));
            long n = (long) totals[0];
            int k = p + (intercept ? 1 : 0);
            if (n <= k) {
                throw new InvalidDataException("too few rows: " + n + " rows for " + k + " coefficients");
            }
            JavaSparkContext context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
            return new Prepared(context, blocks, names, n, totals, factors);
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
        final Standardization standardization;
        final double[] factors;
        private NullModel nullModel;

        Prepared(JavaSparkContext context, JavaRDD<PartitionBlock> blocks, List<String> names, long n, double[] totals,
                double[] factors) {
            this.context = context;
            this.blocks = blocks;
            this.names = names;
            this.n = n;
            this.weightSum = totals[1];
            this.meanResponse = totals[2] / totals[1];
            int p = names.size();
            this.standardization = Standardization.ofMoments(weightSum, Arrays.copyOfRange(totals, 3, 3 + p),
                    Arrays.copyOfRange(totals, 3 + p, 3 + 2 * p), intercept);
            this.factors = factors;
        }

        int coefficients() {
            return names.size() + (intercept ? 1 : 0);
        }

        NewtonSums sums(double[] beta, boolean interceptOnly) {
            return aggregate(context, blocks, beta, interceptOnly);
        }

        /** The sums of the standardized design (glmnet's {@code standardize}) at standardized coefficients. */
        NewtonSums standardizedSums(double[] beta) {
            double[] means = standardization.means();
            double[] scales = standardization.scales();
            Broadcast<double[]> shared = context.broadcast(beta);
            try {
                return blocks.map(b -> b.standardizedSums(shared.value(), means, scales))
                        .treeReduce(NewtonSums::plus, 2);
            } finally {
                shared.destroy();
            }
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
            double[] v = factors == null ? ones(p) : factors;
            java.util.function.Function<double[], NewtonSums> evaluate = standardize ? this::standardizedSums
                    : b -> sums(b, false);
            // at lambda_max every penalized slope is 0: the gradient at the intercept-only fit decides
            double[] atNull = new double[k];
            if (intercept) {
                atNull[0] = nullModel().coefficients()[0];
            }
            // (centering moves the intercept by sum_j m_j b_j, which is 0 there)
            NewtonSums nullSums = evaluate.apply(atNull);
            double[] score = nullSums.score();
            double lambdaMax = 0;
            double effectiveAlpha = Math.max(alpha, RegularizationPath.RIDGE_ALPHA_FOR_LAMBDA_MAX);
            for (int j = 0; j < p; j++) {
                if (v[j] > 0) {
                    lambdaMax = Math.max(lambdaMax, Math.abs(score[first + j] / nullSums.weightSum())
                            / (effectiveAlpha * v[j]));
                }
            }
            double[] lambdas = lambdaSequence(requested, lambdaMax, p);
            double nullDeviance = nullModel().deviance();
            List<SparkPath.Point> points = new ArrayList<>();
            double[] warm = atNull;
            for (double lambda : lambdas) {
                ElasticNet net = new ElasticNet(lambda, alpha, v, null, null);
                ProximalNewton.Outcome outcome = ProximalNewton.run(evaluate, k, first, net, warm, pathSettings);
                double[] solved = outcome.result().coefficients();
                double[] beta = standardize ? standardization.toOriginal(solved, intercept) : solved;
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
                warm = solved;
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
        if (!family.boundaryResponses()) {
            return mu;
        }
        return family.variance().value(1.0) == 0 ? Math.min(Math.max(mu, 1e-10), 1 - 1e-10) : Math.max(mu, 1e-10);
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

    private static double[] ones(int p) {
        double[] v = new double[p];
        Arrays.fill(v, 1.0);
        return v;
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

    /**
     * How the selected columns of a row map to a block: label, features (scalar columns cast to
     * double, or one ML vector), then weight and offset. Rows are read as Spark's
     * {@code InternalRow}s in one pass (no conversion to external {@code Row} objects, no boxing),
     * straight into growing primitive arrays.
     *
     * @param names the column names for messages: label, then the p features (or the vector), weight, offset
     */
    private record RowLayout(int p, boolean vector, boolean hasWeight, boolean hasOffset, boolean intercept,
            FamilySpec family, String[] names) implements java.io.Serializable {

        Iterator<PartitionBlock> block(int partition, Iterator<InternalRow> it) {
            @SuppressWarnings("unchecked")
            UserDefinedType<Vector> vectors = vector ? (UserDefinedType<Vector>) SQLDataTypes.VectorType() : null;
            int capacity = 1024;
            double[] rowMajor = new double[capacity * p];
            double[] y = new double[capacity];
            double[] w = hasWeight ? new double[capacity] : null;
            double[] o = hasOffset ? new double[capacity] : null;
            int n = 0;
            while (it.hasNext()) {
                InternalRow r = it.next();
                if (n == capacity) {
                    capacity *= 2;
                    rowMajor = Arrays.copyOf(rowMajor, capacity * p);
                    y = Arrays.copyOf(y, capacity);
                    w = w == null ? null : Arrays.copyOf(w, capacity);
                    o = o == null ? null : Arrays.copyOf(o, capacity);
                }
                y[n] = number(r, 0, partition, n, "label");
                int next;
                if (vector) {
                    Vector v = r.isNullAt(1) ? null : vectors.deserialize(r.getStruct(1, 4));
                    if (v == null || v.size() != p) {
                        throw new InvalidDataException("partition " + partition + ", row " + n
                                + ": features vector is missing or has the wrong size (expected " + p + ")");
                    }
                    for (int j = 0; j < p; j++) {
                        rowMajor[n * p + j] = finite(v.apply(j), partition, n, "feature " + (j + 1));
                    }
                    next = 2;
                } else {
                    for (int j = 0; j < p; j++) {
                        rowMajor[n * p + j] = number(r, 1 + j, partition, n, names[1 + j]);
                    }
                    next = 1 + p;
                }
                if (hasWeight) {
                    w[n] = number(r, next++, partition, n, "weight");
                    if (w[n] < 0) {
                        throw new InvalidDataException("partition " + partition + ", row " + n
                                + ": negative weight " + w[n]);
                    }
                }
                if (hasOffset) {
                    o[n] = number(r, next, partition, n, "offset");
                }
                n++;
            }
            // column-major, as the design wants it
            double[] x = new double[n * p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    x[i + j * n] = rowMajor[i * p + j];
                }
            }
            return List.of(new PartitionBlock(partition, n, p, intercept, x, Arrays.copyOf(y, n),
                    w == null ? null : Arrays.copyOf(w, n), o == null ? null : Arrays.copyOf(o, n), family)).iterator();
        }

        private static double number(InternalRow r, int index, int partition, int row, String what) {
            if (r.isNullAt(index)) {
                throw new InvalidDataException("partition " + partition + ", row " + row + ": " + what + " is null");
            }
            return finite(r.getDouble(index), partition, row, what);
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
        private Family family;
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

        /** A family by R's name with its default link ({@link Family#of(String)}). */
        public Builder family(String name) {
            this.family = Family.of(name);
            return this;
        }

        /**
         * Any family and link ({@code Family.gamma().withLink("log")}, {@code Family.binomial().withLink("probit")},
         * {@code Family.negativeBinomial(2.5)}); a negative binomial needs a given theta.
         */
        public Builder family(Family f) {
            this.family = Objects.requireNonNull(f, "family");
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

        /** glmnet's {@code penalty.factor}, one per feature (0 = unpenalized). */
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
