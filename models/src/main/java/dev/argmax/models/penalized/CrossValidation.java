package dev.argmax.models.penalized;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.core.data.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * K-fold cross-validation over a regularization path, as glmnet's {@code cv.glmnet}: the path's
 * lambdas are taken from a fit on all the data; each fold is left out in turn, the path is refitted
 * on the rest at the same lambdas and the measure is evaluated on the fold. Per lambda the mean is
 * the fold-weight-weighted mean of the fold measures and the standard error
 * {@code sqrt( weighted mean of (m_f - mean)^2 / (K - 1) )}; {@code lambda_min} minimizes the mean
 * (maximizes it for AUC) and {@code lambda_1se} is the largest lambda whose mean is within one
 * standard error of it.
 *
 * <p>Folds are deterministic: given as ids, or drawn from a seed (a seeded shuffle, fold of
 * position i is {@code i mod K}). Folds run in parallel on {@code threads} threads; each fold
 * works on its own copy of its rows, so no design operator is shared between threads.
 */
public final class CrossValidation {

    /**
     * @param lambdas the path's lambdas
     * @param mean cross-validated mean of the measure per lambda
     * @param standardError its standard error per lambda
     * @param nonzero non-zero slopes of the full-data fit per lambda
     * @param measure the measure
     * @param indexMin index of lambda_min
     * @param index1se index of lambda_1se
     * @param foldIds fold of each observation (0-based)
     * @param fullFit the fit on all the data
     */
    public record Result(double[] lambdas, double[] mean, double[] standardError, int[] nonzero, CvMeasure measure,
                         int indexMin, int index1se, int[] foldIds, PenalizedFit fullFit) {

        /** @return the lambda with the best mean CV measure (glmnet's {@code lambda.min}) */
        public double lambdaMin() {
            return lambdas[indexMin];
        }

        /** @return the largest lambda within one standard error of the best (glmnet's {@code lambda.1se}) */
        public double lambda1se() {
            return lambdas[index1se];
        }

        /**
         * @param choice lambda_min or lambda_1se
         * @return that lambda
         */
        public double lambda(LambdaChoice choice) {
            return choice == LambdaChoice.LAMBDA_MIN ? lambdaMin() : lambda1se();
        }

        /**
         * The full-data fit's coefficients at the chosen lambda, glmnet's
         * {@code coef(cvfit, s = "lambda.1se")}.
         *
         * @param choice lambda_min or lambda_1se
         * @return intercept (when fitted) then slopes, on the original scale
         */
        public double[] coefficients(LambdaChoice choice) {
            return fullFit.coefficients(lambda(choice));
        }

        /**
         * The full-data fit's predictions at the chosen lambda, glmnet's
         * {@code predict(cvfit, newx, s = "lambda.min")}.
         *
         * @param newData rows with the fit's predictors
         * @param choice lambda_min or lambda_1se
         * @param responseScale the mean instead of the linear predictor
         * @return one value per row of newData
         */
        public double[] predict(Dataset newData, LambdaChoice choice, boolean responseScale) {
            return fullFit.predict(newData, lambda(choice), responseScale);
        }

        public int folds() {
            int k = 0;
            for (int f : foldIds) {
                k = Math.max(k, f + 1);
            }
            return k;
        }
    }

    private CrossValidation() {
    }

    /** Fold ids 0..k-1 for n observations from a seeded shuffle (each fold gets n/k rows, +-1). */
    public static int[] folds(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new InvalidDataException("the number of folds must lie in [2, n = " + n + "], got " + k);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[perm[i]] = i % k;
        }
        return ids;
    }

    /**
     * Fold ids from a column of integers (glmnet's {@code foldid}): any integer labels, the
     * smallest becoming fold 0 (so 1..K and 0..K-1 both work).
     *
     * @throws InvalidDataException for a value that is not an integer
     */
    public static int[] foldIds(double[] labels) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : labels) {
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                throw new InvalidDataException("fold ids must be integers, got " + v);
            }
            min = Math.min(min, v);
        }
        int[] ids = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ids[i] = (int) (labels[i] - min);
        }
        return ids;
    }

    /**
     * Cross-validation of a model given by a formula ({@link PenalizedRegression.Builder#formula}):
     * the {@link ModelFrame} is learned on the table with the builder's frame options, incomplete
     * rows are dropped (or refused) as they say, and the folds are drawn over the complete rows:
     * {@code k} folds from {@code seed}, or the integers of {@code foldColumn} on those rows (a
     * column that {@code .} leaves out). The full-data fit keeps the frame
     * ({@link PenalizedFit#frame()}), so the chosen solution can be saved and applied to new data.
     *
     * @param foldColumn a column of fold ids, or null for {@code k} folds from {@code seed}
     * @throws IllegalStateException if the builder has no formula
     */
    public static Result run(PenalizedRegression model, CsvTable table, CvMeasure measure, String foldColumn,
                             int k, long seed, int threads) {
        PenalizedRegression.Builder settings = model.toBuilder();
        String formula = settings.formulaText();
        if (formula == null) {
            throw new IllegalStateException("no formula: give one with formula(\"y ~ ...\")");
        }
        FrameOptions options = settings.frameOptionsValue();
        if (foldColumn != null) {
            if (!table.names().contains(foldColumn)) {
                throw new InvalidDataException("no fold-id column '" + foldColumn + "' in " + table.source()
                        + " (columns: " + String.join(", ", table.names()) + ")");
            }
            List<String> excluded = new ArrayList<>(options.excluded());
            excluded.add(foldColumn);
            options = options.withExcluded(excluded);
        }
        ModelFrame frame = ModelFrame.learn(formula, table, options);
        FrameData data = frame.training(table);
        int[] ids;
        if (foldColumn != null) {
            double[] all = table.values(foldColumn);
            int[] rows = data.rows();
            double[] labels = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = all[rows[i]];
            }
            ids = foldIds(labels);
        } else {
            ids = folds(data.dataset().rows(), k, seed);
        }
        Result result = run(settings.intercept(frame.intercept()).build(), data.dataset(), measure, ids, threads);
        result.fullFit().attach(frame, data.dropped());
        return result;
    }

    /** Cross-validation with {@code k} folds from {@code seed}, on 2 threads. */
    public static Result run(PenalizedRegression model, Dataset data, CvMeasure measure, int k, long seed) {
        return run(model, data, measure, folds(data.rows(), k, seed), 2);
    }

    /**
     * Cross-validation with the given fold ids (0-based, every fold 0..K-1 non-empty, K >= 2).
     */
    public static Result run(PenalizedRegression model, Dataset data, CvMeasure measure, int[] foldIds,
                             int threads) {
        int n = data.rows();
        int k = foldCount(foldIds, n);
        if (!CvMeasure.isBinomial(model.family())
                && (measure == CvMeasure.AUC || measure == CvMeasure.MISCLASSIFICATION)) {
            throw new IllegalArgumentException("measure '" + measure.label() + "' needs the binomial family");
        }
        PenalizedFit full = model.fit(data);
        double[] lambdas = full.lambdas();
        int nl = lambdas.length;
        double[][] perFold = new double[k][];
        double[] foldWeight = new double[k];
        double[] w = data.weights();
        for (int i = 0; i < n; i++) {
            foldWeight[foldIds[i]] += w[i];
        }
        int nThreads = Math.max(1, Math.min(threads, k));
        ExecutorService pool = Executors.newFixedThreadPool(nThreads,
                r -> new Thread(null, r, "argmax-cv", 64L << 20));
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                int fold = f;
                futures.add(pool.submit(() -> foldCurve(model, data, foldIds, fold, lambdas, measure)));
            }
            for (int f = 0; f < k; f++) {
                perFold[f] = futures.get(f).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        Curve curve = curve(perFold, foldWeight, lambdas, measure);
        int[] nz = full.solutions().stream().mapToInt(PenalizedSolution::nonzero).toArray();
        return new Result(lambdas, curve.mean(), curve.standardError(), nz, measure, curve.indexMin(),
                curve.index1se(), foldIds.clone(), full);
    }

    /**
     * Checks fold ids (one per observation, 0-based, every fold 0..K-1 non-empty, K &gt;= 2) and
     * returns K.
     */
    public static int foldCount(int[] foldIds, int n) {
        if (foldIds.length != n) {
            throw new InvalidDataException(foldIds.length + " fold ids given for " + n + " observations");
        }
        int k = 0;
        for (int f : foldIds) {
            if (f < 0) {
                throw new InvalidDataException("fold ids must be >= 0, got " + f);
            }
            k = Math.max(k, f + 1);
        }
        int[] sizes = new int[k];
        for (int f : foldIds) {
            sizes[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (sizes[f] == 0) {
                throw new InvalidDataException("fold " + f + " is empty (fold ids must be 0..K-1)");
            }
        }
        if (k < 2) {
            throw new InvalidDataException("cross-validation needs at least 2 folds, got " + k);
        }
        return k;
    }

    /**
     * A cross-validation curve: per lambda the fold-weight-weighted mean of the fold measures and
     * its standard error, and the indices of lambda_min and lambda_1se (see the class comment).
     *
     * @param mean mean measure per lambda
     * @param standardError its standard error per lambda
     * @param indexMin index of the best mean
     * @param index1se index of the largest lambda within one standard error of the best
     */
    public record Curve(double[] mean, double[] standardError, int indexMin, int index1se) {
    }

    /**
     * The curve from the fold measures ({@code perFold[f][l]}, NaN where fold f has no value at
     * lambda l) and the folds' weights.
     */
    public static Curve curve(double[][] perFold, double[] foldWeight, double[] lambdas, CvMeasure measure) {
        int k = perFold.length;
        int nl = lambdas.length;
        double[] mean = new double[nl];
        double[] se = new double[nl];
        for (int l = 0; l < nl; l++) {
            double sw = 0;
            double s = 0;
            for (int f = 0; f < k; f++) {
                if (!Double.isNaN(perFold[f][l])) {
                    sw += foldWeight[f];
                    s += foldWeight[f] * perFold[f][l];
                }
            }
            mean[l] = s / sw;
            double v = 0;
            for (int f = 0; f < k; f++) {
                if (!Double.isNaN(perFold[f][l])) {
                    double d = perFold[f][l] - mean[l];
                    v += foldWeight[f] * d * d;
                }
            }
            se[l] = Math.sqrt(v / sw / (k - 1));
        }
        int best = 0;
        for (int l = 1; l < nl; l++) {
            if (measure.largerIsBetter() ? mean[l] > mean[best] : mean[l] < mean[best]) {
                best = l;
            }
        }
        int oneSe = best;
        double bound = measure.largerIsBetter() ? mean[best] - se[best] : mean[best] + se[best];
        for (int l = 0; l < nl; l++) {
            boolean within = measure.largerIsBetter() ? mean[l] >= bound : mean[l] <= bound;
            if (within && lambdas[l] > lambdas[oneSe]) {
                oneSe = l;
            }
        }
        return new Curve(mean, se, best, oneSe);
    }

    private static double[] foldCurve(PenalizedRegression model, Dataset data, int[] foldIds, int fold,
                                      double[] lambdas, CvMeasure measure) {
        int n = data.rows();
        int nTest = 0;
        for (int f : foldIds) {
            nTest += f == fold ? 1 : 0;
        }
        int[] train = new int[n - nTest];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (foldIds[i] == fold) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        Dataset trainData = data.subset(train);
        Dataset testData = data.subset(test);
        PenalizedFit fit = model.toBuilder().lambda(lambdas).build().fit(trainData);
        double[] out = new double[lambdas.length];
        double[] yt = testData.response();
        double[] wt = testData.weights();
        for (int l = 0; l < lambdas.length; l++) {
            out[l] = measure.evaluate(fit.family(), yt, wt, fit.predictSolution(testData, l, false));
        }
        return out;
    }
}
