package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.NegativeBinomial;
import dev.argmax.models.family.Tweedie;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.glm.ThetaEstimate;
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
 * {@code argmax fit}: fits an unpenalised GLM (R's {@code glm}) to a CSV file and prints R's
 * summary table ({@code --format text}) or one JSON object ({@code --format json}). Every column
 * other than the response, offset, weights and excluded ones is a predictor, in file order.
 *
 * <p>JSON fields: {@code family, link} (then {@code theta, theta_std_error} for a negative binomial,
 * the standard error null when theta was given; {@code var_power} for Tweedie), {@code solver, converged, iterations, n, coefficient_names,
 * coefficients, std_errors, statistics, p_values, conf_int_lower, conf_int_upper, deviance,
 * null_deviance, loglik, aic, bic, dispersion, df_residual, warnings}, then {@code
 * statistic_name, conf_level, df_null, rank, aliased, pearson_chi2, separation, stop_reason,
 * message, elapsed_seconds} and {@code trace} (one {@code {iteration, objective, optimality,
 * step_size, seconds}} per iteration). {@code n} counts observations with positive weight;
 * undefined numbers (aliased coefficients) are {@code null}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a generalised linear model by maximum likelihood (as R's glm; negative binomial as "
                + "MASS::glm.nb) to a CSV file.")
public final class FitCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    private Path data;

    @Option(names = "--response", required = true, paramLabel = "COL", description = "Response column.")
    private String response;

    @Option(names = "--family", required = true, paramLabel = "FAMILY",
            description = LinkOptions.FAMILIES + " (R's default links; --link for another).")
    private String family;

    @picocli.CommandLine.Mixin
    private LinkOptions linkOptions;

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    private boolean noIntercept;

    @Option(names = "--offset", paramLabel = "COL", description = "Offset column (e.g. log exposure).")
    private String offset;

    @Option(names = "--weights", paramLabel = "COL", description = "Prior (observation) weights column.")
    private String weights;

    @Option(names = "--exclude", split = ",", paramLabel = "COL", description = "Columns to leave out.")
    private List<String> exclude = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output: R's summary table (text) or one JSON object (json). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--solver", paramLabel = "NAME",
            description = "Solver: qr (default for gaussian), irls (default otherwise), or another registered "
                    + "solver: gd, ista, fista, lbfgs (the JSON output has the per-iteration trace).")
    private String solver;

    @Option(names = "--epsilon", defaultValue = "1e-8",
            description = "IRLS tolerance of R's rule |dev - dev_old|/(|dev| + 0.1) < epsilon. Default: ${DEFAULT-VALUE}.")
    private double epsilon;

    @Option(names = "--max-iterations", defaultValue = "25", description = "IRLS iteration cap. Default: ${DEFAULT-VALUE}.")
    private int maxIterations;

    @Option(names = "--alias-tolerance", defaultValue = "0", paramLabel = "TOL",
            description = "Least squares (gaussian): a column whose part orthogonal to the earlier columns is at most "
                    + "TOL times its norm is aliased (NA). 0 (default): only columns double precision cannot tell "
                    + "from an exact linear combination; nearly collinear ones are estimated with a warning. "
                    + "1e-7 reproduces R's lm.")
    private double aliasTolerance;

    @Option(names = "--level", defaultValue = "0.95", description = "Confidence level of the Wald intervals. Default: ${DEFAULT-VALUE}.")
    private double level;

    @picocli.CommandLine.Mixin
    private PenaltyOptions penalty;

    @Override
    public Integer call() {
        if (penalty.penalized()) {
            return fitPenalized();
        }
        Family fam = linkOptions.family(family);
        Dataset dataset = CsvTable.read(data).toDataset(response, weights, offset, exclude);
        Glm model = Glm.builder(fam).intercept(!noIntercept).solver(solver).epsilon(epsilon)
                .maxIterations(maxIterations).aliasTolerance(aliasTolerance).build();
        FittedGlm fit = model.fit(dataset);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.write(toJson(fit, level)));
        } else {
            out.print(fit.summary());
        }
        out.flush();
        return 0;
    }

    /**
     * With {@code --penalty l1|l2|elasticnet}: a penalised fit (coordinate descent, glmnet's
     * conventions) at the {@code --lambda} values or along a generated path; JSON has
     * {@code coefficient_names} and a {@code path} array (see {@link PenalizedOutput#json}).
     */
    private Integer fitPenalized() {
        Dataset dataset = CsvTable.read(data).toDataset(response, weights, offset, exclude);
        dev.argmax.models.penalized.PenalizedFit fit = penalty.builder(
                linkOptions.family(family), !noIntercept, solver).fit(dataset);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.write(PenalizedOutput.json(fit, solver == null ? "cd" : solver, penalty.penalty,
                    penalty.standardize, dataset.rows())));
        } else {
            out.print(PenalizedOutput.text(fit));
        }
        out.flush();
        return 0;
    }

    /** The JSON object of a fit (fields as documented on the class). */
    static ObjectNode toJson(FittedGlm fit, double level) {
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
        double[][] ci = fit.confidenceIntervals(level);
        double[] lower = new double[ci.length];
        double[] upper = new double[ci.length];
        for (int j = 0; j < ci.length; j++) {
            lower[j] = ci[j][0];
            upper[j] = ci[j][1];
        }
        Json.array(o, "conf_int_lower", lower);
        Json.array(o, "conf_int_upper", upper);
        Json.put(o, "deviance", fit.deviance());
        Json.put(o, "null_deviance", fit.nullDeviance());
        Json.put(o, "loglik", fit.logLikelihood());
        Json.put(o, "aic", fit.aic());
        Json.put(o, "bic", fit.bic());
        Json.put(o, "dispersion", fit.dispersion());
        o.put("df_residual", fit.dfResidual());
        Json.array(o, "warnings", fit.warnings());
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
