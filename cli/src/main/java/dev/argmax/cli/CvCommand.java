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
 * {@code argmax cv}: K-fold cross-validation of a penalized path; prints lambda_min, lambda_1se
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

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    String data;

    @Option(names = "--response", paramLabel = "COL", description = OptionHelp.RESPONSE)
    String response;

    @Mixin
    FormulaOptions model;

    @Option(names = "--save", paramLabel = "MODEL.json", description = OptionHelp.SAVE)
    Path save;

    @Option(names = "--lambda-choice", defaultValue = "lambda.1se", paramLabel = "lambda.min|lambda.1se",
            description = "the lambda --save keeps: lambda.1se (default, glmnet's default for coef and predict) or "
                    + "lambda.min")
    String lambdaChoice;


    @picocli.CommandLine.Mixin
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
        LambdaChoice choice;
        try {
            choice = LambdaChoice.parse(lambdaChoice);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lambda-choice: " + e.getMessage());
        }
        Family fam = linkOptions.resolve(data);
        CsvTable table = ProblemOptions.table(data);
        if (foldId == null) {
            // read by the model frame alone (the folds come from the dataset)
            table.handOver();
        }
        PenalizedRegression.Builder builder = penalty.builder(fam, !noIntercept, solver, pathOptions,
                toleranceOption, true)
                .formula(model.formulaText(response, exclude, noIntercept, table))
                .frameOptions(model.frameOptions(weights, null, offset, exclude));
        CrossValidation.Result cv = CrossValidation.run(builder.build(), table, CvMeasure.of(measure), foldId, folds, seed,
                threads);
        if (save != null) {
            SavedModel.of(cv, choice).save(save);
        }
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(Json.write(PenalizedOutput.json(cv)));
        } else {
            spec.commandLine().getOut().print(PenalizedOutput.text(cv));
        }
        return 0;
    }

    /** Cross-validation of the multinomial lasso path (lasso unless --penalty elasticnet). */
    private Integer multinomial() {
        if (offset != null) {
            throw new IllegalArgumentException("--offset is not supported with --family multinomial");
        }
        if (solver != null && !solver.equals("cd")) {
            throw new IllegalArgumentException("the multinomial path is fitted by coordinate descent (--solver cd)");
        }
        LambdaChoice choice;
        try {
            choice = LambdaChoice.parse(lambdaChoice);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lambda-choice: " + e.getMessage());
        }
        CsvTable table = ProblemOptions.table(data);
        if (foldId == null) {
            // read by the model frame alone (the folds come from the dataset)
            table.handOver();
        }
        MultinomialPathOutput.Inputs in = MultinomialPathOutput.inputs(
                model.formulaText(response, exclude, noIntercept, table),
                model.frameOptions(weights, null, null, exclude), levels, grouped, noIntercept, penalty, pathOptions,
                toleranceOption);
        dev.argmax.models.multinomial.MultinomialCrossValidation.Result cv =
                dev.argmax.models.multinomial.MultinomialCrossValidation.run(in.model(), table,
                        MultinomialPathOutput.measure(measure), foldId, folds, seed, threads, in.settings());
        if (save != null) {
            SavedModel.of(cv, choice).save(save);
        }
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(Json.write(MultinomialPathOutput.json(cv.fullPath(), cv)));
        } else {
            spec.commandLine().getOut().print(MultinomialPathOutput.text(cv.fullPath(), cv));
        }
        return 0;
    }
}
