package dev.argmax.cli;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.McpPenalty;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.ScadPenalty;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.PenalizedRegression;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The penalty options, one definition shared by {@code fit}, {@code path}, {@code cv} and
 * {@code compare}, in glmnet's convention: objective
 * {@code (1/n) sum w_i nll_i + lambda (alpha |b|_1 + (1 - alpha)/2 |b|^2)} (MCP and SCAD: their
 * concave penalty of strength lambda), intercept unpenalized.
 *
 * <p>The rule for which penalty: {@code --penalty} when given; otherwise the lasso ({@code l1},
 * glmnet's default alpha = 1) when {@code --lambda} is given or the command always fits a penalty
 * ({@code path}, {@code cv}); otherwise none (maximum likelihood). So {@code --lambda 0.01} alone
 * means the same lasso in every command.
 */
public final class PenaltyOptions {

    /** The penalties by name. */
    enum Kind { NONE, L1, L2, ELASTICNET, MCP, SCAD }

    @Option(names = "--penalty", paramLabel = "NAME", description = "none|l1|l2|elasticnet|mcp|scad. Default: l1 "
            + "when --lambda is given or the command always fits a penalty (path, cv); none otherwise.")
    String penalty;

    @Option(names = "--lambda", split = ",", paramLabel = "V", description = "Penalty strength(s) in glmnet's "
            + "convention, comma separated (compare: one value). Default: a path of --nlambda values from "
            + "lambda_max (compare: required with a penalty).")
    double[] lambdas;

    @Option(names = "--alpha", paramLabel = "A", description = "Elastic-net mixing for --penalty elasticnet: 0 "
            + "ridge .. 1 lasso. Default: 0.5.")
    Double alpha;

    @Option(names = "--gamma", paramLabel = "G", description = "Concavity of --penalty mcp (> 1, default 3) or "
            + "scad (> 2, default 3.7).")
    Double gamma;

    @Option(names = "--standardize", description = "Standardize the predictors as glmnet (1/n SD) before "
            + "penalizing; coefficients are reported on the original scale.")
    boolean standardize;

    @Option(names = "--penalty-factors", split = ",", paramLabel = "V", description = "Per-predictor penalty "
            + "factors (0 = unpenalized), rescaled to sum to p as glmnet.")
    double[] factors;

    /**
     * The penalty these options name (see the class comment for the rule).
     *
     * @param alwaysPenalized whether the command always fits a penalty (path, cv)
     */
    Kind kind(boolean alwaysPenalized) {
        Kind k;
        if (penalty == null) {
            k = lambdas != null || alwaysPenalized ? Kind.L1 : Kind.NONE;
        } else {
            k = switch (penalty.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> Kind.NONE;
                case "l1", "lasso" -> Kind.L1;
                case "l2", "ridge" -> Kind.L2;
                case "elasticnet", "elastic-net", "enet" -> Kind.ELASTICNET;
                case "mcp" -> Kind.MCP;
                case "scad" -> Kind.SCAD;
                default -> throw new InvalidDataException("unknown --penalty '" + penalty
                        + "'; use none, l1, l2, elasticnet, mcp or scad");
            };
        }
        if (alpha != null && k != Kind.ELASTICNET) {
            throw new InvalidDataException("--alpha is for --penalty elasticnet (l1 is alpha = 1, l2 alpha = 0), not "
                    + k.name().toLowerCase(Locale.ROOT));
        }
        if (gamma != null && k != Kind.MCP && k != Kind.SCAD) {
            throw new InvalidDataException("--gamma is for --penalty mcp or scad, not " + k.name().toLowerCase(Locale.ROOT));
        }
        if (k == Kind.NONE && (lambdas != null || factors != null || standardize)) {
            throw new InvalidDataException("--lambda, --penalty-factors and --standardize need a penalty; "
                    + "--penalty none was given");
        }
        return k;
    }

    /** Whether a penalty is asked for. */
    boolean penalized(boolean alwaysPenalized) {
        return kind(alwaysPenalized) != Kind.NONE;
    }

    /** The elastic-net alpha of the penalty (1 for l1, MCP and SCAD, 0 for l2). */
    double effectiveAlpha(boolean alwaysPenalized) {
        return switch (kind(alwaysPenalized)) {
            case L1, MCP, SCAD -> 1.0;
            case L2, NONE -> 0.0;
            case ELASTICNET -> alpha == null ? 0.5 : alpha;
        };
    }

    /** The concavity of MCP (default 3) or SCAD (default 3.7). */
    double effectiveGamma(Kind k) {
        return gamma != null ? gamma : k == Kind.MCP ? 3.0 : 3.7;
    }

    /** The penalty's name as --penalty spells it: none, l1, l2, elasticnet, mcp or scad. */
    String name(boolean alwaysPenalized) {
        return kind(alwaysPenalized).name().toLowerCase(Locale.ROOT);
    }

    /** "lasso", "ridge", "elastic net alpha=A", "MCP gamma=G", "SCAD gamma=G" or "none". */
    String label(boolean alwaysPenalized) {
        Kind k = kind(alwaysPenalized);
        return switch (k) {
            case NONE -> "none";
            case L1 -> "lasso";
            case L2 -> "ridge";
            case ELASTICNET -> "elastic net alpha=" + effectiveAlpha(alwaysPenalized);
            case MCP -> "MCP gamma=" + effectiveGamma(k);
            case SCAD -> "SCAD gamma=" + effectiveGamma(k);
        };
    }

    /**
     * The penalty of one problem with p slopes at one lambda ({@code compare}): on the scale of
     * the design it is applied to (standardized when {@code --standardize}).
     */
    Penalty penalty(int p) {
        Kind k = kind(false);
        if (k == Kind.NONE) {
            return ElasticNet.none();
        }
        if (lambdas == null || lambdas.length != 1) {
            throw new InvalidDataException("compare solves one problem: give one --lambda value with --penalty "
                    + k.name().toLowerCase(Locale.ROOT) + (lambdas == null ? "" : " (got " + lambdas.length + ")"));
        }
        double lambda = lambdas[0];
        double[] v = factors == null ? null : PenalizedRegression.rescaledPenaltyFactors(factors, p);
        return switch (k) {
            case MCP -> new McpPenalty(lambda, effectiveGamma(k), v);
            case SCAD -> new ScadPenalty(lambda, effectiveGamma(k), v);
            default -> new ElasticNet(lambda, effectiveAlpha(false), v, null, null);
        };
    }

    /**
     * The penalized model these options describe ({@code fit} with a penalty, {@code path},
     * {@code cv}).
     *
     * @param path the path options (used when no --lambda is given)
     * @param tolerance the --tolerance option
     * @param alwaysPenalized whether the command always fits a penalty (path, cv)
     */
    PenalizedRegression.Builder builder(Family family, boolean intercept, String solver, PathOptions path,
                                        ToleranceOption tolerance, boolean alwaysPenalized) {
        Kind k = kind(alwaysPenalized);
        PenalizedRegression.Builder b = PenalizedRegression.builder().family(family)
                .alpha(effectiveAlpha(alwaysPenalized)).standardize(standardize).intercept(intercept)
                .solver(solver == null ? "cd" : solver);
        tolerance.apply(b);
        if (k == Kind.NONE) {
            b.lambda(0.0);
        } else if (lambdas != null) {
            b.lambda(lambdas);
        } else {
            b.path(path.nlambda, path.minRatio == null ? Double.NaN : path.minRatio);
        }
        if (factors != null) {
            b.penaltyFactors(factors);
        }
        if (k == Kind.MCP) {
            b.mcp(effectiveGamma(k));
        } else if (k == Kind.SCAD) {
            b.scad(effectiveGamma(k));
        }
        return b;
    }
}
