package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.models.frame.Expression;
import dev.argmax.models.frame.FrameOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How {@code fit}, {@code path} and {@code cv} read their model from a CSV file: an R formula
 * ({@code --formula}) or the shorthand {@code --response COL} for {@code COL ~ .}, with the
 * missing-value action and factor reference levels; the commands add their weights, frequency
 * weights, offset and excluded columns ({@link #frameOptions}).
 */
public final class FormulaOptions {

    @Option(names = "--formula", paramLabel = "FORMULA", description = "R model formula, e.g. \"Days ~ Eth * Sex + "
            + "log(Age) + offset(log(t))\" or \"cbind(s, f) ~ .\" (text columns are factors).")
    String formula;

    @Option(names = "--na", paramLabel = "omit|fail", description = OptionHelp.NA)
    String na;

    @Option(names = "--reference", split = ",", paramLabel = "VAR=LEVEL", description = OptionHelp.REFERENCE)
    List<String> references = new ArrayList<>();

    /**
     * The formula: {@code --formula}, or {@code RESPONSE ~ .} (minus 1 without an intercept) from
     * the shorthand options.
     *
     * @throws IllegalArgumentException if both or neither are given
     */
    String formulaText(String response, List<String> exclude, boolean noIntercept, CsvTable table) {
        if (formula != null) {
            if (response != null || !exclude.isEmpty() || noIntercept) {
                throw new IllegalArgumentException("give either --formula or --response/--exclude/--no-intercept "
                        + "(write them into the formula: y ~ . - x3 - 1)");
            }
            return formula;
        }
        if (response == null) {
            throw new IllegalArgumentException("give the model: --formula \"y ~ x1 + x2\" or --response COL (y ~ .)");
        }
        table.isText(response);
        for (String e : exclude) {
            table.isText(e);
        }
        return new Expression.Name(response).deparse() + " ~ ." + (noIntercept ? " - 1" : "");
    }

    /** The frame options: {@code --na}, {@code --reference} and the command's special columns. */
    FrameOptions frameOptions(String weights, String frequencyWeights, String offset, List<String> exclude) {
        FrameOptions o = FrameOptions.defaults().withNaAction(FrameOptions.NaAction.of(na == null ? "omit" : na)).withWeights(weights)
                .withFrequencyWeights(frequencyWeights).withOffset(offset).withExcluded(exclude);
        for (String r : references) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--reference takes VARIABLE=LEVEL, got '" + r + "'");
            }
            o = o.withReference(r.substring(0, eq).trim(), r.substring(eq + 1).trim());
        }
        return o;
    }
}
