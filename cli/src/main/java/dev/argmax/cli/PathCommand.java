package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.cli.plot.PathPlot;
import dev.argmax.core.data.CsvTable;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.models.penalized.PenalizedSolution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argmax path}: the regularization path of a penalized GLM ({@link PenalizedRegression}:
 * glmnet's lambda sequence from lambda_max, warm starts, strong rule with a KKT check), printed per
 * lambda and optionally drawn as glmnet's coefficient-path picture; with {@code --cv K} the path
 * is cross-validated ({@link CrossValidation}) and the CV curve is drawn beside it with its error
 * bars and lambda_min / lambda_1se marked. Without {@code --penalty} the path is a lasso path.
 * The model is an R formula ({@code --formula}, with {@code --na}, {@code --reference},
 * {@code --weights}, {@code --offset} as in {@code fit}) or {@code --response NAME} for
 * {@code NAME ~ .}.
 */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = "Fit a lasso / ridge / elastic-net path (bundled diabetes data by default), optionally "
                + "cross-validate it, and plot it.")
public final class PathCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", description = OptionHelp.DATA)
    String data;

    @Option(names = "--response", paramLabel = "COL", description = OptionHelp.RESPONSE)
    String response;

    @Mixin
    FormulaOptions model;

    @Option(names = "--offset", paramLabel = "COL", description = OptionHelp.OFFSET)
    String offset;


    @Mixin
    LinkOptions linkOptions;

    @Option(names = "--weights", paramLabel = "COL", description = OptionHelp.WEIGHTS)
    String weights;

    @Option(names = "--no-intercept", description = OptionHelp.NO_INTERCEPT)
    boolean noIntercept;

    @Mixin
    PenaltyOptions penalty;

    @Mixin
    PathOptions pathOptions;

    @Mixin
    ToleranceOption toleranceOption;

    @Option(names = "--solver", paramLabel = "NAME", description = OptionHelp.SOLVER)
    String solver;

    @Option(names = "--cv", paramLabel = "K", description = "Cross-validate the path with K folds.")
    Integer cvFolds;

    @Option(names = "--measure", paramLabel = "M", defaultValue = "deviance", description = OptionHelp.MEASURE)
    String measure;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = OptionHelp.SEED)
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = OptionHelp.PLOT)
    Path plot;

    @Option(names = "--save", paramLabel = "MODEL.json", description = OptionHelp.SAVE)
    Path save;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = OptionHelp.FORMAT)
    OutputFormat format;

    @Option(names = "--grouped", description = OptionHelp.GROUPED)
    boolean grouped;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = OptionHelp.LEVELS)
    List<String> levels;

    @Override
    public Integer call() {
        if (MultinomialOutput.isMultinomial(linkOptions.familyName)) {
            return multinomial();
        }
        if (save != null) {
            throw new IllegalArgumentException("path --save is for --family multinomial; save a penalized fit with "
                    + "'argmax fit --penalty ... --lambda V --save' or 'argmax cv --save'");
        }
        String fmt = format.name();
        if (cvFolds != null && cvFolds < 2) {
            throw new IllegalArgumentException("--cv needs at least 2 folds, got " + cvFolds);
        }
        if (!penalty.penalized(true)) {
            throw new IllegalArgumentException("path needs a penalty: --penalty l1|l2|elasticnet|mcp|scad");
        }
        String data = this.data == null ? "diabetes" : this.data;
        Family fam = linkOptions.resolve(data);
        // read by the model frame alone (cross-validation's folds come from the dataset)
        CsvTable table = ProblemOptions.table(data).handOver();
        String resp = response == null && this.model.formula == null ? "y" : response;
        PenalizedRegression.Builder model = penalty.builder(fam, !noIntercept, solver, pathOptions, toleranceOption,
                true)
                .formula(this.model.formulaText(resp, List.of(), noIntercept, table))
                .frameOptions(this.model.frameOptions(weights, null, offset, List.of()));
        String kind = penalty.label(true);
        String title = (ProblemOptions.isBundled(data) ? data : Path.of(data).getFileName().toString()) + " ("
                + fam.name() + ", " + kind + ")";
        PenalizedFit fit;
        CrossValidation.Result cv = null;
        try (Progress bar = Progress.start("path", 1)) {
            bar.step(0, cvFolds == null ? "fitting" : cvFolds + "-fold cross-validation");
            if (cvFolds == null) {
                fit = model.build().fit(table);
            } else {
                cv = CrossValidation.run(model.build(), table, CvMeasure.of(measure), null, cvFolds, seed, 2);
                fit = cv.fullFit();
            }
        }
        if (plot != null) {
            PathPlot.CvCurve curve = cv == null ? null : new PathPlot.CvCurve(cv.lambdas(), cv.mean(),
                    cv.standardError(), cv.lambdaMin(), cv.lambda1se(), cv.measure().label());
            PathPlot.write(title, fit.lambdas(), slopes(fit), slopeNames(fit), curve, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(fmt.equals("json") ? Json.write(toJson(title, fit, cv)) + "\n" : table(title, fit, cv));
        out.flush();
        return 0;
    }

    /** The multinomial path (and its cross-validation with --cv K). */
    private Integer multinomial() {
        if (plot != null) {
            throw new IllegalArgumentException("--plot is not offered for --family multinomial");
        }
        if (solver != null && !solver.equals("cd")) {
            throw new IllegalArgumentException("the multinomial path is fitted by coordinate descent (--solver cd)");
        }
        if (data == null || ProblemOptions.isBundled(data)) {
            throw new IllegalArgumentException("--family multinomial needs --data FILE");
        }
        if (offset != null) {
            throw new IllegalArgumentException("--offset is not supported with --family multinomial");
        }
        if (save != null && (cvFolds != null || penalty.lambdas == null || penalty.lambdas.length != 1)) {
            throw new IllegalArgumentException("path --save keeps the fit at one given lambda: give one --lambda value "
                    + "and no --cv (to save a cross-validation choice use 'argmax cv --save')");
        }
        CsvTable table = ProblemOptions.table(data).handOver();
        String resp = response == null && this.model.formula == null ? "y" : response;
        MultinomialPathOutput.Inputs in = MultinomialPathOutput.inputs(
                this.model.formulaText(resp, List.of(), noIntercept, table),
                this.model.frameOptions(weights, null, null, List.of()), levels, grouped, noIntercept, penalty,
                pathOptions, toleranceOption);
        dev.argmax.models.multinomial.MultinomialPath path;
        dev.argmax.models.multinomial.MultinomialCrossValidation.Result cv = null;
        if (cvFolds == null) {
            path = in.model().path(table, in.settings());
        } else {
            cv = dev.argmax.models.multinomial.MultinomialCrossValidation.run(in.model(), table,
                    MultinomialPathOutput.measure(measure), null, cvFolds, seed, 2, in.settings());
            path = cv.fullPath();
        }
        if (save != null) {
            path.save(save, 0, "value");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? Json.write(MultinomialPathOutput.json(path, cv)) + "\n"
                : MultinomialPathOutput.text(path, cv));
        out.flush();
        return 0;
    }

    static double[][] slopes(PenalizedFit fit) {
        List<PenalizedSolution> sols = fit.solutions();
        double[][] out = new double[sols.size()][];
        for (int k = 0; k < sols.size(); k++) {
            out[k] = sols.get(k).coefficients();
        }
        return out;
    }

    static List<String> slopeNames(PenalizedFit fit) {
        List<String> names = fit.coefficientNames();
        return fit.hasIntercept() ? names.subList(1, names.size()) : names;
    }

    static ObjectNode toJson(String title, PenalizedFit fit, CrossValidation.Result cv) {
        ObjectNode root = Json.object();
        root.put("problem", title);
        Json.put(root, "lambda_max", fit.lambdaMax());
        Json.put(root, "null_deviance", fit.nullDeviance());
        Json.array(root, "coefficient_names", fit.coefficientNames());
        ArrayNode arr = root.putArray("path");
        for (PenalizedSolution s : fit.solutions()) {
            ObjectNode o = arr.addObject();
            Json.put(o, "lambda", s.lambda());
            o.put("nonzero", s.nonzero());
            Json.put(o, "objective", s.objective());
            Json.array(o, "coefficients", s.allCoefficients());
        }
        if (cv != null) {
            ObjectNode c = root.putObject("cv");
            c.put("measure", cv.measure().label());
            c.put("folds", cv.folds());
            Json.put(c, "lambda_min", cv.lambdaMin());
            Json.put(c, "lambda_1se", cv.lambda1se());
            Json.array(c, "mean", cv.mean());
            Json.array(c, "standard_error", cv.standardError());
        }
        return root;
    }

    static String table(String title, PenalizedFit fit, CrossValidation.Result cv) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: lambda_max %.6g, %d lambdas%n", title, fit.lambdaMax(),
                fit.solutions().size()));
        if (cv != null) {
            sb.append(String.format(Locale.ROOT, "%d-fold CV (%s): lambda_min %.6g, lambda_1se %.6g%n", cv.folds(),
                    cv.measure().label(), cv.lambdaMin(), cv.lambda1se()));
        }
        sb.append(String.format(Locale.ROOT, "%n%14s %8s %22s%s%n", "lambda", "nonzero", "objective",
                cv == null ? "" : String.format(Locale.ROOT, " %14s %12s", "cv mean", "cv s.e.")));
        List<PenalizedSolution> sols = fit.solutions();
        for (int k = 0; k < sols.size(); k++) {
            PenalizedSolution s = sols.get(k);
            sb.append(String.format(Locale.ROOT, "%14.6g %8d %22.15g", s.lambda(), s.nonzero(), s.objective()));
            if (cv != null && k < cv.mean().length) {
                sb.append(String.format(Locale.ROOT, " %14.6g %12.4g", cv.mean()[k], cv.standardError()[k]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
