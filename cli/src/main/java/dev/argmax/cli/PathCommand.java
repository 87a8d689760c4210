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
 * {@code argmax path}: the regularisation path of a penalised GLM ({@link PenalizedRegression}:
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

    @Option(names = "--data", paramLabel = "FILE.csv", defaultValue = "diabetes", description = "CSV file, or a "
            + "bundled dataset: diabetes (default, gaussian), spector, birthwt (binomial)")
    String data;

    @Option(names = "--response", paramLabel = "NAME", description = "response column: shorthand for --formula "
            + "'NAME ~ .' (default y when no --formula is given)")
    String response;

    @Mixin
    FormulaOptions model;

    @Option(names = "--offset", paramLabel = "NAME", description = "offset column")
    String offset;

    @Option(names = "--family", paramLabel = "F", description = LinkOptions.FAMILIES + " (default: gaussian "
            + "for diabetes, binomial for spector and birthwt; required with a file)")
    String family;

    @Mixin
    LinkOptions linkOptions;

    @Option(names = "--weights", paramLabel = "NAME", description = "observation-weights column")
    String weights;

    @Option(names = "--no-intercept", description = "fit without an intercept")
    boolean noIntercept;

    @Mixin
    PenaltyOptions penalty;

    @Option(names = "--solver", defaultValue = "cd", description = "solver name (default cd)")
    String solver;

    @Option(names = "--cv", paramLabel = "K", description = "cross-validate the path with K folds")
    Integer cvFolds;

    @Option(names = "--measure", paramLabel = "M", defaultValue = "deviance", description = "CV measure: deviance "
            + "(default), mse, mae, class, auc")
    String measure;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the CV fold assignment (default 1)")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the coefficient paths against log lambda "
            + "(and the CV curve with --cv)")
    Path plot;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format")
    String format;

    @Option(names = "--grouped", description = "--family multinomial: the grouped lasso over each predictor's K "
            + "coefficients (glmnet's type.multinomial = \"grouped\"; default ungrouped)")
    boolean grouped;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = "--family multinomial: the classes "
            + "in order (default: sorted as R sorts a factor)")
    List<String> levels;

    @Override
    public Integer call() {
        if (MultinomialOutput.isMultinomial(family)) {
            return multinomial();
        }
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
        }
        if (cvFolds != null && cvFolds < 2) {
            throw new IllegalArgumentException("--cv needs at least 2 folds, got " + cvFolds);
        }
        CsvTable table;
        Family fam;
        if (ProblemOptions.isBundled(data)) {
            table = CsvTable.parse(ProblemOptions.bundled(data));
            fam = linkOptions.family(family != null ? family : data.equals("diabetes") ? "gaussian" : "binomial");
        } else {
            if (family == null) {
                throw new IllegalArgumentException("--family is required with --data FILE (" + LinkOptions.FAMILIES
                        + ")");
            }
            fam = linkOptions.family(family);
            table = CsvTable.read(Path.of(data));
        }
        String resp = response == null && this.model.formula == null ? "y" : response;
        PenalizedRegression.Builder model = penalty.builder(fam, !noIntercept, solver)
                .formula(this.model.formulaText(resp, List.of(), noIntercept, table))
                .frameOptions(this.model.frameOptions(weights, null, offset, List.of()));
        String kind = "lasso";
        if (!penalty.penalized()) {
            model.alpha(1.0).path(penalty.nlambda, penalty.minRatio == null ? Double.NaN : penalty.minRatio);
        } else {
            double a = penalty.effectiveAlpha();
            kind = a == 1 ? "lasso" : a == 0 ? "ridge" : "elastic net alpha=" + a;
        }
        if (concaveKind(penalty) != null) {
            kind = concaveKind(penalty);
        }
        String title = (ProblemOptions.isBundled(data) ? data : Path.of(data).getFileName().toString()) + " ("
                + fam.name() + ", " + kind + ")";
        PenalizedFit fit;
        CrossValidation.Result cv = null;
        try (Progress bar = Progress.start("path", 1)) {
            bar.step(0, cvFolds == null ? "fitting" : cvFolds + "-fold cross-validation");
            if (cvFolds == null) {
                fit = model.fit(table);
            } else {
                cv = CrossValidation.run(model, table, CvMeasure.of(measure), null, cvFolds, seed, 2);
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
        if (!solver.equals("cd")) {
            throw new IllegalArgumentException("the multinomial path is fitted by coordinate descent (--solver cd)");
        }
        if (ProblemOptions.isBundled(data)) {
            throw new IllegalArgumentException("--family multinomial needs --data FILE");
        }
        if (model.formula != null || offset != null) {
            throw new IllegalArgumentException("--family multinomial takes --response NAME (no --formula or --offset)");
        }
        CsvTable table = CsvTable.read(Path.of(data));
        MultinomialPathOutput.Inputs in = MultinomialPathOutput.inputs(table, response == null ? "y" : response,
                weights, List.of(), levels,
                grouped, noIntercept, penalty);
        dev.argmax.models.multinomial.MultinomialPath path;
        dev.argmax.models.multinomial.MultinomialCrossValidation.Result cv = null;
        if (cvFolds == null) {
            path = in.model().pathLabels(in.data(), in.labels(), in.settings());
        } else {
            cv = dev.argmax.models.multinomial.MultinomialCrossValidation.run(in.model(), in.data(), in.labels(),
                    MultinomialPathOutput.measure(measure), CrossValidation.folds(in.data().rows(), cvFolds, seed), 2,
                    in.settings());
            path = cv.fullPath();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equalsIgnoreCase("json") ? Json.write(MultinomialPathOutput.json(path, cv)) + "\n"
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

    /** "MCP gamma=G" or "SCAD gamma=G" for a concave penalty, else null. */
    private static String concaveKind(PenaltyOptions penalty) {
        String k = penalty.penalty.toLowerCase(java.util.Locale.ROOT);
        if (k.equals("mcp")) {
            return "MCP gamma=" + (penalty.gamma == null ? 3.0 : penalty.gamma);
        }
        if (k.equals("scad")) {
            return "SCAD gamma=" + (penalty.gamma == null ? 3.7 : penalty.gamma);
        }
        return null;
    }
}
