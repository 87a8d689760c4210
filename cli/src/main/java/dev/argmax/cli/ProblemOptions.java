package dev.argmax.cli;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.models.family.Family;
import dev.argmax.optim.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The problem a solver-comparison command works on: a CSV file, a synthetic problem, or (by
 * default) the bundled Spector &amp; Mazzeo data as a logistic regression; with an optional
 * elastic-net penalty in glmnet's convention.
 */
public final class ProblemOptions {

    /** The default problem of {@code compare}: {@code datasets/spector.csv} (bundled), binomial, response y. */
    public static final String DEFAULT_DATASET = "spector";

    /** The bundled dataset used when neither --data nor --synthetic is given. */
    String defaultDataset = DEFAULT_DATASET;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "CSV file (header line; numeric columns). "
            + "Default: a bundled dataset (compare: spector, binomial; path: diabetes, gaussian). Bundled sets: spector, birthwt, diabetes "
            + "(give the name instead of a file).")
    String data;

    @Option(names = "--response", paramLabel = "NAME", defaultValue = "y", description = "response column (default y)")
    String response;

    @Option(names = "--weights", paramLabel = "NAME", description = "observation-weights column")
    String weights;

    @Option(names = "--family", paramLabel = "F", description = LinkOptions.FAMILIES
            + " (default: binomial for spector/birthwt, gaussian for diabetes; required with --data FILE)")
    String family;

    @picocli.CommandLine.Mixin
    LinkOptions linkOptions = new LinkOptions();

    @Option(names = "--synthetic", paramLabel = "n,p,family,seed[,scenario]", description = "a generated problem "
            + "instead of data, e.g. 10000,20,binomial,1,toeplitz (families: gaussian, binomial, poisson, probit, "
            + "gamma-log; scenarios: iid, toeplitz, scales, rare, wide)")
    String synthetic;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0", description = "penalty strength in glmnet's "
            + "convention (default 0: maximum likelihood)")
    double lambda;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1", description = "elastic-net mixing: 1 lasso "
            + "(default), 0 ridge")
    double alpha;

    @Option(names = "--no-intercept", description = "fit without an intercept")
    boolean noIntercept;

    @Option(names = "--grouped", description = "--family multinomial with a penalty: the grouped lasso over each "
            + "predictor's K coefficients (glmnet's type.multinomial = \"grouped\"; default: ungrouped)")
    boolean grouped;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = "--family multinomial: the classes "
            + "in order, the first the reference (default: sorted as R sorts a factor)")
    List<String> levels;

    /** A problem and a short description of it for titles and JSON. */
    public record Loaded(Problem problem, String description, List<String> coefficientNames) {
    }

    /** Builds the problem the options describe. */
    public Loaded load() {
        ElasticNet penalty = lambda == 0 ? ElasticNet.none() : new ElasticNet(lambda, alpha, null, null, null);
        if (synthetic != null) {
            if (data != null) {
                throw new IllegalArgumentException("give either --data or --synthetic, not both");
            }
            ProblemSpec spec = ProblemSpec.parse(synthetic);
            SyntheticProblem prob = SyntheticProblem.generate(spec);
            Design design = new Design(SyntheticProblems.matrix(prob), !noIntercept);
            Problem problem = new Problem(design, SyntheticProblems.datafit(spec.family(), prob.response()), penalty);
            return new Loaded(problem, "synthetic " + spec.id(), names(spec.p()));
        }
        String source = data == null ? defaultDataset : data;
        if (MultinomialOutput.isMultinomial(family)) {
            if (data == null) {
                throw new IllegalArgumentException("--family multinomial needs --data FILE");
            }
            return multinomial(source, CsvTable.read(Path.of(source)));
        }
        if (grouped || levels != null) {
            throw new IllegalArgumentException("--grouped and --levels are for --family multinomial");
        }
        CsvTable table;
        Family fam;
        if (isBundled(source)) {
            table = CsvTable.parse(bundled(source));
            fam = linkOptions.family(family != null ? family : source.equals("diabetes") ? "gaussian" : "binomial");
        } else {
            if (family == null) {
                throw new IllegalArgumentException("--family is required with --data FILE (" + LinkOptions.FAMILIES
                        + ")");
            }
            table = CsvTable.read(Path.of(source));
            fam = linkOptions.family(family);
        }
        Dataset ds = table.toDataset(response, weights, null, List.of());
        Design design = new Design(ds.x(), !noIntercept);
        double[] w = ds.hasWeights() ? ds.weights() : null;
        Problem problem = new Problem(design, fam.datafit(fam.validate(ds.response(), w), w), penalty,
                ds.hasOffset() ? ds.offset() : null);
        return new Loaded(problem, source + " (" + fam + ", " + penalty.name() + ")", ds.predictorNames());
    }

    /**
     * A multinomial problem: without a penalty the maximum-likelihood problem of
     * {@code nnet::multinom} (reference class the first level, K - 1 columns of eta); with one,
     * glmnet's symmetric parametrisation (K columns) with the elastic net on every coefficient, or
     * the grouped lasso with {@code --grouped}. Coefficient names are {@code class:term}, class-major.
     */
    private Loaded multinomial(String source, CsvTable table) {
        List<String> labels = MultinomialOutput.labels(table, response);
        Dataset ds = MultinomialOutput.dataset(table, response, weights, List.of());
        dev.argmax.models.multinomial.ClassLevels lv = MultinomialOutput.levels(table, response, levels, labels);
        int[] y = lv.encode(labels);
        boolean penalized = lambda != 0;
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
                + lv.reference() + ", ") + penalty.name() + ")", names);
    }

    private static List<String> names(int p) {
        return java.util.stream.IntStream.rangeClosed(1, p).mapToObj(j -> "x" + j).toList();
    }

    static boolean isBundled(String name) {
        return List.of("spector", "birthwt", "diabetes").contains(name);
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
