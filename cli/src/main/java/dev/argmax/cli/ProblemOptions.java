package dev.argmax.cli;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
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
