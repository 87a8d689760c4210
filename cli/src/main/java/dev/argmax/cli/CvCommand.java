package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.family.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code argmax cv}: K-fold cross-validation of a penalized path; prints lambda_min, lambda_1se
 * and the curve (mean and standard error per lambda).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation over a lasso / ridge / elastic-net path: lambda_min, lambda_1se, curve.")
public final class CvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    String data;

    @Option(names = "--response", required = true, paramLabel = "COL", description = OptionHelp.RESPONSE)
    String response;

    @Mixin
    LinkOptions linkOptions;

    @Option(names = "--no-intercept", description = OptionHelp.NO_INTERCEPT)
    boolean noIntercept;

    @Option(names = "--offset", paramLabel = "COL", description = OptionHelp.OFFSET)
    String offset;

    @Option(names = "--weights", paramLabel = "COL", description = OptionHelp.WEIGHTS)
    String weights;

    @Option(names = "--exclude", split = ",", paramLabel = "COL", description = OptionHelp.EXCLUDE)
    List<String> exclude = new ArrayList<>();

    @Option(names = "--folds", paramLabel = "K", defaultValue = "10", description = "Number of folds. Default: "
            + "${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = OptionHelp.SEED)
    long seed;

    @Option(names = "--foldid", paramLabel = "COL", description = "Column of fold ids (1..K or 0..K-1) instead of "
            + "random folds.")
    String foldId;

    @Option(names = "--measure", paramLabel = "M", defaultValue = "deviance", description = OptionHelp.MEASURE)
    String measure;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Folds fitted in parallel. "
            + "Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = OptionHelp.FORMAT)
    OutputFormat format;

    @Option(names = "--solver", paramLabel = "NAME", description = OptionHelp.SOLVER)
    String solver;

    @Mixin
    PenaltyOptions penalty;

    @Mixin
    PathOptions pathOptions;

    @Mixin
    ToleranceOption toleranceOption;

    @Option(names = "--grouped", description = OptionHelp.GROUPED)
    boolean grouped;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = OptionHelp.LEVELS)
    List<String> levels;

    @Override
    public Integer call() {
        if (MultinomialOutput.isMultinomial(linkOptions.familyName)) {
            return multinomial();
        }
        if (!penalty.penalized(true)) {
            throw new IllegalArgumentException("cv needs a penalty: --penalty l1|l2|elasticnet|mcp|scad");
        }
        Family fam = linkOptions.resolve(data);
        CsvTable table = ProblemOptions.table(data);
        List<String> skip = new ArrayList<>(exclude);
        if (foldId != null) {
            skip.add(foldId);
        }
        Dataset d = table.toDataset(DatasetColumns.of(response)
                .withWeights(weights).withOffset(offset).withExcluded(skip));
        CvMeasure m = CvMeasure.of(measure);
        CrossValidation.Result cv = CrossValidation.run(penalty.builder(fam, !noIntercept, solver, pathOptions,
                toleranceOption, true).build(), d, m, foldIds(table, d.rows()), threads);
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(Json.write(PenalizedOutput.json(cv)));
        } else {
            spec.commandLine().getOut().print(PenalizedOutput.text(cv));
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
        if (solver != null && !solver.equals("cd")) {
            throw new IllegalArgumentException("the multinomial path is fitted by coordinate descent (--solver cd)");
        }
        CsvTable table = ProblemOptions.table(data);
        List<String> skip = new ArrayList<>(exclude);
        if (foldId != null) {
            skip.add(foldId);
        }
        MultinomialPathOutput.Inputs in = MultinomialPathOutput.inputs(table, response, weights, skip, levels, grouped,
                noIntercept, penalty, pathOptions, toleranceOption);
        dev.argmax.models.multinomial.MultinomialCrossValidation.Result cv =
                dev.argmax.models.multinomial.MultinomialCrossValidation.run(in.model(), in.data(), in.labels(),
                        MultinomialPathOutput.measure(measure), foldIds(table, in.data().rows()), threads,
                        in.settings());
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(Json.write(MultinomialPathOutput.json(cv.fullPath(), cv)));
        } else {
            spec.commandLine().getOut().print(MultinomialPathOutput.text(cv.fullPath(), cv));
        }
        return 0;
    }
}
