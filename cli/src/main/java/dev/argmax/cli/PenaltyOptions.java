package dev.argmax.cli;

import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.PenalizedRegression;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The penalty options shared by {@code fit} and {@code cv} (glmnet's conventions: objective
 * {@code (1/n) sum w_i nll_i + lambda (alpha |b|_1 + (1 - alpha)/2 |b|^2)}, intercept unpenalised).
 */
public final class PenaltyOptions {

    @Option(names = "--penalty", description = "none|l1|l2|elasticnet|mcp|scad (default: none)", defaultValue = "none")
    String penalty;

    @Option(names = "--gamma", description = "concavity of --penalty mcp (> 1, default 3) or scad (> 2, default 3.7)")
    Double gamma;

    @Option(names = "--lambda", split = ",", paramLabel = "V",
            description = "penalty strength(s), comma separated; default: a path of --nlambda values from lambda_max")
    double[] lambdas;

    @Option(names = "--alpha", description = "elastic-net mixing for --penalty elasticnet (0 ridge .. 1 lasso)",
            defaultValue = "0.5")
    double alpha;

    @Option(names = "--standardize", description = "standardise predictors as glmnet (1/n SD); coefficients are"
            + " reported on the original scale")
    boolean standardize;

    @Option(names = "--penalty-factors", split = ",", paramLabel = "V",
            description = "per-predictor penalty factors (0 = unpenalised), rescaled to sum to p as glmnet")
    double[] factors;

    @Option(names = "--nlambda", description = "number of lambdas of a generated path (default 100)",
            defaultValue = "100")
    int nlambda;

    @Option(names = "--lambda-min-ratio", description = "smallest lambda / lambda_max (default 1e-4 if n > p, else 1e-2)")
    Double minRatio;

    @Option(names = "--tolerance", description = "relative KKT tolerance of coordinate descent (default 1e-9)",
            defaultValue = "1e-9")
    double tolerance;

    /** Whether a penalty was asked for. */
    public boolean penalized() {
        return !penalty.toLowerCase(Locale.ROOT).equals("none");
    }

    /** The alpha implied by --penalty (and --alpha for elasticnet). */
    public double effectiveAlpha() {
        return switch (penalty.toLowerCase(Locale.ROOT)) {
            case "l1", "lasso" -> 1.0;
            case "l2", "ridge" -> 0.0;
            case "elasticnet", "elastic-net", "enet" -> alpha;
            case "mcp", "scad" -> 1.0;
            case "none" -> 0.0;
            default -> throw new IllegalArgumentException("unknown --penalty '" + penalty
                    + "'; use none, l1, l2, elasticnet, mcp or scad");
        };
    }

    /** The model these options describe. */
    public PenalizedRegression.Builder builder(Family family, boolean intercept, String solver) {
        PenalizedRegression.Builder b = PenalizedRegression.builder().family(family).alpha(effectiveAlpha())
                .standardize(standardize).intercept(intercept).tolerance(tolerance)
                .solver(solver == null ? "cd" : solver);
        if (!penalized()) {
            b.lambda(0.0);
        } else if (lambdas != null) {
            b.lambda(lambdas);
        } else {
            b.path(nlambda, minRatio == null ? Double.NaN : minRatio);
        }
        if (factors != null) {
            b.penaltyFactors(factors);
        }
        String kind = penalty.toLowerCase(Locale.ROOT);
        if (kind.equals("mcp")) {
            b.mcp(gamma == null ? 3.0 : gamma);
        } else if (kind.equals("scad")) {
            b.scad(gamma == null ? 3.7 : gamma);
        } else if (gamma != null) {
            throw new IllegalArgumentException("--gamma is for --penalty mcp or scad, not " + penalty);
        }
        return b;
    }
}
