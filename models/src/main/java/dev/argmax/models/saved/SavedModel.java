package dev.argmax.models.saved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.NegativeBinomial;
import dev.argmax.models.family.Tweedie;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.multinomial.ClassLevels;
import dev.argmax.models.multinomial.FittedMultinomial;
import dev.argmax.models.multinomial.MultinomialCrossValidation;
import dev.argmax.models.multinomial.MultinomialPath;
import dev.argmax.models.multinomial.MultinomialPrediction;
import dev.argmax.models.multinomial.PenalizedMultinomial;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.Standardization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A fitted model as a file: everything needed to score new data, in a documented, versioned JSON
 * format (format version 1), independent of the data it was fitted to.
 *
 * <pre>
 * {
 *   "format": "argmax-model", "format_version": 1, "argmax_version": "0.1.0-SNAPSHOT",
 *   "model": "glm" | "penalized",
 *   "family": "poisson", "link": "log",     // R's family name and link name
 *   "theta": 2.5,                             // negative binomial only: theta (fixed or estimated)
 *   "var_power": 1.5,                         // Tweedie only: the variance power
 *   "formula": "Days ~ Eth + Sex + Age + Lrn + Eth:Sex",
 *   "frame": {
 *     "training_columns": [...],          // what "." expanded to
 *     "na_action": "omit" | "fail", "weights": null | column, "offset": null | column,
 *     "frequency_weights": null | column,   // absent in files written before it existed: null
 *     "excluded": [...], "references": {variable: level},
 *     "intercept": true,
 *     "variables": [{"label": "Eth", "kind": "FACTOR" | "NUMERIC" | "COLUMNS",
 *                    "levels": ["A", "N"], "reference": 0, "column_suffixes": []}, ...],
 *     "terms": [{"label": "Eth:Sex", "contrasts": [true, true]}, ...]   // false = indicator columns
 *   },
 *   "coefficient_names": [...], "coefficients": [...],   // null = aliased (R's NA)
 *   "covariance": [[...], ...] | null,                    // rows of the k x k matrix, dispersion included
 *   "dispersion": 1.0, "df_residual": 133, "n": 141, "n_dropped": 5,
 *   "standardization": null | {"means": [...], "scales": [...]},   // glmnet's, for penalized fits
 *   "penalty": null | {"alpha": 0.0, "lambda": 0.01, "lambda_choice": "value" | "lambda_min" | "lambda_1se"}
 * }
 * </pre>
 *
 * <p><b>Multinomial models</b> (same format version; files of GLMs are unchanged) have
 * {@code "family": "multinomial", "link": "logit"} (baseline-category logits) and:
 *
 * <pre>
 *   "model": "multinomial" (the MLE, nnet::multinom) | "penalized" (glmnet's multinomial family),
 *   "levels": ["F0", "F1", ...], "reference_level": "F0",   // the response's classes in order
 *   "parametrization": "reference" (MLE: eta of the reference class is 0) | "symmetric" (penalized: every class),
 *   "coefficient_names": ["(Intercept)", ...],               // the terms, as for a GLM
 *   "coefficients": {"F1": [...], ...},                       // by class, in coefficient_names order:
 *                                                             // the K-1 non-reference classes (MLE) or all K
 *   "covariance": [[...], ...] | null,   // MLE: ((K-1)(p+1))^2, class-major (vcov(multinom)'s order); penalized: null
 *   "dispersion": null, "df_residual": -1,
 *   "penalty": null | {"alpha": 1.0, "lambda": 0.01, "lambda_choice": ..., "grouped": false}
 * </pre>
 *
 * Doubles are written in shortest round-trip form, so a loaded model has exactly the saved
 * numbers. A file of another format version is refused with a message naming both versions.
 */
public final class SavedModel {

    /** The format this class writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The value of the "format" field. */
    public static final String FORMAT = "argmax-model";
    /** The "family" (and the MLE's "model") of a multinomial model. */
    private static final String MULTINOMIAL = "multinomial";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String model;
    private final String argmaxVersion;
    private final Family family;
    private final ModelFrame frame;
    private final List<String> coefficientNames;
    private final double[] coefficients;
    private final double[][] covariance;
    private final double dispersion;
    private final int dfResidual;
    private final int observations;
    private final int dropped;
    private final double[] means;
    private final double[] scales;
    private final double alpha;
    private final double lambda;
    private final String lambdaChoice;
    private final ClassLevels classLevels;
    private final boolean grouped;

    private SavedModel(String model, String argmaxVersion, Family family, ModelFrame frame,
                       List<String> coefficientNames, double[] coefficients, double[][] covariance, double dispersion,
                       int dfResidual, int observations, int dropped, double[] means, double[] scales, double alpha,
                       double lambda, String lambdaChoice) {
        this(model, argmaxVersion, family, frame, coefficientNames, coefficients, covariance, dispersion, dfResidual,
                observations, dropped, means, scales, alpha, lambda, lambdaChoice, null, false);
    }

    private SavedModel(String model, String argmaxVersion, Family family, ModelFrame frame,
                       List<String> coefficientNames, double[] coefficients, double[][] covariance, double dispersion,
                       int dfResidual, int observations, int dropped, double[] means, double[] scales, double alpha,
                       double lambda, String lambdaChoice, ClassLevels classLevels, boolean grouped) {
        this.classLevels = classLevels;
        this.grouped = grouped;
        this.model = model;
        this.argmaxVersion = argmaxVersion;
        this.family = family;
        this.frame = frame;
        this.coefficientNames = List.copyOf(coefficientNames);
        this.coefficients = coefficients.clone();
        this.covariance = covariance;
        this.dispersion = dispersion;
        this.dfResidual = dfResidual;
        this.observations = observations;
        this.dropped = dropped;
        this.means = means;
        this.scales = scales;
        this.alpha = alpha;
        this.lambda = lambda;
        this.lambdaChoice = lambdaChoice;
    }

    /** This argmax's version (from the build), as written into files. */
    public static String argmaxVersion() {
        try (InputStream in = SavedModel.class.getResourceAsStream("/dev/argmax/models/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ModelFrame requireFrame(java.util.Optional<ModelFrame> frame) {
        return frame.orElseThrow(() -> new IllegalStateException("only a model fitted from a formula can be saved "
                + "(its model frame turns new data into the design): fit it with builder.formula(\"y ~ ...\")"));
    }

    /** The saved form of a GLM fitted from a formula. */
    public static SavedModel of(FittedGlm fit) {
        ModelFrame frame = requireFrame(fit.frame());
        Matrix cov = fit.covariance();
        return new SavedModel("glm", argmaxVersion(), fit.family(), frame, fit.coefficientNames(),
                fit.coefficients(), cov.toArray(), fit.dispersion(), fit.dfResidual(), fit.observations(),
                fit.dropped(), null, null, Double.NaN, Double.NaN, null);
    }

    /**
     * The saved form of solution {@code k} of a penalized fit from a formula.
     *
     * @param choice how lambda was chosen: "value", "lambda_min" or "lambda_1se"
     */
    public static SavedModel of(PenalizedFit fit, int k, String choice) {
        ModelFrame frame = requireFrame(fit.frame());
        if (!List.of("value", "lambda_min", "lambda_1se").contains(choice)) {
            throw new IllegalArgumentException("lambda choice must be value, lambda_min or lambda_1se, got " + choice);
        }
        double[][] cov = fit.hasStandardErrors(k) ? fit.covariance(k).toArray() : null;
        Standardization std = fit.standardization().orElse(null);
        return new SavedModel("penalized", argmaxVersion(), fit.family(), frame, fit.coefficientNames(),
                fit.solution(k).allCoefficients(), cov, Double.NaN, -1, fit.data().rows(), fit.dropped(),
                std == null ? null : std.means(), std == null ? null : std.scales(), fit.alpha(),
                fit.solution(k).lambda(), choice);
    }

    /**
     * The saved form of the cross-validation-chosen solution of a fit from a formula
     * ({@link CrossValidation#run(dev.argmax.models.penalized.PenalizedRegression,
     * dev.argmax.core.data.CsvTable, dev.argmax.models.penalized.CvMeasure, String, int, long, int)}):
     * the full-data fit at {@code lambda_min} or {@code lambda_1se}, recorded as the
     * {@code lambda_choice}.
     */
    public static SavedModel of(CrossValidation.Result cv, LambdaChoice choice) {
        int k = choice == LambdaChoice.LAMBDA_MIN ? cv.indexMin() : cv.index1se();
        return of(cv.fullFit(), k, choice.toString());
    }

    /**
     * The saved form of a multinomial MLE fitted from a formula: the reference parametrization,
     * the {@code (K-1) x (p+1)} coefficients and their full covariance.
     */
    public static SavedModel of(FittedMultinomial fit) {
        ModelFrame frame = requireFrame(fit.frame());
        return new SavedModel(MULTINOMIAL, argmaxVersion(), null, frame, fit.terms(), fit.coefficientVector(),
                fit.covariance().toArray(), Double.NaN, -1, fit.rows(), fit.dropped(), null, null, Double.NaN,
                Double.NaN, null, new ClassLevels(fit.levels()), false);
    }

    /**
     * The saved form of solution {@code k} of a penalized multinomial path from a formula
     * (glmnet's symmetric parametrization: intercepts and slopes of every class; no covariance).
     *
     * @param choice how lambda was chosen: "value", "lambda_min" or "lambda_1se"
     */
    public static SavedModel of(MultinomialPath path, int k, String choice) {
        ModelFrame frame = requireFrame(path.frame());
        if (!List.of("value", "lambda_min", "lambda_1se").contains(choice)) {
            throw new IllegalArgumentException("lambda choice must be value, lambda_min or lambda_1se, got " + choice);
        }
        PenalizedMultinomial.Solution s = path.solution(k);
        int classes = path.levels().size();
        int p = path.predictors().size();
        double[] beta = new double[classes * (p + 1)];
        double[][] slopes = s.slopes();
        double[] intercepts = s.intercepts();
        for (int c = 0; c < classes; c++) {
            beta[c * (p + 1)] = intercepts[c];
            System.arraycopy(slopes[c], 0, beta, c * (p + 1) + 1, p);
        }
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(path.predictors());
        return new SavedModel("penalized", argmaxVersion(), null, frame, names, beta, null, Double.NaN, -1,
                path.rows(), path.dropped(), null, null, path.alpha(), s.lambda(), choice,
                new ClassLevels(path.levels()), path.grouped());
    }

    /**
     * The saved form of the cross-validation-chosen solution of a multinomial path from a formula
     * ({@link MultinomialCrossValidation#run(PenalizedMultinomial, CsvTable,
     * dev.argmax.models.penalized.CvMeasure, String, int, long, int,
     * dev.argmax.optim.path.RegularizationPath.Settings)}): the full-data path at
     * {@code lambda_min} or {@code lambda_1se}, recorded as the {@code lambda_choice}.
     */
    public static SavedModel of(MultinomialCrossValidation.Result cv, LambdaChoice choice) {
        int k = choice == LambdaChoice.LAMBDA_MIN ? cv.indexMin() : cv.index1se();
        return of(cv.fullPath(), k, choice.toString());
    }

    // ------------------------------------------------------------------ JSON

    /** The model as JSON text (format above). */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("format_version", FORMAT_VERSION);
        o.put("argmax_version", argmaxVersion);
        o.put("model", model);
        if (classLevels != null) {
            o.put("family", MULTINOMIAL);
            o.put("link", "logit");
        } else {
            o.put("family", family.name());
            o.put("link", family.link().label());
        }
        if (family instanceof NegativeBinomial nb && !nb.estimatesTheta()) {
            o.put("theta", nb.theta());
        }
        if (family instanceof Tweedie t) {
            o.put("var_power", t.power());
        }
        if (classLevels != null) {
            strings(o.putArray("levels"), classLevels.levels());
            o.put("reference_level", classLevels.reference());
            o.put("parametrization", symmetric() ? "symmetric" : "reference");
        }
        o.put("formula", frame.formula().text());
        ObjectNode f = o.putObject("frame");
        strings(f.putArray("training_columns"), frame.trainingColumns());
        FrameOptions opt = frame.options();
        f.put("na_action", opt.naAction().name().toLowerCase(java.util.Locale.ROOT));
        f.put("weights", opt.weights());
        f.put("frequency_weights", opt.frequencyWeights());
        f.put("offset", opt.offset());
        strings(f.putArray("excluded"), opt.excluded());
        ObjectNode refs = f.putObject("references");
        opt.references().forEach(refs::put);
        f.put("intercept", frame.intercept());
        ArrayNode vars = f.putArray("variables");
        for (ModelFrame.Variable v : frame.variables()) {
            ObjectNode vn = vars.addObject();
            vn.put("label", v.label());
            vn.put("kind", v.kind().name());
            strings(vn.putArray("levels"), v.levels());
            vn.put("reference", v.reference());
            strings(vn.putArray("column_suffixes"), v.columnSuffixes());
        }
        ArrayNode terms = f.putArray("terms");
        List<boolean[]> codes = frame.contrasts();
        for (int k = 0; k < codes.size(); k++) {
            ObjectNode t = terms.addObject();
            t.put("label", frame.terms().label(k));
            ArrayNode c = t.putArray("contrasts");
            for (boolean b : codes.get(k)) {
                c.add(b);
            }
        }
        strings(o.putArray("coefficient_names"), coefficientNames);
        if (classLevels == null) {
            numbers(o.putArray("coefficients"), coefficients);
        } else {
            ObjectNode byClass = o.putObject("coefficients");
            int k = coefficientNames.size();
            List<String> classes = coefficientClasses();
            for (int c = 0; c < classes.size(); c++) {
                numbers(byClass.putArray(classes.get(c)), java.util.Arrays.copyOfRange(coefficients, c * k, (c + 1) * k));
            }
        }
        if (covariance == null) {
            o.putNull("covariance");
        } else {
            ArrayNode rows = o.putArray("covariance");
            for (double[] row : covariance) {
                numbers(rows.addArray(), row);
            }
        }
        number(o, "dispersion", dispersion);
        o.put("df_residual", dfResidual);
        o.put("n", observations);
        o.put("n_dropped", dropped);
        if (means == null) {
            o.putNull("standardization");
        } else {
            ObjectNode s = o.putObject("standardization");
            numbers(s.putArray("means"), means);
            numbers(s.putArray("scales"), scales);
        }
        if (lambdaChoice == null) {
            o.putNull("penalty");
        } else {
            ObjectNode p = o.putObject("penalty");
            p.put("alpha", alpha);
            p.put("lambda", lambda);
            p.put("lambda_choice", lambdaChoice);
            if (classLevels != null) {
                p.put("grouped", grouped);
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the model to a file (JSON). */
    public void save(Path file) {
        try {
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model file.
     *
     * @throws InvalidDataException if it is not an argmax model file, or of another format version
     */
    public static SavedModel load(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a model from JSON text; {@code source} names it in messages. */
    public static SavedModel fromJson(String text, String source) {
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidDataException(source + " is not JSON: " + e.getMessage());
        }
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new InvalidDataException(source + " is not an argmax model file (no \"format\": \"" + FORMAT + "\")");
        }
        int version = o.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InvalidDataException(source + " has model format version " + o.path("format_version")
                    + " (written by argmax " + o.path("argmax_version").asText("?") + "); this argmax ("
                    + argmaxVersion() + ") reads format version " + FORMAT_VERSION + " only");
        }
        boolean multinomial = MULTINOMIAL.equals(o.path("family").asText());
        Family family = null;
        if (multinomial) {
            if (!o.path("levels").isArray() || !o.path("coefficients").isObject()) {
                throw new InvalidDataException(source + ": a multinomial model needs \"levels\" and \"coefficients\" by"
                        + " class");
            }
        } else if (o.has("var_power")) {
            family = Family.tweedie(o.get("var_power").asDouble());
        } else if (o.has("theta")) {
            family = Family.negativeBinomial(o.get("theta").asDouble());
        } else {
            family = Family.of(o.get("family").asText());
        }
        if (family != null) {
            family = family.withLink(o.get("link").asText());
        }
        JsonNode f = o.get("frame");
        Map<String, String> refs = new HashMap<>();
        f.get("references").fields().forEachRemaining(e -> refs.put(e.getKey(), e.getValue().asText()));
        FrameOptions opt = new FrameOptions(FrameOptions.NaAction.of(f.get("na_action").asText()), refs,
                textOrNull(f.get("weights")), textOrNull(f.get("frequency_weights")), textOrNull(f.get("offset")),
                strings(f.get("excluded")));
        List<ModelFrame.Variable> vars = new ArrayList<>();
        for (JsonNode v : f.get("variables")) {
            vars.add(new ModelFrame.Variable(v.get("label").asText(), ModelFrame.Kind.valueOf(v.get("kind").asText()),
                    strings(v.get("levels")), v.get("reference").asInt(), strings(v.get("column_suffixes"))));
        }
        List<boolean[]> codes = new ArrayList<>();
        for (JsonNode t : f.get("terms")) {
            boolean[] c = new boolean[t.get("contrasts").size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = t.get("contrasts").get(i).asBoolean();
            }
            codes.add(c);
        }
        ModelFrame frame = ModelFrame.restore(o.get("formula").asText(), opt, strings(f.get("training_columns")),
                vars, codes);
        List<String> names = strings(o.get("coefficient_names"));
        List<String> expected = new ArrayList<>();
        if (frame.intercept()) {
            expected.add("(Intercept)");
        }
        expected.addAll(frame.columnNames());
        if (!expected.equals(names)) {
            throw new InvalidDataException(source + ": the coefficient names " + names
                    + " do not match the design of the saved frame " + expected);
        }
        ClassLevels classLevels = null;
        boolean symmetric = false;
        double[] beta;
        if (multinomial) {
            classLevels = new ClassLevels(strings(o.get("levels")));
            symmetric = !o.get("model").asText().equals(MULTINOMIAL);
            List<String> classes = symmetric ? classLevels.levels()
                    : classLevels.levels().subList(1, classLevels.size());
            JsonNode byClass = o.get("coefficients");
            beta = new double[classes.size() * names.size()];
            for (int c = 0; c < classes.size(); c++) {
                JsonNode row = byClass.get(classes.get(c));
                if (row == null || row.size() != names.size()) {
                    throw new InvalidDataException(source + ": the coefficients of class '" + classes.get(c) + "' are "
                            + (row == null ? "missing" : row.size() + " numbers, expected " + names.size()));
                }
                System.arraycopy(numbers(row), 0, beta, c * names.size(), names.size());
            }
        } else {
            beta = numbers(o.get("coefficients"));
        }
        double[][] cov = null;
        if (!o.get("covariance").isNull()) {
            cov = new double[beta.length][];
            for (int i = 0; i < beta.length; i++) {
                cov[i] = numbers(o.get("covariance").get(i));
            }
        }
        JsonNode std = o.get("standardization");
        JsonNode pen = o.get("penalty");
        return new SavedModel(o.get("model").asText(), o.path("argmax_version").asText("unknown"), family, frame, names,
                beta, cov, number(o.get("dispersion")), o.get("df_residual").asInt(), o.get("n").asInt(),
                o.get("n_dropped").asInt(), std.isNull() ? null : numbers(std.get("means")),
                std.isNull() ? null : numbers(std.get("scales")), pen.isNull() ? Double.NaN : pen.get("alpha").asDouble(),
                pen.isNull() ? Double.NaN : pen.get("lambda").asDouble(),
                pen.isNull() ? null : pen.get("lambda_choice").asText(), classLevels,
                !pen.isNull() && pen.path("grouped").asBoolean(false));
    }

    /** Whether the coefficients are glmnet's symmetric ones (every class), not the MLE's reference ones. */
    private boolean symmetric() {
        return classLevels != null && !model.equals(MULTINOMIAL);
    }

    /** The classes that have coefficients: every level (symmetric) or all but the reference. */
    private List<String> coefficientClasses() {
        return symmetric() ? classLevels.levels() : classLevels.levels().subList(1, classLevels.size());
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    private static double[] numbers(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i));
        }
        return out;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    // ------------------------------------------------------------------ prediction

    /** The scale of a prediction. */
    public enum Type {
        /** The linear predictor eta (offset included). */
        LINK,
        /** The mean mu = g^-1(eta). */
        RESPONSE,
        /** The class 0/1 (binomial: mu >= 0.5). */
        CLASS
    }

    /**
     * Predictions for every row of {@code data}, in its order: rows whose predictors are
     * missing get NaN (with the model's na_action "fail", an error naming the first missing
     * cell). Standard errors are delta-method ({@code sqrt(x' V x)} on the link scale, times
     * {@code |d mu / d eta|} on the response scale); a confidence interval is
     * {@code eta +- q se} mapped through the inverse link (response scale) with q the normal
     * quantile, or Student's t with the residual degrees of freedom when the dispersion was
     * estimated.
     *
     * @param standardErrors whether to compute standard errors (needs a covariance)
     * @param level confidence level of the interval, or NaN for none
     * @throws UnsupportedOperationException for standard errors of a model without a covariance
     *     (lasso), or CLASS for a non-binomial family
     */
    public Predictions predict(CsvTable data, Type type, boolean standardErrors, double level) {
        return predict(data, type, standardErrors, level, null);
    }

    /**
     * As {@link #predict(CsvTable, Type, boolean, double)}, with the model's missing-value action
     * replaced by {@code naAction} (null keeps it): OMIT gives NaN rows, FAIL an error.
     */
    public Predictions predict(CsvTable data, Type type, boolean standardErrors, double level,
                               FrameOptions.NaAction naAction) {
        Objects.requireNonNull(type, "type");
        if (classLevels != null) {
            throw new UnsupportedOperationException("this is a multinomial model (" + classLevels.size() + " classes):"
                    + " its predictions are one column per class; use predictMultinomial");
        }
        ModelFrame frame = naAction == null ? this.frame : this.frame.withNaAction(naAction);
        boolean interval = !Double.isNaN(level);
        if (interval && !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must lie in (0, 1), got " + level);
        }
        if ((standardErrors || interval) && covariance == null) {
            throw new UnsupportedOperationException("this model has no covariance (" + model
                    + (lambdaChoice != null ? " with an L1 penalty: no Wald / Laplace standard errors" : "")
                    + "), so there are no standard errors or confidence intervals");
        }
        if ((standardErrors || interval) && type == Type.CLASS) {
            throw new UnsupportedOperationException("classes have no standard errors; use type response");
        }
        if (type == Type.CLASS && !family.name().equals("binomial")) {
            throw new UnsupportedOperationException("type class is for binomial models; this one is " + family.name());
        }
        FrameData fd = frame.newData(data);
        Dataset ds = fd.dataset();
        int m = ds.rows();
        int p = ds.columns();
        int off = frame.intercept() ? 1 : 0;
        int k = coefficients.length;
        double[] b = coefficients.clone();
        boolean[] aliased = new boolean[k];
        for (int j = 0; j < k; j++) {
            if (Double.isNaN(b[j])) {
                aliased[j] = true;
                b[j] = 0;
            }
        }
        double[][] cols = new double[p][m];
        DoublePointer ptr = NativeArrays.pointer(ds.x());
        for (int j = 0; j < p; j++) {
            NativeArrays.getColumn(ptr, m, j, cols[j]);
        }
        double[] offset = ds.offset();
        double q = Double.NaN;
        if (interval) {
            boolean t = family.name().equals("gaussian") && dfResidual > 0;
            q = t ? new TDistribution(dfResidual).inverseCumulativeProbability(0.5 + level / 2)
                    : new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        }
        int n = data.rows();
        double[] fit = nan(n);
        double[] se = standardErrors ? nan(n) : null;
        double[] lower = interval ? nan(n) : null;
        double[] upper = interval ? nan(n) : null;
        int[] rows = fd.rows();
        double[] x = new double[k];
        for (int i = 0; i < m; i++) {
            if (off == 1) {
                x[0] = 1;
            }
            for (int j = 0; j < p; j++) {
                x[j + off] = cols[j][i];
            }
            double eta = offset[i];
            for (int j = 0; j < k; j++) {
                eta += x[j] * b[j];
            }
            double s = Double.NaN;
            if (standardErrors || interval) {
                double v = 0;
                for (int a = 0; a < k; a++) {
                    if (aliased[a]) {
                        continue;
                    }
                    double acc = 0;
                    for (int c = 0; c < k; c++) {
                        if (!aliased[c]) {
                            acc += covariance[a][c] * x[c];
                        }
                    }
                    v += x[a] * acc;
                }
                s = Math.sqrt(Math.max(v, 0));
            }
            int r = rows[i];
            switch (type) {
                case LINK -> {
                    fit[r] = eta;
                    if (standardErrors) {
                        se[r] = s;
                    }
                    if (interval) {
                        lower[r] = eta - q * s;
                        upper[r] = eta + q * s;
                    }
                }
                case RESPONSE -> {
                    fit[r] = family.link().inverse(eta);
                    if (standardErrors) {
                        se[r] = Math.abs(family.link().derivative(eta)) * s;
                    }
                    if (interval) {
                        double lo = family.link().inverse(eta - q * s);
                        double hi = family.link().inverse(eta + q * s);
                        lower[r] = Math.min(lo, hi);
                        upper[r] = Math.max(lo, hi);
                    }
                }
                case CLASS -> fit[r] = family.link().inverse(eta) >= 0.5 ? 1 : 0;
                default -> throw new IllegalStateException();
            }
        }
        return new Predictions(type, fit, se, lower, upper, interval ? level : Double.NaN, fd.dropped());
    }

    /**
     * Predictions of a multinomial model for every row of {@code data}, in its order (rows whose
     * predictors are missing get NaN and a null class; with na_action "fail" an error naming the
     * first missing cell). RESPONSE: the probability of each class (one column per level); LINK:
     * the K-1 log-odds {@code log(p_k / p_1)} of each non-reference class against the reference,
     * {@code x' (b_k - b_1)} in the symmetric parametrization; CLASS: the most probable level
     * (the first on ties). Standard errors (RESPONSE only, MLE only) are the delta-method ones of
     * {@link MultinomialPrediction}.
     *
     * @param naAction replaces the model's missing-value action (null keeps it)
     * @throws UnsupportedOperationException for a GLM, for standard errors of a penalized model
     *     (no covariance) or of LINK / CLASS
     */
    public MultinomialPredictions predictMultinomial(CsvTable data, Type type, boolean standardErrors,
                                                     FrameOptions.NaAction naAction) {
        Objects.requireNonNull(type, "type");
        if (classLevels == null) {
            throw new UnsupportedOperationException("this is a " + family.name() + " model, not a multinomial one; use"
                    + " predict");
        }
        if (standardErrors && covariance == null) {
            throw new UnsupportedOperationException("this penalized multinomial model has no covariance (an L1 "
                    + "penalty: no Wald / Laplace standard errors), so there are no standard errors");
        }
        if (standardErrors && type != Type.RESPONSE) {
            throw new UnsupportedOperationException("standard errors are given for the class probabilities only: use"
                    + " type response");
        }
        ModelFrame applied = naAction == null ? this.frame : this.frame.withNaAction(naAction);
        FrameData fd = applied.newData(data);
        Dataset ds = fd.dataset();
        if (ds.hasOffset()) {
            throw new UnsupportedOperationException("a multinomial model has no offset term");
        }
        int k = coefficientNames.size();
        int classes = classLevels.size();
        double[] reference = new double[(classes - 1) * k];
        for (int c = 1; c < classes; c++) {
            for (int t = 0; t < k; t++) {
                // the symmetric coefficients as log-odds against the reference class
                reference[(c - 1) * k + t] = symmetric() ? coefficients[c * k + t] - coefficients[t]
                        : coefficients[(c - 1) * k + t];
            }
        }
        Design design = new Design(ds.x(), frame.intercept());
        Matrix cov = standardErrors ? Matrix.of(covariance) : null;
        MultinomialPrediction pred = MultinomialPrediction.of(classLevels, design, reference, cov);
        int n = data.rows();
        int[] rows = fd.rows();
        List<String> columns = switch (type) {
            case RESPONSE -> classLevels.levels();
            case LINK -> classLevels.levels().subList(1, classes);
            case CLASS -> List.of("class");
        };
        double[][] values = null;
        double[][] se = null;
        List<String> predicted = null;
        if (type == Type.CLASS) {
            predicted = new ArrayList<>(java.util.Collections.nCopies(n, (String) null));
            for (int i = 0; i < rows.length; i++) {
                predicted.set(rows[i], pred.classes().get(i));
            }
        } else {
            values = nanMatrix(n, columns.size());
            double[][] fitted;
            if (type == Type.RESPONSE) {
                fitted = pred.probabilities();
            } else {
                fitted = new double[rows.length][classes - 1];
                double[] block = new double[k];
                double[] eta = new double[rows.length];
                for (int c = 0; c < classes - 1; c++) {
                    System.arraycopy(reference, c * k, block, 0, k);
                    design.multiply(block, eta);
                    for (int i = 0; i < rows.length; i++) {
                        fitted[i][c] = eta[i];
                    }
                }
            }
            for (int i = 0; i < rows.length; i++) {
                values[rows[i]] = fitted[i];
            }
            if (standardErrors) {
                se = nanMatrix(n, classes);
                double[][] s = pred.standardErrors();
                for (int i = 0; i < rows.length; i++) {
                    se[rows[i]] = s[i];
                }
            }
        }
        return new MultinomialPredictions(type, columns, values, se, predicted, fd.dropped());
    }

    private static double[][] nanMatrix(int n, int cols) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = nan(cols);
        }
        return out;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    public String model() {
        return model;
    }

    /** The GLM family, or null for a multinomial model. */
    public Family family() {
        return family;
    }

    /** Whether this is a multinomial model (MLE or penalized). */
    public boolean isMultinomial() {
        return classLevels != null;
    }

    /** A multinomial model's classes in order (the first the reference); empty for a GLM. */
    public List<String> levels() {
        return classLevels == null ? List.of() : classLevels.levels();
    }

    /** Whether a penalized multinomial model's penalty is grouped (false otherwise). */
    public boolean grouped() {
        return grouped;
    }

    public ModelFrame frame() {
        return frame;
    }

    public List<String> coefficientNames() {
        return coefficientNames;
    }

    /** Coefficients, intercept first; NaN for aliased ones. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The covariance of the coefficients, or null (lasso). */
    public double[][] covariance() {
        if (covariance == null) {
            return null;
        }
        double[][] out = new double[covariance.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = covariance[i].clone();
        }
        return out;
    }

    public double dispersion() {
        return dispersion;
    }

    /** The version of argmax that wrote the file. */
    public String writtenBy() {
        return argmaxVersion;
    }

    /** The penalty's lambda (NaN for an unpenalized GLM). */
    public double lambda() {
        return lambda;
    }

    /** How lambda was chosen: "value", "lambda_min", "lambda_1se", or null for a GLM. */
    public String lambdaChoice() {
        return lambdaChoice;
    }

    public int observations() {
        return observations;
    }

    public int dropped() {
        return dropped;
    }
}
