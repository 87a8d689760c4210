package dev.argmax.models.multinomial;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.optim.path.RegularizationPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * K-fold cross-validation of a penalized multinomial path, as glmnet's {@code cv.glmnet} with
 * {@code family = "multinomial"}: the lambdas come from the path on all the data; each fold is
 * left out in turn, the path is refitted on the rest at those lambdas and the measure
 * ({@link CvMeasure#DEVIANCE}, the multinomial deviance {@code -2 log p_i,y_i}, or
 * {@link CvMeasure#MISCLASSIFICATION}; {@link CvMeasure#evaluateClasses}) is evaluated on the fold.
 * The curve, {@code lambda_min} and {@code lambda_1se} are {@link CrossValidation#curve}'s
 * (fold-weight-weighted mean, its standard error, the largest lambda within one standard error
 * of the best). Folds are given as ids or drawn from a seed ({@link CrossValidation#folds}); they
 * run in parallel on {@code threads} threads, each on its own copy of its rows. The classes are
 * those of the full data; a fold whose complement lacks a class is refused (that class's
 * intercept would be minus infinity there).
 */
public final class MultinomialCrossValidation {

    /**
     * @param lambdas the path's lambdas
     * @param mean cross-validated mean of the measure per lambda
     * @param standardError its standard error per lambda
     * @param measure the measure
     * @param indexMin index of lambda_min
     * @param index1se index of lambda_1se
     * @param foldIds fold of each observation (0-based)
     * @param fullPath the path on all the data
     */
    public record Result(double[] lambdas, double[] mean, double[] standardError, CvMeasure measure, int indexMin,
                         int index1se, int[] foldIds, MultinomialPath fullPath) {

        /** The lambda with the best mean measure (glmnet's {@code lambda.min}). */
        public double lambdaMin() {
            return lambdas[indexMin];
        }

        /** The largest lambda within one standard error of the best (glmnet's {@code lambda.1se}). */
        public double lambda1se() {
            return lambdas[index1se];
        }

        /** lambda_min or lambda_1se. */
        public double lambda(LambdaChoice choice) {
            return choice == LambdaChoice.LAMBDA_MIN ? lambdaMin() : lambda1se();
        }

        /** The full-data path's coefficients at the chosen lambda ({@code coef(cvfit, s = "lambda.1se")}). */
        public MultinomialPath.Coefficients coefficients(LambdaChoice choice) {
            return fullPath.coefficients(lambda(choice));
        }
    }

    private MultinomialCrossValidation() {
    }

    /**
     * Cross-validation of the path of {@code model}'s formula on a table
     * ({@link PenalizedMultinomial#path(CsvTable, RegularizationPath.Settings)}): folds from a
     * column of fold ids (left out of {@code .}; its values on the complete rows) or {@code k}
     * folds from {@code seed} over the complete rows. The full-data path keeps the frame, so the
     * chosen solution can be saved and applied to new data.
     *
     * @param foldColumn a column of fold ids, or null for {@code k} folds from {@code seed}
     * @throws IllegalStateException if the builder has no formula
     */
    public static Result run(PenalizedMultinomial model, CsvTable table, CvMeasure measure, String foldColumn, int k,
                             long seed, int threads, RegularizationPath.Settings settings) {
        java.util.Objects.requireNonNull(measure, "measure");
        if (foldColumn != null && !table.names().contains(foldColumn)) {
            throw new InvalidDataException("no fold-id column '" + foldColumn + "' in " + table.source()
                    + " (columns: " + String.join(", ", table.names()) + ")");
        }
        PenalizedMultinomial.Framed f = model.frame(table, foldColumn);
        Dataset data = f.data().data().dataset();
        int[] ids;
        if (foldColumn != null) {
            double[] all = table.values(foldColumn);
            int[] rows = f.data().data().rows();
            double[] labels = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = all[rows[i]];
            }
            ids = CrossValidation.foldIds(labels);
        } else {
            ids = CrossValidation.folds(data.rows(), k, seed);
        }
        Result result = run(model, data, f.levels(), f.data().labels(), measure, ids, threads, settings);
        result.fullPath().attach(f.frame(), f.data().data().dropped());
        return result;
    }

    /**
     * Cross-validation of {@code model}'s path on numeric class codes ({@code labels == null}, the
     * dataset's response) or text labels.
     *
     * @param model the penalized multinomial model (alpha, grouped, levels)
     * @param data the predictors (and weights)
     * @param labels one class label per row, or null for the dataset's numeric response
     * @param measure deviance or class
     * @param foldIds the fold of each row (0-based)
     * @param threads folds fitted in parallel
     * @param settings the path settings (number of lambdas, ratio, or the lambdas)
     */
    public static Result run(PenalizedMultinomial model, Dataset data, List<String> labels, CvMeasure measure,
                             int[] foldIds, int threads, RegularizationPath.Settings settings) {
        int n = data.rows();
        if (labels != null && labels.size() != n) {
            throw new InvalidDataException("there are " + labels.size() + " class labels for " + n + " rows");
        }
        return run(model, data, model.levelsFor(data, labels), labels, measure, foldIds, threads, settings);
    }

    private static Result run(PenalizedMultinomial model, Dataset data, ClassLevels lv, List<String> labels,
                              CvMeasure measure, int[] foldIds, int threads, RegularizationPath.Settings settings) {
        int n = data.rows();
        if (measure != CvMeasure.DEVIANCE && measure != CvMeasure.MISCLASSIFICATION) {
            throw new IllegalArgumentException("measure '" + measure.label() + "' is not defined for a multinomial"
                    + " response; use deviance or class");
        }
        int k = CrossValidation.foldCount(foldIds, n);
        int[] y = labels == null ? lv.encode(data.response()) : lv.encode(labels);
        double[] w = data.weights();
        for (int f = 0; f < k; f++) {
            double[] counts = new double[lv.size()];
            for (int i = 0; i < n; i++) {
                if (foldIds[i] != f) {
                    counts[y[i]] += w[i];
                }
            }
            for (int c = 0; c < counts.length; c++) {
                if (!(counts[c] > 0)) {
                    throw new InvalidDataException("class '" + lv.levels().get(c) + "' has no observation outside fold "
                            + f + ": the path on the other folds does not exist; use fewer folds or other fold ids");
                }
            }
        }
        MultinomialPath full = model.path(data, lv, y, settings);
        double[] lambdas = full.lambdas();
        RegularizationPath.Settings foldSettings = settings.withLambdas(lambdas);
        double[] foldWeight = new double[k];
        for (int i = 0; i < n; i++) {
            foldWeight[foldIds[i]] += w[i];
        }
        double[][] perFold = new double[k][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, k)),
                r -> new Thread(null, r, "argmax-cv", 64L << 20));
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                int fold = f;
                futures.add(pool.submit(() -> foldCurve(model, data, lv, y, foldIds, fold, foldSettings, measure)));
            }
            for (int f = 0; f < k; f++) {
                perFold[f] = futures.get(f).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        CrossValidation.Curve curve = CrossValidation.curve(perFold, foldWeight, lambdas, measure);
        return new Result(lambdas, curve.mean(), curve.standardError(), measure, curve.indexMin(), curve.index1se(),
                foldIds.clone(), full);
    }

    private static double[] foldCurve(PenalizedMultinomial model, Dataset data, ClassLevels lv, int[] y, int[] foldIds,
                                      int fold, RegularizationPath.Settings settings, CvMeasure measure) {
        int n = data.rows();
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (foldIds[i] == fold ? test : train).add(i);
        }
        int[] trainRows = train.stream().mapToInt(Integer::intValue).toArray();
        int[] testRows = test.stream().mapToInt(Integer::intValue).toArray();
        int[] yTrain = new int[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            yTrain[i] = y[trainRows[i]];
        }
        int[] yTest = new int[testRows.length];
        for (int i = 0; i < testRows.length; i++) {
            yTest[i] = y[testRows[i]];
        }
        Dataset testData = data.subset(testRows);
        MultinomialPath path = model.path(data.subset(trainRows), lv, yTrain, settings);
        double[] out = new double[path.lambdas().length];
        double[] wt = testData.weights();
        for (int l = 0; l < out.length; l++) {
            out[l] = measure.evaluateClasses(yTest, wt, path.solution(l).linearPredictors(testData));
        }
        return out;
    }
}
