package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.multinomial.ClassLevels;
import dev.argmax.models.multinomial.MultinomialCrossValidation;
import dev.argmax.models.multinomial.MultinomialPath;
import dev.argmax.models.multinomial.PenalizedMultinomial;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.path.RegularizationPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code path} and {@code cv} with {@code --family multinomial}: glmnet's multinomial lasso or
 * elastic net path (symmetric parametrization, ungrouped or {@code --grouped}), optionally
 * cross-validated with the multinomial deviance or misclassification. JSON: {@code family,
 * type_multinomial, alpha, levels, coefficient_names} ("(Intercept)" then the predictors),
 * {@code lambda_max, null_deviance, strong_rule_violations, elapsed_seconds} and {@code path}, one
 * entry per lambda: {@code lambda, nonzero} (predictors in the model), {@code deviance,
 * dev_ratio, objective, converged, optimality, iterations} and {@code coefficients} keyed by class
 * (intercept then slopes, intercepts summing to 0); with cross-validation also {@code measure,
 * folds, lambda_min, lambda_1se} and per entry {@code cv_mean, cv_se}.
 */
final class MultinomialPathOutput {

    /**
     * @param model the penalized multinomial model, with its formula and frame options
     * @param settings the path settings
     */
    record Inputs(PenalizedMultinomial model, RegularizationPath.Settings settings) {
    }

    private MultinomialPathOutput() {
    }

    /** Reads the model from the table and the options; refuses what the multinomial path does not offer. */
    static Inputs inputs(String formula, FrameOptions frameOptions, List<String> levels, boolean grouped,
                         boolean noIntercept, PenaltyOptions penalty, PathOptions path, ToleranceOption tolerance) {
        if (noIntercept) {
            throw new IllegalArgumentException("the multinomial path always fits one intercept per class");
        }
        PenaltyOptions.Kind kind = penalty.kind(true);
        if (kind != PenaltyOptions.Kind.L1 && kind != PenaltyOptions.Kind.ELASTICNET) {
            throw new IllegalArgumentException("--family multinomial paths take the lasso (default) or --penalty "
                    + "elasticnet with alpha in (0, 1], not --penalty " + penalty.name(true));
        }
        if (penalty.standardize || penalty.factors != null) {
            throw new IllegalArgumentException("--family multinomial paths do not offer --standardize or "
                    + "--penalty-factors (glmnet's standardize = FALSE, all factors 1)");
        }
        double alpha = penalty.effectiveAlpha(true);
        PenalizedMultinomial.Builder model = PenalizedMultinomial.builder().formula(formula).frameOptions(frameOptions)
                .alpha(alpha).grouped(grouped);
        if (levels != null && !levels.isEmpty()) {
            model.levels(new ClassLevels(levels));
        }
        RegularizationPath.Settings settings = RegularizationPath.Settings.defaults()
                .withSolver(tolerance.target() == null ? CoordinateDescent.Settings.defaults()
                        : CoordinateDescent.Settings.defaults().withKktTarget(tolerance.target()))
                .withCount(path.nlambda);
        if (path.minRatio != null) {
            settings = settings.withMinRatio(path.minRatio);
        }
        if (penalty.lambdas != null) {
            settings = settings.withLambdas(penalty.lambdas);
        }
        return new Inputs(model.build(), settings);
    }

    /** The JSON of a path, with the cross-validation curve when {@code cv} is not null. */
    static ObjectNode json(MultinomialPath path, MultinomialCrossValidation.Result cv) {
        ObjectNode o = Json.object();
        o.put("family", MultinomialOutput.FAMILY);
        o.put("type_multinomial", path.grouped() ? "grouped" : "ungrouped");
        o.put("parametrization", "symmetric (one intercept and slope vector per class, intercepts summing to 0)");
        Json.put(o, "alpha", path.alpha());
        Json.array(o, "levels", path.levels());
        o.put("n", path.rows());
        o.put("n_dropped", path.dropped());
        path.frame().ifPresent(f -> o.put("formula", f.formula().text()));
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(path.predictors());
        Json.array(o, "coefficient_names", names);
        Json.put(o, "lambda_max", path.lambdaMax());
        Json.put(o, "null_deviance", path.nullDeviance());
        o.put("strong_rule_violations", path.strongRuleViolations());
        o.put("converged", path.converged());
        Json.put(o, "elapsed_seconds", path.elapsedNanos() / 1e9);
        if (cv != null) {
            o.put("measure", cv.measure().label());
            int folds = 0;
            for (int f : cv.foldIds()) {
                folds = Math.max(folds, f + 1);
            }
            o.put("folds", folds);
            Json.put(o, "lambda_min", cv.lambdaMin());
            Json.put(o, "lambda_1se", cv.lambda1se());
        }
        ArrayNode arr = o.putArray("path");
        double[] lambdas = path.lambdas();
        for (int l = 0; l < lambdas.length; l++) {
            PenalizedMultinomial.Solution s = path.solution(l);
            ObjectNode e = arr.addObject();
            Json.put(e, "lambda", lambdas[l]);
            e.put("nonzero", path.nonzero()[l]);
            Json.put(e, "deviance", path.deviances()[l]);
            Json.put(e, "dev_ratio", path.devianceRatios()[l]);
            Json.put(e, "objective", s.objective());
            e.put("converged", s.converged());
            Json.put(e, "optimality", s.solverResult().optimality());
            e.put("iterations", s.solverResult().iterations());
            if (cv != null) {
                Json.put(e, "cv_mean", cv.mean()[l]);
                Json.put(e, "cv_se", cv.standardError()[l]);
            }
            double[][] rows = new double[path.levels().size()][];
            double[][] slopes = s.slopes();
            for (int c = 0; c < rows.length; c++) {
                rows[c] = new double[slopes[c].length + 1];
                rows[c][0] = s.intercepts()[c];
                System.arraycopy(slopes[c], 0, rows[c], 1, slopes[c].length);
            }
            MultinomialOutput.byClass(e, "coefficients", path.levels(), rows);
        }
        return o;
    }

    /** glmnet's print of a path (Df, %Dev, Lambda), with the CV curve and lambda_min / lambda_1se. */
    static String text(MultinomialPath path, MultinomialCrossValidation.Result cv) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Multinomial %s path (glmnet's symmetric parametrization), alpha = %s, "
                        + "K = %d classes %s, lambda_max = %.6g%n%n", path.grouped() ? "grouped" : "ungrouped",
                path.alpha(), path.levels().size(), path.levels(), path.lambdaMax()));
        sb.append(String.format(Locale.ROOT, "%5s %4s %7s %12s%s%n", "", "Df", "%Dev", "Lambda",
                cv == null ? "" : String.format(Locale.ROOT, " %12s %10s", "CV " + cv.measure().label(), "CV se")));
        double[] lambdas = path.lambdas();
        for (int l = 0; l < lambdas.length; l++) {
            sb.append(String.format(Locale.ROOT, "%5d %4d %7.2f %12.6g%s%n", l + 1, path.nonzero()[l],
                    100 * path.devianceRatios()[l], lambdas[l], cv == null ? "" : String.format(Locale.ROOT,
                            " %12.6g %10.4g", cv.mean()[l], cv.standardError()[l])));
        }
        if (cv != null) {
            sb.append(String.format(Locale.ROOT, "%nlambda_min = %.6g, lambda_1se = %.6g%n", cv.lambdaMin(),
                    cv.lambda1se()));
        }
        if (!path.converged()) {
            sb.append("\nWARNING: some lambdas did not converge\n");
        }
        return sb.toString();
    }

    /** The CV measure: deviance or class. */
    static CvMeasure measure(String name) {
        CvMeasure m = CvMeasure.of(name);
        if (m != CvMeasure.DEVIANCE && m != CvMeasure.MISCLASSIFICATION) {
            throw new IllegalArgumentException("--measure " + name + " is not defined for --family multinomial; use "
                    + "deviance or class");
        }
        return m;
    }
}
