package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.family.Family;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code argmax cv}: K-fold cross-validation of a penalised path; prints lambda_min, lambda_1se
 * and the curve (mean and standard error per lambda).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation over a lasso / ridge / elastic-net path: lambda_min, lambda_1se, curve.")
public final class CvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "CSV file")
    Path data;

    @Option(names = "--response", required = true, description = "response column")
    String response;

    @Option(names = "--family", defaultValue = "gaussian", description = LinkOptions.FAMILIES)
    String family;

    @picocli.CommandLine.Mixin
    LinkOptions linkOptions;

    @Option(names = "--no-intercept", description = "fit without intercept")
    boolean noIntercept;

    @Option(names = "--offset", description = "offset column")
    String offset;

    @Option(names = "--weights", description = "observation weights column")
    String weights;

    @Option(names = "--exclude", split = ",", description = "columns to ignore")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--folds", defaultValue = "10", description = "number of folds (default 10)")
    int folds;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the fold assignment (default 1)")
    long seed;

    @Option(names = "--foldid", description = "column of fold ids (1..K or 0..K-1) instead of random folds")
    String foldId;

    @Option(names = "--measure", defaultValue = "deviance", description = "deviance|mse|mae|class|auc")
    String measure;

    @Option(names = "--threads", defaultValue = "2", description = "folds fitted in parallel (default 2)")
    int threads;

    @Option(names = "--format", defaultValue = "text", description = "text|json")
    String format;

    @Option(names = "--solver", defaultValue = "cd", description = "solver name (default cd)")
    String solver;

    @Mixin
    PenaltyOptions penalty;

    @Option(names = "--grouped", description = "--family multinomial: the grouped lasso over each predictor's K "
            + "coefficients (default ungrouped)")
    boolean grouped;

    @Option(names = "--levels", split = ",", description = "--family multinomial: the classes in order (default: "
            + "sorted as R sorts a factor)")
    List<String> levels;

    @Override
    public Integer call() {
        if (MultinomialOutput.isMultinomial(family)) {
            return multinomial();
        }
        if (!penalty.penalized()) {
            throw new IllegalArgumentException("cv needs a penalty: --penalty l1|l2|elasticnet");
        }
        CsvTable table = CsvTable.read(data);
        List<String> skip = new ArrayList<>(exclude);
        if (foldId != null) {
            skip.add(foldId);
        }
        Dataset d = table.toDataset(response, weights, offset, skip);
        Family fam = linkOptions.family(family);
        CvMeasure m = CvMeasure.of(measure);
        CrossValidation.Result cv = CrossValidation.run(penalty.builder(fam, !noIntercept, solver), d, m,
                foldIds(table, d.rows()), threads);
        if (format.equalsIgnoreCase("json")) {
            spec.commandLine().getOut().println(Json.write(PenalizedOutput.json(cv)));
        } else if (format.equalsIgnoreCase("text")) {
            spec.commandLine().getOut().print(PenalizedOutput.text(cv));
        } else {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use text or json");
        }
        return 0;
    }

    /** The fold ids: the --foldid column (shifted to start at 0), or --folds from --seed. */
    private int[] foldIds(CsvTable table, int n) {
        int[] ids;
        if (foldId != null) {
            double[] raw = table.column(foldId);
            double min = Double.POSITIVE_INFINITY;
            for (double v : raw) {
                if (v != Math.rint(v)) {
                    throw new InvalidDataException("fold ids must be integers, got " + v);
                }
                min = Math.min(min, v);
            }
            ids = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                ids[i] = (int) (raw[i] - min);
            }
        } else {
            ids = CrossValidation.folds(n, folds, seed);
        }
        return ids;
    }

    /** Cross-validation of the multinomial lasso path (lasso unless --penalty elasticnet). */
    private Integer multinomial() {
        if (offset != null) {
            throw new IllegalArgumentException("--offset is not supported with --family multinomial");
        }
        if (!solver.equals("cd")) {
            throw new IllegalArgumentException("the multinomial path is fitted by coordinate descent (--solver cd)");
        }
        CsvTable table = CsvTable.read(data);
        List<String> skip = new ArrayList<>(exclude);
        if (foldId != null) {
            skip.add(foldId);
        }
        MultinomialPathOutput.Inputs in = MultinomialPathOutput.inputs(table, response, weights, skip, levels, grouped,
                noIntercept, penalty);
        dev.argmax.models.multinomial.MultinomialCrossValidation.Result cv =
                dev.argmax.models.multinomial.MultinomialCrossValidation.run(in.model(), in.data(), in.labels(),
                        MultinomialPathOutput.measure(measure), foldIds(table, in.data().rows()), threads,
                        in.settings());
        if (format.equalsIgnoreCase("json")) {
            spec.commandLine().getOut().println(Json.write(MultinomialPathOutput.json(cv.fullPath(), cv)));
        } else if (format.equalsIgnoreCase("text")) {
            spec.commandLine().getOut().print(MultinomialPathOutput.text(cv.fullPath(), cv));
        } else {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use text or json");
        }
        return 0;
    }
}
