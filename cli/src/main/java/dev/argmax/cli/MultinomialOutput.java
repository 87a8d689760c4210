package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.multinomial.ClassLevels;
import dev.argmax.models.multinomial.FittedMultinomial;
import dev.argmax.optim.trace.TraceEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line's multinomial response ({@code --family multinomial}): the class labels of the
 * response column (text, or numbers read as R reads a numeric factor), the predictors (every other
 * column but the weights and the excluded ones, in file order), explicit {@code --levels}, and the
 * JSON of a maximum-likelihood fit, whose per-class fields are objects keyed by the non-reference
 * classes, each an array in {@code coefficient_names} order.
 */
final class MultinomialOutput {

    /** The name of the family on the command line. */
    static final String FAMILY = "multinomial";

    private MultinomialOutput() {
    }

    static boolean isMultinomial(String family) {
        return family != null && family.trim().equalsIgnoreCase(FAMILY);
    }

    /**
     * The predictors and weights of the model (the dataset's numeric response is a placeholder:
     * the classes are {@link #labels}).
     */
    static Dataset dataset(CsvTable table, String response, String weights, List<String> exclude) {
        if (response == null) {
            throw new IllegalArgumentException("--family multinomial needs --response COL (the class column); "
                    + "formulas are not supported for it");
        }
        Set<String> skip = new LinkedHashSet<>(exclude);
        skip.add(response);
        if (weights != null) {
            skip.add(weights);
        }
        for (String name : skip) {
            table.isText(name);
        }
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (String name : table.names()) {
            if (!skip.contains(name)) {
                names.add(name);
                columns.add(table.column(name));
            }
        }
        return Dataset.builder()
                .columns(columns.toArray(new double[0][]))
                .y(new double[table.rows()])
                .weights(weights == null ? null : table.column(weights))
                .predictorNames(names)
                .responseName(response)
                .build();
    }

    /** The class label of every row: the text, or R's label of the number ("1", "2.5"). */
    static List<String> labels(CsvTable table, String response) {
        List<String> out = new ArrayList<>(table.rows());
        if (table.isText(response)) {
            List<String> levels = table.levels(response);
            int[] codes = table.codes(response);
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) {
                    throw new InvalidDataException("the class column '" + response + "' has a missing value at line "
                            + table.line(i));
                }
                out.add(levels.get(codes[i]));
            }
        } else {
            for (double v : table.column(response)) {
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException("the class column '" + response + "' has a value that is not a"
                            + " finite number: " + v);
                }
                out.add(ClassLevels.label(v == 0 ? 0.0 : v));
            }
        }
        return out;
    }

    /**
     * The levels: {@code --levels a,b,c} in that order (the first the reference), or the labels'
     * distinct values sorted as R sorts a factor (numbers numerically, text by collation).
     */
    static ClassLevels levels(CsvTable table, String response, List<String> given, List<String> labels) {
        if (given != null && !given.isEmpty()) {
            return new ClassLevels(given);
        }
        if (table.isText(response)) {
            return ClassLevels.fromLabels(labels);
        }
        return ClassLevels.fromNumbers(table.column(response));
    }

    /** The JSON of a maximum-likelihood fit. */
    static ObjectNode json(FittedMultinomial fit, double level) {
        ObjectNode o = Json.object();
        o.put("family", FAMILY);
        o.put("link", "logit (baseline-category logits against the reference level)");
        o.put("solver", fit.solverResult().solver());
        o.put("converged", fit.converged());
        o.put("iterations", fit.solverResult().iterations());
        o.put("n", fit.rows());
        o.put("n_dropped", fit.dropped());
        Json.put(o, "n_weighted", fit.weightSum());
        Json.array(o, "levels", fit.levels());
        o.put("reference_level", fit.referenceLevel());
        Json.array(o, "class_names", fit.classNames());
        Json.array(o, "coefficient_names", fit.terms());
        byClass(o, "coefficients", fit.classNames(), fit.coefficients());
        byClass(o, "std_errors", fit.classNames(), fit.standardErrors());
        byClass(o, "statistics", fit.classNames(), fit.statistics());
        byClass(o, "p_values", fit.classNames(), fit.pValues());
        double[][] ci = fit.confidenceIntervals(level);
        int k = fit.terms().size();
        double[][] lower = new double[fit.classNames().size()][k];
        double[][] upper = new double[fit.classNames().size()][k];
        for (int c = 0; c < lower.length; c++) {
            for (int j = 0; j < k; j++) {
                lower[c][j] = ci[c * k + j][0];
                upper[c][j] = ci[c * k + j][1];
            }
        }
        byClass(o, "conf_int_lower", fit.classNames(), lower);
        byClass(o, "conf_int_upper", fit.classNames(), upper);
        Json.put(o, "conf_level", level);
        o.put("statistic_name", "z");
        Json.put(o, "deviance", fit.deviance());
        Json.put(o, "null_deviance", fit.nullDeviance());
        Json.put(o, "loglik", fit.logLikelihood());
        o.put("edf", fit.edf());
        Json.put(o, "aic", fit.aic());
        Json.put(o, "bic", fit.bic());
        o.put("separation", fit.separation());
        Json.array(o, "warnings", fit.warnings());
        o.put("formula", fit.formula());
        o.put("stop_reason", fit.solverResult().stopReason().name());
        o.put("message", fit.solverResult().message());
        Json.put(o, "elapsed_seconds", fit.solverResult().seconds());
        ArrayNode trace = o.putArray("trace");
        for (TraceEntry e : fit.solverResult().trace().entries()) {
            ObjectNode t = trace.addObject();
            t.put("iteration", e.iteration());
            Json.put(t, "objective", e.objective());
            Json.put(t, "optimality", e.optimality());
            Json.put(t, "step_size", e.stepSize());
            Json.put(t, "seconds", e.elapsedNanos() / 1e9);
        }
        return o;
    }

    /** {@code field: {class: [values in coefficient_names order], ...}}. */
    static void byClass(ObjectNode o, String field, List<String> classes, double[][] values) {
        ObjectNode node = o.putObject(field);
        for (int c = 0; c < classes.size(); c++) {
            ArrayNode a = node.putArray(classes.get(c));
            for (double v : values[c]) {
                if (Double.isFinite(v)) {
                    a.add(v);
                } else {
                    a.addNull();
                }
            }
        }
    }
}
