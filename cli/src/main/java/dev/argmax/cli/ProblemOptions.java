package dev.argmax.cli;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.Penalty;
import dev.argmax.models.penalized.Standardization;
import dev.argmax.models.family.Family;
import dev.argmax.optim.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The problem a solver-comparison command works on: a CSV file, a synthetic problem, or (by
 * default) the bundled Spector &amp; Mazzeo data as a logistic regression; with the penalty of
 * the shared {@link PenaltyOptions}.
 */
public final class ProblemOptions {

    /** The default problem of {@code compare}: {@code datasets/spector.csv} (bundled), binomial, response y. */
    public static final String DEFAULT_DATASET = "spector";

    /** The bundled dataset used when neither --data nor --synthetic is given. */
    String defaultDataset = DEFAULT_DATASET;

    @Option(names = "--data", paramLabel = "FILE.csv", description = OptionHelp.DATA)
    String data;

    @Option(names = "--response", paramLabel = "COL", description = OptionHelp.RESPONSE)
    String response;

    @Option(names = "--weights", paramLabel = "COL", description = OptionHelp.WEIGHTS)
    String weights;

    @Option(names = "--offset", paramLabel = "COL", description = OptionHelp.OFFSET)
    String offset;

    @Option(names = "--exclude", split = ",", paramLabel = "COL", description = OptionHelp.EXCLUDE)
    List<String> exclude = new ArrayList<>();

    @picocli.CommandLine.Mixin
    LinkOptions linkOptions = new LinkOptions();

    @Option(names = "--synthetic", paramLabel = "n,p,family,seed[,scenario]", description = "A generated problem "
            + "instead of data, e.g. 10000,20,binomial,1,toeplitz (families: gaussian, binomial, poisson, probit, "
            + "gamma-log; scenarios: iid, toeplitz, scales, rare, wide).")
    String synthetic;

    @Option(names = "--no-intercept", description = OptionHelp.NO_INTERCEPT)
    boolean noIntercept;

    @Option(names = "--grouped", description = OptionHelp.GROUPED)
    boolean grouped;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = OptionHelp.LEVELS)
    List<String> levels;

    /** A problem and a short description of it for titles and JSON. */
    /**
     * A problem, a short description of it for titles and JSON, the names of its predictors, and
     * the standardization its design went through (null when none: coefficients are then on the
     * original scale already).
     */
    public record Loaded(Problem problem, String description, List<String> coefficientNames,
                         Standardization standardization) {

        /** Coefficients of the problem on the original scale of the predictors. */
        public double[] originalScale(double[] beta) {
            return standardization == null ? beta : standardization.toOriginal(beta, problem.design().hasIntercept());
        }
    }

    /**
     * Builds the problem the options describe, with the penalty of {@code penaltyOptions} (on the
     * standardized predictors with {@code --standardize}, as {@code fit} and {@code path} do).
     */
    public Loaded load(PenaltyOptions penaltyOptions) {
        if (synthetic != null) {
            if (data != null) {
                throw new IllegalArgumentException("give either --data or --synthetic, not both");
            }
            if (penaltyOptions.standardize) {
                throw new IllegalArgumentException("--standardize needs --data: the synthetic problems are compared on "
                        + "the scale they are generated on");
            }
            if (response != null || weights != null || offset != null || !exclude.isEmpty()) {
                throw new IllegalArgumentException("--response, --weights, --offset and --exclude need --data");
            }
            ProblemSpec spec = ProblemSpec.parse(synthetic);
            SyntheticProblem prob = SyntheticProblem.generate(spec);
            Penalty penalty = penaltyOptions.penalty(spec.p());
            Design design = new Design(SyntheticProblems.matrix(prob), !noIntercept);
            Problem problem = new Problem(design, SyntheticProblems.datafit(spec.family(), prob.response()), penalty);
            return new Loaded(problem, "synthetic " + spec.id() + " (" + penalty.name() + ")", names(spec.p()), null);
        }
        String source = data == null ? defaultDataset : data;
        if (MultinomialOutput.isMultinomial(linkOptions.familyName)) {
            if (data == null) {
                throw new IllegalArgumentException("--family multinomial needs --data FILE");
            }
            return multinomial(source, table(source), penaltyOptions);
        }
        if (grouped || levels != null) {
            throw new IllegalArgumentException("--grouped and --levels are for --family multinomial");
        }
        Family fam = linkOptions.resolve(source);
        CsvTable table = table(source);
        Dataset ds = table.toDataset(DatasetColumns.of(response == null ? "y" : response)
                .withWeights(weights).withOffset(offset).withExcluded(exclude));
        Penalty penalty = penaltyOptions.penalty(ds.columns());
        Standardization std = penaltyOptions.standardize ? Standardization.of(ds, !noIntercept) : null;
        Design design = new Design(std == null ? ds.x() : std.apply(ds.x()), !noIntercept);
        double[] w = ds.hasWeights() ? ds.weights() : null;
        Problem problem = new Problem(design, fam.datafit(fam.validate(ds.response(), w), w), penalty,
                ds.hasOffset() ? ds.offset() : null);
        return new Loaded(problem, source + " (" + fam + ", " + penalty.name() + (std == null ? "" : ", standardized")
                + ")", ds.predictorNames(), std);
    }

    /**
     * A multinomial problem: without a penalty the maximum-likelihood problem of
     * {@code nnet::multinom} (reference class the first level, K - 1 columns of eta); with one,
     * glmnet's symmetric parametrization (K columns) with the elastic net on every coefficient, or
     * the grouped lasso with {@code --grouped}. Coefficient names are {@code class:term}, class-major.
     */
    private Loaded multinomial(String source, CsvTable table, PenaltyOptions penaltyOptions) {
        String y0 = response == null ? "y" : response;
        if (offset != null || penaltyOptions.standardize || penaltyOptions.factors != null) {
            throw new IllegalArgumentException("--family multinomial in compare takes no --offset, --standardize or "
                    + "--penalty-factors");
        }
        PenaltyOptions.Kind kind = penaltyOptions.kind(false);
        if (kind == PenaltyOptions.Kind.MCP || kind == PenaltyOptions.Kind.SCAD) {
            throw new IllegalArgumentException("--family multinomial takes --penalty l1, l2 or elasticnet");
        }
        boolean penalized = kind != PenaltyOptions.Kind.NONE;
        if (penalized && (penaltyOptions.lambdas == null || penaltyOptions.lambdas.length != 1)) {
            throw new IllegalArgumentException("compare solves one problem: give one --lambda value");
        }
        double lambda = penalized ? penaltyOptions.lambdas[0] : 0.0;
        double alpha = penaltyOptions.effectiveAlpha(false);
        List<String> labels = MultinomialOutput.labels(table, y0);
        Dataset ds = MultinomialOutput.dataset(table, y0, weights, exclude);
        dev.argmax.models.multinomial.ClassLevels lv = MultinomialOutput.levels(table, y0, levels, labels);
        int[] y = lv.encode(labels);
        dev.argmax.core.objective.MultinomialDatafit datafit = new dev.argmax.core.objective.MultinomialDatafit(y,
                lv.size(), ds.hasWeights() ? ds.weights() : null, penalized
                        ? dev.argmax.core.objective.MultinomialDatafit.Parametrization.SYMMETRIC
                        : dev.argmax.core.objective.MultinomialDatafit.Parametrization.REFERENCE);
        int p = ds.columns();
        dev.argmax.core.objective.Penalty penalty = !penalized ? ElasticNet.none()
                : grouped ? new dev.argmax.core.objective.GroupLasso(lambda, alpha,
                        dev.argmax.core.objective.GroupLasso.byPredictor(p, lv.size()))
                : new ElasticNet(lambda, alpha, null, null, null);
        if (grouped && !penalized) {
            throw new IllegalArgumentException("--grouped needs a penalty (--lambda > 0)");
        }
        Design design = new Design(ds.x(), !noIntercept);
        Problem problem = new Problem(design, datafit, penalty);
        List<String> classes = penalized ? lv.levels() : lv.levels().subList(1, lv.size());
        List<String> names = new java.util.ArrayList<>();
        for (String c : classes) {
            if (!noIntercept) {
                names.add(c + ":(Intercept)");
            }
            for (String t : ds.predictorNames()) {
                names.add(c + ":" + t);
            }
        }
        return new Loaded(problem, source + " (multinomial, " + (penalized ? "symmetric, " : "reference "
                + lv.reference() + ", ") + penalty.name() + ")", names, null);
    }

    private static List<String> names(int p) {
        return java.util.stream.IntStream.rangeClosed(1, p).mapToObj(j -> "x" + j).toList();
    }

    static boolean isBundled(String name) {
        return List.of("spector", "birthwt", "diabetes").contains(name);
    }

    /**
     * The table a {@code --data} value names: standard input for {@code -}, a bundled dataset by
     * its name, otherwise a CSV file.
     */
    static CsvTable table(String data) {
        if (data.equals("-")) {
            try {
                return CsvTable.parse(System.in.readAllBytes(), "standard input");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return isBundled(data) ? CsvTable.parse(bundled(data)) : CsvTable.read(Path.of(data));
    }

    static String bundled(String name) {
        try (InputStream in = ProblemOptions.class.getResourceAsStream("/datasets/" + name + ".csv")) {
            if (in == null) {
                throw new IllegalStateException("bundled dataset " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
