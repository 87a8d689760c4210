package dev.argmax.cli;

import dev.argmax.core.data.CsvTable;
import dev.argmax.models.frame.FrameOptions;
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
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict new data with a model saved by 'fit --save' (CSV out, input row order).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file from 'fit --save'.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "New data (CSV with a header line); '-' reads standard input.")
    private String data;

    @Option(names = "--type", defaultValue = "response", paramLabel = "link|response|class",
            description = "Scale: the linear predictor, the mean, or the 0/1 class (binomial). Default: ${DEFAULT-VALUE}.")
    private String type;

    @Option(names = "--se", description = "Also write the standard error of each prediction (delta method).")
    private boolean se;

    @Option(names = "--interval", paramLabel = "none|confidence", defaultValue = "none",
            description = "Add a confidence interval for the mean (lower, upper). Default: ${DEFAULT-VALUE}.")
    private String interval;

    @Option(names = "--level", defaultValue = "0.95", description = "Confidence level. Default: ${DEFAULT-VALUE}.")
    private double level;

    @Option(names = "--na", paramLabel = "omit|fail",
            description = "Rows with a missing predictor: NA rows (omit, default) or an error (fail).")
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
        CsvTable table = data.equals("-")
                ? CsvTable.parse(System.in.readAllBytes(), "standard input")
                : CsvTable.read(Path.of(data));
        FrameOptions.NaAction action = na == null ? null : FrameOptions.NaAction.of(na);
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
