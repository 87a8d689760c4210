package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedSolution;
import java.util.Locale;

/** JSON and text renderings of penalized fits and cross-validation for the command line. */
public final class PenalizedOutput {

    private PenalizedOutput() {
    }

    static String link(PenalizedFit fit) {
        return fit.family().link().label();
    }

    /**
     * {@code family, link, solver, penalty, alpha, standardize, n, lambda_max, null_deviance,
     * converged, coefficient_names} and a {@code path} array with, per lambda, {@code lambda,
     * coefficients} (intercept first), {@code objective, nonzero, deviance, deviance_ratio,
     * iterations, converged, trace} (trace: the solver's per-iteration objective, KKT violation,
     * step size and time).
     */
    public static ObjectNode json(PenalizedFit fit, String solver, String penalty, boolean standardize, int n) {
        ObjectNode o = Json.object();
        o.put("family", fit.family().name());
        o.put("link", link(fit));
        o.put("solver", solver);
        o.put("penalty", penalty);
        Json.put(o, "alpha", fit.alpha());
        o.put("standardize", standardize);
        o.put("n", n);
        Json.put(o, "lambda_max", fit.lambdaMax());
        Json.put(o, "null_deviance", fit.nullDeviance());
        o.put("converged", fit.solutions().stream().allMatch(PenalizedSolution::converged));
        Json.array(o, "coefficient_names", fit.coefficientNames());
        ArrayNode path = o.putArray("path");
        for (PenalizedSolution s : fit.solutions()) {
            ObjectNode p = path.addObject();
            Json.put(p, "lambda", s.lambda());
            Json.array(p, "coefficients", s.allCoefficients());
            Json.put(p, "objective", s.objective());
            p.put("nonzero", s.nonzero());
            Json.put(p, "deviance", s.deviance());
            Json.put(p, "deviance_ratio", s.devianceRatio());
            p.put("iterations", s.iterations());
            p.put("converged", s.converged());
            ArrayNode trace = p.putArray("trace");
            for (dev.argmax.optim.trace.TraceEntry e : s.trace().entries()) {
                ObjectNode t = trace.addObject();
                t.put("iteration", e.iteration());
                Json.put(t, "objective", e.objective());
                Json.put(t, "optimality", e.optimality());
                Json.put(t, "step_size", e.stepSize());
                t.put("seconds", e.elapsedNanos() / 1e9);
            }
        }
        ArrayNode warnings = o.putArray("warnings");
        for (PenalizedSolution s : fit.solutions()) {
            if (!s.converged()) {
                warnings.add("lambda " + s.lambda() + ": " + s.message());
            }
        }
        return o;
    }

    /** The summary table for a single lambda, or the path table (lambda, df, %dev, objective) for several. */
    public static String text(PenalizedFit fit) {
        if (fit.solutions().size() == 1) {
            return fit.summary(0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Penalized %s regression path, alpha = %s, lambda_max = %.6g%n%n",
                fit.family().name(), fit.alpha(), fit.lambdaMax()));
        sb.append(String.format(Locale.ROOT, "%14s %6s %10s %16s %8s %s%n", "lambda", "df", "%dev", "objective",
                "passes", "converged"));
        for (PenalizedSolution s : fit.solutions()) {
            sb.append(String.format(Locale.ROOT, "%14.6g %6d %10.4f %16.10g %8d %s%n", s.lambda(), s.nonzero(),
                    100 * s.devianceRatio(), s.objective(), s.iterations(), s.converged() ? "yes" : "NO"));
        }
        return sb.toString();
    }

    /** {@code measure, folds, lambda_min, lambda_1se} and the {@code curve} array. */
    public static ObjectNode json(CrossValidation.Result cv) {
        ObjectNode o = Json.object();
        o.put("family", cv.fullFit().family().name());
        o.put("measure", cv.measure().label());
        o.put("folds", cv.folds());
        Json.put(o, "lambda_min", cv.lambdaMin());
        Json.put(o, "lambda_1se", cv.lambda1se());
        o.put("index_min", cv.indexMin());
        o.put("index_1se", cv.index1se());
        Json.array(o, "coefficient_names", cv.fullFit().coefficientNames());
        Json.array(o, "coefficients_min", cv.fullFit().solution(cv.indexMin()).allCoefficients());
        Json.array(o, "coefficients_1se", cv.fullFit().solution(cv.index1se()).allCoefficients());
        ArrayNode curve = o.putArray("curve");
        for (int l = 0; l < cv.lambdas().length; l++) {
            ObjectNode c = curve.addObject();
            Json.put(c, "lambda", cv.lambdas()[l]);
            Json.put(c, "mean", cv.mean()[l]);
            Json.put(c, "se", cv.standardError()[l]);
            c.put("nonzero", cv.nonzero()[l]);
        }
        return o;
    }

    public static String text(CrossValidation.Result cv) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d-fold cross-validation, %s, measure %s%n", cv.folds(),
                cv.fullFit().family().name(), cv.measure().label()));
        sb.append(String.format(Locale.ROOT, "lambda_min = %.6g (mean %.6g, se %.4g, %d nonzero)%n", cv.lambdaMin(),
                cv.mean()[cv.indexMin()], cv.standardError()[cv.indexMin()], cv.nonzero()[cv.indexMin()]));
        sb.append(String.format(Locale.ROOT, "lambda_1se = %.6g (mean %.6g, se %.4g, %d nonzero)%n%n", cv.lambda1se(),
                cv.mean()[cv.index1se()], cv.standardError()[cv.index1se()], cv.nonzero()[cv.index1se()]));
        sb.append(String.format(Locale.ROOT, "%14s %14s %12s %6s%n", "lambda", "mean", "se", "df"));
        for (int l = 0; l < cv.lambdas().length; l++) {
            sb.append(String.format(Locale.ROOT, "%14.6g %14.6g %12.4g %6d%s%n", cv.lambdas()[l], cv.mean()[l],
                    cv.standardError()[l], cv.nonzero()[l], l == cv.indexMin() ? "  <- min"
                            : l == cv.index1se() ? "  <- 1se" : ""));
        }
        return sb.toString();
    }
}
