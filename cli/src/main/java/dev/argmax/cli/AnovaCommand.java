package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.glm.AnalysisOfDeviance;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.inference.AnovaTable;
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
 * {@code argmax anova}: the likelihood-ratio test of a GLM against a larger one that contains it,
 * as R's {@code anova(fit0, fit1, test = "Chisq")} (dispersion 1) or {@code test = "F"}
 * (estimated dispersion). The models are two formulas ({@code --formula0}, {@code --formula1}:
 * every term of the first must be a term of the second; both are fitted to the rows complete in
 * every column either uses, as R requires the same data) or two column sets
 * ({@code --response} with {@code --columns0} inside {@code --columns1}).
 *
 * <p>JSON: {@code family, link, test}, {@code n_dropped} (formulas) and {@code anova}, one object
 * per model with {@code model, df_residual, residual_deviance, df, deviance, statistic, p_value}
 * and {@code formula} or {@code columns} ({@code df}, {@code deviance} (the difference),
 * {@code statistic} and {@code p_value} are {@code null} on the first row).
 */
@Command(name = "anova", mixinStandardHelpOptions = true,
        description = "Likelihood-ratio test (analysis of deviance) between two nested GLMs on a CSV file.")
public final class AnovaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    private String data;

    @Option(names = "--formula0", paramLabel = "FORMULA", description = "R formula of the smaller model, e.g. "
            + "\"y ~ x1 + g\" (with --formula1).")
    private String formula0;

    @Option(names = "--formula1", paramLabel = "FORMULA", description = "R formula of the larger model, e.g. "
            + "\"y ~ x1 * g\"; every term of --formula0 must be one of its terms.")
    private String formula1;

    @Option(names = "--na", paramLabel = "omit|fail", description = OptionHelp.NA)
    private String na;

    @Option(names = "--reference", split = ",", paramLabel = "VAR=LEVEL", description = OptionHelp.REFERENCE)
    private List<String> references = new ArrayList<>();

    @Option(names = "--response", paramLabel = "COL", description = OptionHelp.RESPONSE)
    private String response;


    @picocli.CommandLine.Mixin
    private LinkOptions linkOptions;

    @Option(names = "--columns0", split = ",", paramLabel = "COL",
            description = "Predictor columns of the smaller model (may be empty: --columns0= for intercept only).")
    private List<String> columns0;

    @Option(names = "--columns1", split = ",", paramLabel = "COL",
            description = "Predictor columns of the larger model.")
    private List<String> columns1;

    @Option(names = "--no-intercept", description = OptionHelp.NO_INTERCEPT)
    private boolean noIntercept;

    @Option(names = "--offset", paramLabel = "COL", description = OptionHelp.OFFSET)
    private String offset;

    @Option(names = "--weights", paramLabel = "COL", description = OptionHelp.WEIGHTS)
    private String weights;

    @Option(names = "--freq-weights", paramLabel = "COL", description = OptionHelp.FREQ_WEIGHTS)
    private String freqWeights;

    @Option(names = "--epsilon", defaultValue = "1e-8", paramLabel = "EPS", description = OptionHelp.EPSILON)
    private double epsilon;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = OptionHelp.FORMAT)
    private OutputFormat format;

    @Override
    public Integer call() {
        boolean formulas = formula0 != null || formula1 != null;
        boolean columns = response != null || columns0 != null || columns1 != null;
        if (formulas == columns || formulas && (formula0 == null || formula1 == null)
                || columns && (response == null || columns0 == null || columns1 == null)) {
            throw new IllegalArgumentException("give the two models either as --formula0 and --formula1, or as "
                    + "--response with --columns0 and --columns1");
        }
        if (formulas) {
            return formulas();
        }
        if (!references.isEmpty() || na != null) {
            throw new IllegalArgumentException("--reference and --na apply to --formula0/--formula1");
        }
        CsvTable table = ProblemOptions.table(data);
        Glm model = Glm.builder(linkOptions.resolve(data)).intercept(!noIntercept).epsilon(epsilon).build();
        FittedGlm fit0 = model.fit(dataset(table, clean(columns0)));
        FittedGlm fit1 = model.fit(dataset(table, clean(columns1)));
        AnovaTable t = AnalysisOfDeviance.anova(fit0, fit1);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectNode o = Json.object();
            o.put("family", fit1.family().name());
            o.put("link", fit1.link().label());
            o.put("test", t.test());
            ArrayNode rows = rowsJson(t);
            Json.array((ObjectNode) rows.get(0), "columns", clean(columns0));
            Json.array((ObjectNode) rows.get(1), "columns", clean(columns1));
            o.set("anova", rows);
            out.println(Json.write(o));
        } else {
            out.println("Analysis of Deviance Table\n");
            out.println("Model 1: " + response + " ~ " + formula(clean(columns0)));
            out.println("Model 2: " + response + " ~ " + formula(clean(columns1)));
            out.print(t.format());
        }
        out.flush();
        return 0;
    }

    /** The two formulas, fitted to their common complete rows. */
    private Integer formulas() {
        if (noIntercept) {
            throw new IllegalArgumentException("--no-intercept applies to column sets; write '- 1' in the formulas");
        }
        CsvTable table = ProblemOptions.table(data);
        FrameOptions options = FrameOptions.defaults().withNaAction(FrameOptions.NaAction.of(na == null ? "omit" : na)).withWeights(weights)
                .withFrequencyWeights(freqWeights).withOffset(offset);
        for (String r : references) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--reference takes VARIABLE=LEVEL, got '" + r + "'");
            }
            options = options.withReference(r.substring(0, eq).trim(), r.substring(eq + 1).trim());
        }
        Family fam = linkOptions.resolve(data);
        Glm model0 = Glm.builder(fam).formula(formula0).frameOptions(options).epsilon(epsilon).build();
        Glm model1 = Glm.builder(fam).formula(formula1).frameOptions(options).epsilon(epsilon).build();
        FittedGlm[] fits = AnalysisOfDeviance.fitOnCommonRows(model0, model1, table);
        AnovaTable t = AnalysisOfDeviance.anova(fits[0], fits[1]);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectNode o = Json.object();
            o.put("family", fits[1].family().name());
            o.put("link", fits[1].link().label());
            o.put("test", t.test());
            o.put("n_dropped", fits[1].dropped());
            ArrayNode rows = rowsJson(t);
            ((ObjectNode) rows.get(0)).put("formula", formula0);
            ((ObjectNode) rows.get(1)).put("formula", formula1);
            o.set("anova", rows);
            out.println(Json.write(o));
        } else {
            out.println("Analysis of Deviance Table\n");
            out.println("Model 1: " + fits[0].formula());
            out.println("Model 2: " + fits[1].formula());
            out.print(t.format());
            if (fits[1].dropped() > 0) {
                out.println("(" + fits[1].dropped() + " observation" + (fits[1].dropped() == 1 ? "" : "s")
                        + " deleted due to missingness in either model)");
            }
        }
        out.flush();
        return 0;
    }

    private String formula(List<String> cols) {
        String terms = String.join(" + ", cols);
        if (noIntercept) {
            return cols.isEmpty() ? "0" : terms + " - 1";
        }
        return cols.isEmpty() ? "1" : terms;
    }

    private static List<String> clean(List<String> cols) {
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            if (!c.isBlank()) {
                out.add(c.trim());
            }
        }
        return out;
    }

    private Dataset dataset(CsvTable table, List<String> columns) {
        for (String c : columns) {
            if (!table.names().contains(c)) {
                throw new InvalidDataException("no column '" + c + "' in " + data + " (columns: "
                        + String.join(", ", table.names()) + ")");
            }
        }
        List<String> exclude = new ArrayList<>();
        for (String name : table.names()) {
            if (!name.equals(response) && !name.equals(offset) && !name.equals(weights) && !columns.contains(name)) {
                exclude.add(name);
            }
        }
        Dataset d = table.toDataset(DatasetColumns.of(response).withWeights(weights).withOffset(offset)
                .withExcluded(exclude));
        List<String> names = d.predictorNames();
        int[] order = columns.stream().mapToInt(names::indexOf).toArray();
        return d.selectColumns(order);
    }

    /** The rows of an analysis-of-deviance table as JSON objects named as R's columns. */
    static ArrayNode rowsJson(AnovaTable t) {
        ArrayNode rows = Json.object().arrayNode();
        boolean drop1 = t.rows().stream().anyMatch(r -> !Double.isNaN(r.aic()));
        for (AnovaTable.Row r : t.rows()) {
            ObjectNode o = rows.addObject();
            if (drop1) {
                // R's drop1 columns: Df, Deviance (of the model without the term), AIC, LRT, Pr(>Chi)
                o.put("term", r.label());
                Json.put(o, "df", r.df());
                Json.put(o, "deviance", r.residualDeviance());
                Json.put(o, "aic", r.aic());
            } else {
                // R's anova columns: Resid. Df, Resid. Dev, Df, Deviance (difference), statistic, p-value
                o.put("model", Integer.parseInt(r.label()));
                Json.put(o, "df_residual", r.dfResidual());
                Json.put(o, "residual_deviance", r.residualDeviance());
                Json.put(o, "df", r.df());
                Json.put(o, "deviance", r.deviance());
            }
            Json.put(o, "statistic", r.statistic());
            Json.put(o, "p_value", r.pValue());
        }
        return rows;
    }
}
