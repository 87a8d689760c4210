package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.models.saved.SavedModel;
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
 * and the curve (mean and standard error per lambda). The model is an R formula
 * ({@code --formula}, with {@code --na}, {@code --reference}, {@code --weights},
 * {@code --offset} as in {@code fit}) or {@code --response COL} for {@code COL ~ .}; rows with a
 * missing value in a column the model uses are dropped before the folds are drawn.
 * {@code --save FILE} writes the full-data fit at the chosen lambda ({@code --lambda-choice}
 * {@code lambda.1se}, the default as in glmnet's {@code coef} and {@code predict}, or
 * {@code lambda.min}) for {@code argmax predict}; the file records the {@code lambda_choice}.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation over a lasso / ridge / elastic-net path: lambda_min, lambda_1se, curve.")
public final class CvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "CSV file")
    Path data;

    @Option(names = "--response", description = "response column: shorthand for --formula 'COL ~ .'")
    String response;

    @Mixin
    FormulaOptions model;

    @Option(names = "--save", paramLabel = "MODEL.json", description = "write the full-data fit at the chosen lambda "
            + "(--lambda-choice) for 'argmax predict'")
    Path save;

    @Option(names = "--lambda-choice", defaultValue = "lambda.1se", paramLabel = "lambda.min|lambda.1se",
            description = "the lambda --save keeps: lambda.1se (default, glmnet's default for coef and predict) or "
                    + "lambda.min")
    String lambdaChoice;

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
        if (!format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("text")) {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use text or json");
        }
        LambdaChoice choice;
        try {
            choice = LambdaChoice.parse(lambdaChoice);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lambda-choice: " + e.getMessage());
        }
        CsvTable table = CsvTable.read(data);
        Family fam = linkOptions.family(family);
        PenalizedRegression.Builder builder = penalty.builder(fam, !noIntercept, solver)
                .formula(model.formulaText(response, exclude, noIntercept, table))
                .frameOptions(model.frameOptions(weights, null, offset, exclude));
        CrossValidation.Result cv = CrossValidation.run(builder, table, CvMeasure.of(measure), foldId, folds, seed,
                threads);
        if (save != null) {
            SavedModel.of(cv, choice).save(save);
        }
        if (format.equalsIgnoreCase("json")) {
            spec.commandLine().getOut().println(Json.write(PenalizedOutput.json(cv)));
        } else {
            spec.commandLine().getOut().print(PenalizedOutput.text(cv));
        }
        return 0;
    }

    /** The fold ids of n rows: the --foldid column (its smallest label is fold 0), or --folds from --seed. */
    private int[] foldIds(CsvTable table, int n) {
        return foldId != null ? CrossValidation.foldIds(table.column(foldId)) : CrossValidation.folds(n, folds, seed);
    }

    /** Cross-validation of the multinomial lasso path (lasso unless --penalty elasticnet). */
    private Integer multinomial() {
        if (offset != null) {
            throw new IllegalArgumentException("--offset is not supported with --family multinomial");
        }
        if (response == null || model.formula != null || save != null) {
            throw new IllegalArgumentException("--family multinomial takes --response COL (no --formula or --save)");
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
