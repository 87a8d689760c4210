package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.saved.MultinomialPredictions;
import dev.argmax.models.saved.Predictions;
import dev.argmax.models.saved.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argmax predict}: scores new data with a model saved by {@code fit --save}. The data go
 * through the saved formula (the same factor levels and contrasts); the output is CSV with one
 * row per input row, in the input's order: {@code fit}, then {@code se_fit} with {@code --se},
 * then {@code lower,upper} with {@code --interval confidence}. A row with a missing predictor
 * gets {@code NA} (or, with {@code --na fail}, the command stops naming the cell); a factor level
 * the model was not fitted on is an error naming the level.
 *
 * <p>A multinomial model ({@code fit|path|cv --family multinomial --save}) writes one column per
 * class: {@code --type response} the probability of each level (columns named by the levels),
 * {@code link} the K-1 log-odds of each non-reference level against the reference (columns named
 * by those levels), {@code class} the most probable level (column {@code class}); {@code --se}
 * (response, MLE only) adds the delta-method standard errors of the probabilities, columns
 * {@code se_<level>}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict new data with a model saved by 'fit --save' (CSV out, input row order).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file from 'fit --save'.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    private String data;

    @Option(names = "--type", defaultValue = "response", paramLabel = "link|response|class",
            description = "Scale: the linear predictor, the mean, or the 0/1 class (binomial); multinomial: the "
                    + "log-odds against the reference, the class probabilities, or the predicted level. Default: "
                    + "${DEFAULT-VALUE}.")
    private String type;

    @Option(names = "--se", description = "Also write the standard error of each prediction (delta method).")
    private boolean se;

    @Option(names = "--interval", paramLabel = "none|confidence", defaultValue = "none",
            description = "Add a confidence interval for the mean (lower, upper). Default: ${DEFAULT-VALUE}.")
    private String interval;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "LEVEL", description = OptionHelp.LEVEL)
    private double level;

    @Option(names = "--na", paramLabel = "omit|fail", description = OptionHelp.NA)
    private String na;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the CSV here instead of standard output.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        SavedModel m = SavedModel.load(model);
        SavedModel.Type t = switch (type.toLowerCase(Locale.ROOT)) {
            case "link" -> SavedModel.Type.LINK;
            case "response" -> SavedModel.Type.RESPONSE;
            case "class" -> SavedModel.Type.CLASS;
            default -> throw new IllegalArgumentException("unknown --type '" + type + "'; use link, response or class");
        };
        boolean ci = switch (interval.toLowerCase(Locale.ROOT)) {
            case "none" -> false;
            case "confidence" -> true;
            default -> throw new IllegalArgumentException("unknown --interval '" + interval
                    + "'; use confidence (prediction intervals for new observations are not offered)");
        };
        CsvTable table = ProblemOptions.table(data);
        FrameOptions.NaAction action = na == null ? null : FrameOptions.NaAction.of(na);
        if (m.isMultinomial()) {
            if (ci) {
                throw new IllegalArgumentException("--interval is not offered for a multinomial model (use --se for "
                        + "the standard errors of the probabilities)");
            }
            MultinomialPredictions p = m.predictMultinomial(table, t, se, action);
            if (out != null) {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    write(p, w);
                }
            } else {
                PrintWriter w = spec.commandLine().getOut();
                write(p, w);
                w.flush();
            }
            return 0;
        }
        Predictions p = m.predict(table, t, se, ci ? level : Double.NaN, action);
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                write(p, w);
            }
        } else {
            PrintWriter w = spec.commandLine().getOut();
            write(p, w);
            w.flush();
        }
        return 0;
    }

    /** The CSV of a multinomial model's predictions (header: the columns, then se_ columns; NA for missing rows). */
    static void write(MultinomialPredictions p, Writer w) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String c : p.columns()) {
                field(sb, c);
            }
            if (p.standardErrors() != null) {
                for (String level : p.columns()) {
                    field(sb, "se_" + level);
                }
            }
            sb.setLength(sb.length() - 1);
            w.write(sb.append('\n').toString());
            int n = p.classes() != null ? p.classes().size() : p.values().length;
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                if (p.classes() != null) {
                    String c = p.classes().get(i);
                    if (c == null) {
                        sb.append("NA,");
                    } else {
                        field(sb, c);
                    }
                } else {
                    for (double v : p.values()[i]) {
                        number(sb, v, false);
                        sb.append(',');
                    }
                    if (p.standardErrors() != null) {
                        for (double v : p.standardErrors()[i]) {
                            number(sb, v, false);
                            sb.append(',');
                        }
                    }
                }
                sb.setLength(sb.length() - 1);
                w.write(sb.append('\n').toString());
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV field followed by a comma: quoted (RFC 4180) when it holds a comma, quote or line break. */
    private static void field(StringBuilder sb, String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            sb.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(text);
        }
        sb.append(',');
    }

    static void write(Predictions p, Writer w) {
        try {
            StringBuilder sb = new StringBuilder("fit");
            if (p.standardErrors() != null) {
                sb.append(",se_fit");
            }
            if (p.lower() != null) {
                sb.append(",lower,upper");
            }
            w.write(sb.append('\n').toString());
            for (int i = 0; i < p.fit().length; i++) {
                sb.setLength(0);
                number(sb, p.fit()[i], p.type() == SavedModel.Type.CLASS);
                if (p.standardErrors() != null) {
                    number(sb.append(','), p.standardErrors()[i], false);
                }
                if (p.lower() != null) {
                    number(sb.append(','), p.lower()[i], false);
                    number(sb.append(','), p.upper()[i], false);
                }
                w.write(sb.append('\n').toString());
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(StringBuilder sb, double v, boolean integer) {
        if (Double.isNaN(v)) {
            sb.append("NA");
        } else if (integer) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
