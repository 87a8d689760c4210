package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.NegativeBinomial;
import dev.argmax.models.family.Tweedie;
import dev.argmax.models.glm.AnalysisOfDeviance;
import dev.argmax.models.glm.FirthFit;
import dev.argmax.models.glm.FirthRegression;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.glm.ProfileLikelihood;
import dev.argmax.models.glm.ThetaEstimate;
import dev.argmax.models.inference.AnovaTable;
import dev.argmax.models.inference.Vcov;
import dev.argmax.models.saved.SavedModel;
import dev.argmax.optim.trace.TraceEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argmax fit}: fits an unpenalized GLM (R's {@code glm}) to a CSV file and prints R's
 * summary table ({@code --format text}) or one JSON object ({@code --format json}). The model is
 * an R formula ({@code --formula "Days ~ Eth * Sex + Age"}: text columns are factors with R's
 * levels, contrasts and coefficient names); {@code --response COL} is the shorthand for
 * {@code COL ~ .}, every column other than the response, offset, weights and excluded ones, in
 * file order. Rows with a missing value ({@code NA}, {@code NaN}, empty) in a column the model
 * uses are dropped as R's {@code na.omit} ({@code n_dropped}), or refused with {@code --na fail}.
 * {@code --save FILE} writes the model for {@code argmax predict}. {@code --freq-weights COL}
 * gives frequency weights (a row of frequency f is f identical rows) beside or instead of the
 * prior weights of {@code --weights}; {@code n} then counts the repeated rows.
 *
 * <p>JSON fields: {@code family, link} (then {@code theta, theta_std_error} for a negative binomial,
 * the standard error null when theta was given; {@code var_power} for Tweedie), {@code solver, converged, iterations, n, coefficient_names,
 * coefficients, std_errors, statistics, p_values, conf_int_lower, conf_int_upper, deviance,
 * null_deviance, loglik, aic, bic, dispersion, df_residual, warnings}, then {@code
 * statistic_name, conf_level, df_null, rank, aliased, pearson_chi2, separation,
 * diverging_coefficients, vcov_type, conf_int_method, stop_reason, message, elapsed_seconds},
 * {@code formula, n_dropped}, {@code drop1} (with {@code --drop1}: rows
 * {@code term, df, deviance, aic, statistic, p_value}, one per formula term of R's
 * {@code drop.scope}; {@code drop1_test} names the statistic as R does: {@code LRT} or
 * {@code scaled dev.}) and {@code trace} (one
 * {@code {iteration, objective, optimality, step_size, seconds}} per iteration). {@code n} counts
 * observations with positive weight (each row counted by its frequency weight); undefined numbers
 * (aliased coefficients) are {@code null}.
 * {@code --vcov} changes the standard errors, statistics, p-values and intervals to a sandwich
 * covariance ({@code vcov_type}: HC0..HC3, cluster, cluster_HC1); {@code --confint profile} gives
 * profile likelihood intervals ({@code conf_int_method}); {@code --firth} prints Firth's MAP
 * estimate instead (fields {@code method, estimate_type, penalized_loglik}).
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a generalized linear model by maximum likelihood (as R's glm; negative binomial as "
                + "MASS::glm.nb) to a CSV file.")
public final class FitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    private String data;

    @picocli.CommandLine.Mixin
    private FormulaOptions model;

    @Option(names = "--response", paramLabel = "COL", description = OptionHelp.RESPONSE)
    private String response;

    @Option(names = "--save", paramLabel = "MODEL.json", description = OptionHelp.SAVE)
    private Path save;


    @picocli.CommandLine.Mixin
    private LinkOptions linkOptions;

    @Option(names = "--no-intercept", description = OptionHelp.NO_INTERCEPT)
    private boolean noIntercept;

    @Option(names = "--offset", paramLabel = "COL", description = OptionHelp.OFFSET)
    private String offset;

    @Option(names = "--weights", paramLabel = "COL", description = OptionHelp.WEIGHTS)
    private String weights;

    @Option(names = "--freq-weights", paramLabel = "COL", description = OptionHelp.FREQ_WEIGHTS)
    private String freqWeights;

    @Option(names = "--exclude", split = ",", paramLabel = "COL", description = OptionHelp.EXCLUDE)
    private List<String> exclude = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = OptionHelp.FORMAT)
    private OutputFormat format;

    @Option(names = "--solver", paramLabel = "NAME", description = OptionHelp.SOLVER)
    private String solver;

    @Option(names = "--epsilon", defaultValue = "1e-8", paramLabel = "EPS", description = OptionHelp.EPSILON)
    private double epsilon;

    @Option(names = "--max-iterations", defaultValue = "25", description = "IRLS iteration cap. Default: ${DEFAULT-VALUE}.")
    private int maxIterations;

    @Option(names = "--alias-tolerance", defaultValue = "0", paramLabel = "TOL",
            description = "Least squares (gaussian): a column whose part orthogonal to the earlier columns is at most "
                    + "TOL times its norm is aliased (NA). 0 (default): only columns double precision cannot tell "
                    + "from an exact linear combination; nearly collinear ones are estimated with a warning. "
                    + "1e-7 reproduces R's lm.")
    private double aliasTolerance;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "LEVEL", description = OptionHelp.LEVEL)
    private double level;

    @Option(names = "--vcov", defaultValue = "model", paramLabel = "TYPE",
            description = "Covariance of the estimates: model (default), HC0, HC1, HC2, HC3 (sandwich::vcovHC), "
                    + "cluster:COL (vcovCL, HC0 with G/(G-1)) or cluster-HC1:COL (vcovCL type HC1); the cluster "
                    + "column stays a predictor unless it is also given to --exclude.")
    private String vcov;

    @Option(names = "--confint", defaultValue = "wald", paramLabel = "wald|profile",
            description = "Confidence intervals: wald (default) or profile (profile likelihood, as R's confint on "
                    + "a glm, with exact roots).")
    private String confint;

    @Option(names = "--firth", description = "Firth's bias-reduced estimate (MAP under Jeffreys' prior, brglm2's "
            + "AS_mean) for binomial or poisson: finite under separation.")
    private boolean firth;

    @Option(names = "--drop1", description = "Add R's drop1(fit, test = \"LRT\") table: each formula term not "
            + "contained in a higher-order term (a factor or an interaction with all its columns) dropped in turn.")
    private boolean drop1;

    @picocli.CommandLine.Mixin
    private PenaltyOptions penalty;

    @picocli.CommandLine.Mixin
    private PathOptions pathOptions;

    @picocli.CommandLine.Mixin
    private ToleranceOption toleranceOption;

    @Option(names = "--levels", split = ",", paramLabel = "LEVEL", description = OptionHelp.LEVELS)
    private List<String> levels = new ArrayList<>();

    @Override
    public Integer call() {
        if (MultinomialOutput.isMultinomial(linkOptions.familyName)) {
            return fitMultinomial();
        }
        if (!levels.isEmpty()) {
            throw new IllegalArgumentException("--levels is for --family multinomial");
        }
        if (penalty.penalized(false)) {
            return fitPenalized();
        }
        Family fam = linkOptions.resolve(data);
        String method = confint.trim().toLowerCase(java.util.Locale.ROOT);
        if (!method.equals("wald") && !method.equals("profile")) {
            throw new InvalidDataException("--confint must be wald or profile, got '" + confint + "'");
        }
        CsvTable table = ProblemOptions.table(data);
        Vcov type = parseVcov(vcov, table, null);
        boolean clustered = isCluster(vcov);
        if (!clustered) {
            // nothing reads the table after the model frame: it frees each column once the design has it
            table.handOver();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (firth) {
            ModelFrame frame = ModelFrame.learn(formulaText(table), table, frameOptions());
            Dataset dataset = frame.training(table).dataset();
            FirthFit f = FirthRegression.of(fam, frame.intercept()).fit(dataset);
            if (format == OutputFormat.json) {
                out.println(Json.write(firthJson(f, level)));
            } else {
                out.print(f.summary());
            }
            out.flush();
            return 0;
        }
        Glm.Builder builder = Glm.builder(fam).formula(formulaText(table)).frameOptions(frameOptions()).solver(solver)
                .epsilon(epsilon).maxIterations(maxIterations).aliasTolerance(aliasTolerance);
        toleranceOption.apply(builder);
        Glm model = builder.build();
        FittedGlm fit = model.fit(table);
        if (fit.dropped() > 0 && clustered) {
            // the cluster labels of the rows the fit kept
            type = parseVcov(vcov, table, fit.frame().orElseThrow().training(table).rows());
        }
        fit = fit.withVcov(type);
        if (save != null) {
            SavedModel.of(fit).save(save);
        }
        double[][] profile = method.equals("profile") ? ProfileLikelihood.confidenceIntervals(fit, level) : null;
        AnovaTable dropped = drop1 ? AnalysisOfDeviance.drop1(fit) : null;
        if (format == OutputFormat.json) {
            ObjectNode o = toJson(fit, level, profile);
            if (dropped != null) {
                o.set("drop1", AnovaCommand.rowsJson(dropped));
                o.put("drop1_test", dropped.test());
            }
            out.println(Json.write(o));
        } else {
            out.print(fit.summary());
            if (profile != null) {
                out.println();
                out.print(intervalText(fit.coefficientNames(), profile, level, "Profile-likelihood"));
            }
            if (dropped != null) {
                out.println();
                out.println("Single term deletions (drop1, test = \"LRT\"):");
                out.print(dropped.format());
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The {@code --vcov} value as a covariance type, cluster labels read from the CSV: from the
     * given rows (those the fit kept after dropping missing values), or from every row when null.
     */
    static Vcov parseVcov(String value, CsvTable table, int[] rows) {
        String v = value.trim();
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (isCluster(v)) {
            String col = clusterColumn(v);
            if (!table.names().contains(col)) {
                throw new InvalidDataException("--vcov " + v + ": no column '" + col + "' (columns: "
                        + String.join(", ", table.names()) + ")");
            }
            double[] all = table.column(col);
            double[] ids = rows == null ? all : java.util.Arrays.stream(rows).mapToDouble(i -> all[i]).toArray();
            return lower.startsWith("cluster:") ? Vcov.cluster(ids, col) : Vcov.clusterHC1(ids, col);
        }
        try {
            return Vcov.parse(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException("--vcov: " + e.getMessage());
        }
    }

    /** Whether a {@code --vcov} value is a cluster covariance (which reads its column from the table). */
    private static boolean isCluster(String value) {
        String lower = value.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("cluster:") || lower.startsWith("cluster-hc1:");
    }

    private static String clusterColumn(String value) {
        String v = value.trim();
        return v.substring(v.indexOf(':') + 1).trim();
    }

    private static String intervalText(List<String> names, double[][] ci, double level, String what) {
        StringBuilder sb = new StringBuilder(what).append(" confidence intervals (level ").append(level)
                .append("):\n");
        int w = 0;
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        for (int j = 0; j < names.size(); j++) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %14.7g  %14.7g%n", names.get(j),
                    ci[j][0], ci[j][1]));
        }
        return sb.toString();
    }

    /** JSON of a Firth fit: what it is (a MAP estimate), the table, both log-likelihoods. */
    static ObjectNode firthJson(FirthFit f, double level) {
        ObjectNode o = Json.object();
        o.put("family", f.family().name());
        o.put("link", f.family().link().label());
        o.put("method", "firth");
        o.put("estimate_type", "MAP under Jeffreys prior (Firth; brglm2 AS_mean)");
        o.put("converged", f.converged());
        o.put("iterations", f.iterations());
        Json.array(o, "coefficient_names", f.coefficientNames());
        Json.array(o, "coefficients", f.coefficients());
        Json.array(o, "std_errors", f.standardErrors());
        Json.array(o, "statistics", f.coefficientTable().statistics());
        Json.array(o, "p_values", f.coefficientTable().pValues());
        double[][] ci = f.coefficientTable().confidenceIntervals(level);
        putIntervals(o, ci);
        o.put("conf_int_method", "wald");
        o.put("vcov_type", "model");
        Json.put(o, "deviance", f.deviance());
        Json.put(o, "loglik", f.logLikelihood());
        Json.put(o, "penalized_loglik", f.penalizedLogLikelihood());
        Json.put(o, "max_adjusted_score", f.maxAdjustedScore());
        return o;
    }

    private static void putIntervals(ObjectNode o, double[][] ci) {
        double[] lower = new double[ci.length];
        double[] upper = new double[ci.length];
        for (int j = 0; j < ci.length; j++) {
            lower[j] = ci[j][0];
            upper[j] = ci[j][1];
        }
        Json.array(o, "conf_int_lower", lower);
        Json.array(o, "conf_int_upper", upper);
    }

    /**
     * With {@code --penalty l1|l2|elasticnet}: a penalized fit (coordinate descent, glmnet's
     * conventions) at the {@code --lambda} values or along a generated path; JSON has
     * {@code coefficient_names} and a {@code path} array (see {@link PenalizedOutput#json}).
     */
    private Integer fitPenalized() {
        CsvTable table = ProblemOptions.table(data).handOver();
        dev.argmax.models.penalized.PenalizedFit fit = penalty.builder(
                linkOptions.resolve(data), !noIntercept, solver, pathOptions, toleranceOption, false)
                .formula(formulaText(table)).frameOptions(frameOptions()).build().fit(table);
        if (save != null) {
            if (fit.solutions().size() != 1) {
                throw new IllegalArgumentException("--save needs one penalized fit: give one --lambda value (this fit "
                        + "has " + fit.solutions().size() + " lambdas)");
            }
            SavedModel.of(fit, 0, "value").save(save);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectNode o = PenalizedOutput.json(fit, solver == null ? "cd" : solver, penalty.name(false),
                    penalty.standardize, fit.data().rows());
            o.put("formula", fit.frame().orElseThrow().formula().text());
            o.put("n_dropped", fit.dropped());
            out.println(Json.write(o));
        } else {
            out.print(PenalizedOutput.text(fit));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --family multinomial}: the multinomial MLE ({@code nnet::multinom}, reference class
     * the first level) of the {@code --response} classes on every other column, printed as R's
     * {@code summary(multinom)} or as JSON ({@link MultinomialOutput#json}).
     */
    private Integer fitMultinomial() {
        if (offset != null || freqWeights != null || firth || drop1 || !vcov.equals("model")
                || !confint.equalsIgnoreCase("wald") || penalty.penalized(false)) {
            throw new IllegalArgumentException("--family multinomial takes --formula or --response/--exclude/"
                    + "--no-intercept, --weights, --na, --reference, --levels, --solver, --level, --save and --format "
                    + "(not --offset, --freq-weights, --firth, --drop1, --vcov, --confint profile or a penalty: use "
                    + "'argmax path --family multinomial')");
        }
        CsvTable table = ProblemOptions.table(data).handOver();
        dev.argmax.models.multinomial.MultinomialRegression.Builder builder =
                dev.argmax.models.multinomial.MultinomialRegression.builder()
                        .formula(formulaText(table)).frameOptions(frameOptions());
        if (!levels.isEmpty()) {
            builder.levels(new dev.argmax.models.multinomial.ClassLevels(levels));
        }
        if (solver != null) {
            builder.solver(solver);
        }
        dev.argmax.models.multinomial.FittedMultinomial fit = builder.build().fit(table);
        if (save != null) {
            fit.save(save);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(MultinomialOutput.json(fit, level)));
        } else {
            out.print(fit.summary());
        }
        out.flush();
        return 0;
    }

    private String formulaText(CsvTable table) {
        return model.formulaText(response, exclude, noIntercept, table);
    }

    private FrameOptions frameOptions() {
        return model.frameOptions(weights, freqWeights, offset, exclude);
    }

    /** The JSON object of a fit (fields as documented on the class), Wald intervals. */
    static ObjectNode toJson(FittedGlm fit, double level) {
        return toJson(fit, level, null);
    }

    /** The JSON object of a fit; {@code profile} intervals replace the Wald ones when given. */
    static ObjectNode toJson(FittedGlm fit, double level, double[][] profile) {
        ObjectNode o = Json.object();
        o.put("family", fit.family().name());
        o.put("link", fit.link().label());
        if (fit.family() instanceof NegativeBinomial nb) {
            Json.put(o, "theta", nb.theta());
            Json.put(o, "theta_std_error", fit.theta().map(ThetaEstimate::standardError).orElse(Double.NaN));
        }
        if (fit.family() instanceof Tweedie t) {
            Json.put(o, "var_power", t.power());
        }
        o.put("solver", fit.solverResult().solver());
        o.put("converged", fit.converged());
        o.put("iterations", fit.iterations());
        o.put("n", fit.observations());
        Json.array(o, "coefficient_names", fit.coefficientNames());
        Json.array(o, "coefficients", fit.coefficients());
        Json.array(o, "std_errors", fit.standardErrors());
        Json.array(o, "statistics", fit.statistics());
        Json.array(o, "p_values", fit.pValues());
        putIntervals(o, profile != null ? profile : fit.confidenceIntervals(level));
        Json.put(o, "deviance", fit.deviance());
        Json.put(o, "null_deviance", fit.nullDeviance());
        Json.put(o, "loglik", fit.logLikelihood());
        Json.put(o, "aic", fit.aic());
        Json.put(o, "bic", fit.bic());
        Json.put(o, "dispersion", fit.dispersion());
        o.put("df_residual", fit.dfResidual());
        Json.array(o, "warnings", fit.warnings());
        if (fit.frame().isPresent()) {
            o.put("formula", fit.frame().get().formula().text());
        }
        o.put("n_dropped", fit.dropped());
        o.put("statistic_name", fit.statisticName());
        o.put("conf_level", level);
        o.put("df_null", fit.dfNull());
        o.put("rank", fit.rank());
        List<String> aliased = new ArrayList<>();
        for (int a : fit.aliased()) {
            aliased.add(fit.coefficientNames().get(a));
        }
        Json.array(o, "aliased", aliased);
        Json.put(o, "pearson_chi2", fit.pearsonChiSquare());
        o.put("separation", fit.separation());
        Json.array(o, "diverging_coefficients", fit.separationCheck().divergingCoefficients());
        o.put("vcov_type", fit.vcov().label());
        o.put("conf_int_method", profile != null ? "profile" : "wald");
        o.put("stop_reason", fit.solverResult().stopReason().name());
        o.put("message", fit.solverResult().message());
        o.put("elapsed_seconds", fit.solverResult().seconds());
        ArrayNode trace = o.putArray("trace");
        for (TraceEntry e : fit.trace().entries()) {
            ObjectNode t = trace.addObject();
            t.put("iteration", e.iteration());
            Json.put(t, "objective", e.objective());
            Json.put(t, "optimality", e.optimality());
            Json.put(t, "step_size", e.stepSize());
            t.put("seconds", e.elapsedNanos() / 1e9);
        }
        return o;
    }
}
