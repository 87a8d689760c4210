package dev.argmax.models.frame;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.NativeArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A formula learned on training data, as R's model frame and {@code model.matrix}: the terms,
 * each variable's kind (numeric, factor with its levels and reference level, or the columns of
 * {@code poly}), how each factor of each term is coded, and the design's column names. It builds
 * the {@link Dataset} of the training data and, unchanged, of new data (prediction), so a saved
 * model scores new rows exactly as it was fitted.
 *
 * <p><b>Coding (R's rule).</b> A factor with L levels in a term is coded by L - 1 treatment
 * contrasts (0/1 columns for every level but the reference, named {@code <label><level>}) when the
 * term without that factor is the empty term or is contained in a term listed before it;
 * otherwise by L indicator columns (R's {@code TermCode}, "Statistical Models in S", p. 38).
 * Without an intercept, the first factor of the first term that has one is coded by indicators.
 * An interaction's columns are the products of its variables' columns, the first variable
 * varying fastest, named by joining the column names with {@code :}.
 *
 * <p><b>Missing values.</b> Every column the model uses (response, variables, offsets, weights)
 * is checked: with {@link FrameOptions.NaAction#OMIT} incomplete rows are dropped (R's
 * {@code na.omit}; {@link FrameData#dropped()} says how many), with {@code FAIL} the first
 * missing cell is named. Other columns never matter. A value that a transformation makes
 * non-finite from a complete row ({@code log(0)}) is an error naming the row.
 */
public final class ModelFrame {

    /** What a variable is. */
    public enum Kind { NUMERIC, FACTOR, COLUMNS }

    /**
     * One variable of the model.
     *
     * @param label R's label ({@code Sex}, {@code log(x)}, {@code poly(x, 2, raw = TRUE)})
     * @param kind numeric, factor or several columns
     * @param levels a factor's levels in R's order (empty otherwise)
     * @param reference index of a factor's reference level (0 otherwise)
     * @param columnSuffixes for {@code COLUMNS}: R's column names appended to the label ("1", "2")
     */
    public record Variable(String label, Kind kind, List<String> levels, int reference, List<String> columnSuffixes) {
        public Variable {
            levels = List.copyOf(levels);
            columnSuffixes = List.copyOf(columnSuffixes);
        }
    }

    private final Formula formula;
    private final FrameOptions options;
    private final List<String> trainingColumns;
    private final Terms terms;
    private final List<Variable> variables;
    private final List<boolean[]> contrasts;
    private final List<String> columnNames;

    private ModelFrame(Formula formula, FrameOptions options, List<String> trainingColumns, Terms terms,
                       List<Variable> variables, List<boolean[]> contrasts) {
        this.formula = formula;
        this.options = options;
        this.trainingColumns = List.copyOf(trainingColumns);
        this.terms = terms;
        this.variables = List.copyOf(variables);
        this.contrasts = contrasts.stream().map(boolean[]::clone).toList();
        this.columnNames = List.copyOf(names());
    }

    /**
     * Learns the frame of {@code formula} on {@code data}: expands the terms, reads each
     * variable's kind and factor levels (levels from every row of the file, as R's
     * {@code read.csv} makes them, before missing rows are dropped) and fixes the coding.
     *
     * @throws FormulaException for a syntax error, an unknown column or function, a factor with
     *     fewer than two levels, an unknown reference level
     */
    public static ModelFrame learn(String formula, CsvTable data, FrameOptions options) {
        return learn(Formula.parse(formula), data, options);
    }

    /** As {@link #learn(String, CsvTable, FrameOptions)} with a parsed formula. */
    public static ModelFrame learn(Formula formula, CsvTable data, FrameOptions options) {
        Objects.requireNonNull(data, "data");
        if (formula.response() == null) {
            throw new FormulaException("formula '" + formula.text() + "' has no response: write response ~ terms");
        }
        List<String> notInDot = new ArrayList<>(options.excluded());
        notInDot.addAll(options.specialColumns());
        Terms terms = Terms.of(formula, data.names(), notInDot);
        checkColumns(formula, terms, data, options);
        Evaluator ev = new Evaluator(data, formula.text());
        List<Variable> vars = new ArrayList<>();
        Map<String, String> refs = new HashMap<>(options.references());
        for (Expression e : terms.variables()) {
            String label = e.deparse();
            if (tableColumn(e, data) != null) {
                // a numeric column as it is: its kind needs none of its values
                vars.add(new Variable(label, Kind.NUMERIC, List.of(), 0, List.of()));
                continue;
            }
            Evaluator.Values v = ev.evaluate(e);
            if (v instanceof Evaluator.Factor f) {
                if (f.levels().size() < 2) {
                    throw new FormulaException("formula '" + formula.text() + "': factor " + label + " has "
                            + f.levels().size() + " level" + (f.levels().size() == 1 ? " (" + f.levels().get(0) + ")" : "")
                            + "; contrasts can be applied only to factors with 2 or more levels");
                }
                int ref = 0;
                String want = refs.remove(label);
                if (want != null) {
                    ref = f.levels().indexOf(want);
                    if (ref < 0) {
                        throw new FormulaException("reference level '" + want + "' of " + label
                                + " is not one of its levels " + f.levels());
                    }
                }
                vars.add(new Variable(label, Kind.FACTOR, f.levels(), ref, List.of()));
            } else if (v instanceof Evaluator.Columns c) {
                vars.add(new Variable(label, Kind.COLUMNS, List.of(), 0, c.names()));
            } else {
                vars.add(new Variable(label, Kind.NUMERIC, List.of(), 0, List.of()));
            }
        }
        if (!refs.isEmpty()) {
            throw new FormulaException("a reference level was given for " + refs.keySet()
                    + ", which is not a factor of the model (its factors are "
                    + vars.stream().filter(x -> x.kind() == Kind.FACTOR).map(Variable::label).toList() + ")");
        }
        return new ModelFrame(formula, options, data.names(), terms, vars, coding(terms, vars));
    }

    /**
     * Rebuilds a saved frame: the formula re-expanded on the training data's column names, with the
     * variables and codings that were learned then (checked against the expansion).
     */
    public static ModelFrame restore(String formula, FrameOptions options, List<String> trainingColumns,
                                     List<Variable> variables, List<boolean[]> contrasts) {
        Formula f = Formula.parse(formula);
        List<String> notInDot = new ArrayList<>(options.excluded());
        notInDot.addAll(options.specialColumns());
        Terms terms = Terms.of(f, trainingColumns, notInDot);
        if (terms.variables().size() != variables.size()) {
            throw new InvalidDataException("the saved frame lists " + variables.size() + " variables but formula '"
                    + formula + "' has " + terms.variables().size());
        }
        for (int v = 0; v < variables.size(); v++) {
            if (!terms.variables().get(v).deparse().equals(variables.get(v).label())) {
                throw new InvalidDataException("the saved frame's variable " + (v + 1) + " is '"
                        + variables.get(v).label() + "' but formula '" + formula + "' gives '"
                        + terms.variables().get(v).deparse() + "'");
            }
        }
        if (contrasts.size() != terms.terms().size()) {
            throw new InvalidDataException("the saved frame codes " + contrasts.size() + " terms but formula '"
                    + formula + "' has " + terms.terms().size());
        }
        return new ModelFrame(f, options, trainingColumns, terms, variables, contrasts);
    }

    private static void checkColumns(Formula formula, Terms terms, CsvTable data, FrameOptions options) {
        Set<String> used = new LinkedHashSet<>();
        Terms.columnsOf(formula.response(), used);
        for (Expression e : terms.variables()) {
            Terms.columnsOf(e, used);
        }
        for (Expression e : terms.offsets()) {
            Terms.columnsOf(e, used);
        }
        used.addAll(options.specialColumns());
        for (String c : used) {
            if (!data.names().contains(c)) {
                throw new FormulaException("formula '" + formula.text() + "': no column named '" + c
                        + "'; the columns are " + data.names());
            }
        }
    }

    /** R's TermCode: per term, per variable of the term, true = contrasts, false = indicator columns. */
    private static List<boolean[]> coding(Terms terms, List<Variable> vars) {
        List<boolean[]> out = new ArrayList<>();
        List<int[]> ts = terms.terms();
        for (int k = 0; k < ts.size(); k++) {
            int[] t = ts.get(k);
            boolean[] code = new boolean[t.length];
            for (int a = 0; a < t.length; a++) {
                Set<Integer> rest = new java.util.HashSet<>();
                for (int b = 0; b < t.length; b++) {
                    if (b != a) {
                        rest.add(t[b]);
                    }
                }
                boolean found = rest.isEmpty();
                for (int prev = 0; prev < k && !found; prev++) {
                    Set<Integer> p = new java.util.HashSet<>();
                    for (int v : ts.get(prev)) {
                        p.add(v);
                    }
                    found = p.containsAll(rest);
                }
                code[a] = found;
            }
            out.add(code);
        }
        if (!terms.intercept()) {
            outer:
            for (int k = 0; k < ts.size(); k++) {
                int[] t = ts.get(k);
                for (int a = 0; a < t.length; a++) {
                    if (vars.get(t[a]).kind() == Kind.FACTOR) {
                        out.get(k)[a] = false;
                        break outer;
                    }
                }
            }
        }
        return out;
    }

    /** The columns one variable contributes to a term, with their names. */
    private List<String> variableColumnNames(int v, boolean contrast) {
        Variable var = variables.get(v);
        List<String> out = new ArrayList<>();
        switch (var.kind()) {
            case NUMERIC -> out.add(var.label());
            case COLUMNS -> var.columnSuffixes().forEach(s -> out.add(var.label() + s));
            case FACTOR -> {
                for (int l = 0; l < var.levels().size(); l++) {
                    if (!contrast || l != var.reference()) {
                        out.add(var.label() + var.levels().get(l));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /**
     * R's {@code assign} attribute of the model matrix (without the intercept): for each design
     * column, the 0-based index of the term in {@link Terms#terms()} it belongs to.
     */
    public int[] assign() {
        int[] out = new int[columnNames.size()];
        int j = 0;
        for (int k = 0; k < terms.terms().size(); k++) {
            int[] t = terms.terms().get(k);
            int count = 1;
            for (int a = 0; a < t.length; a++) {
                count *= variableColumnNames(t[a], contrasts.get(k)[a]).size();
            }
            for (int c = 0; c < count; c++) {
                out[j++] = k;
            }
        }
        return out;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < terms.terms().size(); k++) {
            int[] t = terms.terms().get(k);
            List<String> acc = List.of("");
            for (int a = 0; a < t.length; a++) {
                List<String> cols = variableColumnNames(t[a], contrasts.get(k)[a]);
                List<String> next = new ArrayList<>();
                for (String c : cols) {
                    for (String prefix : acc) {
                        next.add(prefix.isEmpty() ? c : prefix + ":" + c);
                    }
                }
                acc = next;
            }
            names.addAll(acc);
        }
        return names;
    }

    public Formula formula() {
        return formula;
    }

    /** The same frame with another missing-value action (e.g. to refuse incomplete new data). */
    public ModelFrame withNaAction(FrameOptions.NaAction action) {
        return new ModelFrame(formula, options.withNaAction(action), trainingColumns, terms, variables, contrasts);
    }

    public FrameOptions options() {
        return options;
    }

    public Terms terms() {
        return terms;
    }

    /** The variables, in the order of {@link Terms#variables()}. */
    public List<Variable> variables() {
        return variables;
    }

    /** Per term, per variable of the term: true when coded by contrasts, false by indicators. */
    public List<boolean[]> contrasts() {
        return contrasts.stream().map(boolean[]::clone).toList();
    }

    /** The training data's column names (what {@code .} expanded to). */
    public List<String> trainingColumns() {
        return trainingColumns;
    }

    /** Whether the model has an intercept. */
    public boolean intercept() {
        return terms.intercept();
    }

    /** The design's column names (R's coefficient names without "(Intercept)"). */
    public List<String> columnNames() {
        return columnNames;
    }

    /** The response's label ({@code Days}, {@code cbind(s, f)}). */
    public String responseLabel() {
        return formula.response().deparse();
    }

    /**
     * The training data through the frame: response, design, weights and offset of the complete
     * rows.
     *
     * @throws InvalidDataException for a missing value with {@code FAIL}, a text response with
     *     more than two levels, non-finite transformed values, or no complete row
     */
    public FrameData training(CsvTable data) {
        return apply(data, true, false).data();
    }

    /**
     * The training data through the frame for a categorical response (a multinomial model): as
     * {@link #training(CsvTable)}, but the response is a factor of any number of levels, as
     * {@code nnet::multinom} makes it ({@code as.factor(model.response(mf))} after
     * {@code na.omit}): a text column's levels in R's sort order, a numeric column's distinct
     * values in numeric order labelled as R prints them, keeping only the levels that occur in the
     * complete rows. The dataset's response holds each row's 0-based index into those levels.
     *
     * @throws InvalidDataException for a missing value with {@code FAIL}, a response that is a
     *     matrix ({@code cbind}) or has fewer than two levels in the complete rows
     */
    public ClassFrameData trainingClasses(CsvTable data) {
        Applied a = apply(data, true, true);
        return new ClassFrameData(a.data(), a.classLevels(), a.textResponse());
    }

    /** The result of {@link #apply}: the data and, for a categorical response, its levels and whether it is text. */
    private record Applied(FrameData data, List<String> classLevels, boolean textResponse) {
    }

    /**
     * New data through the frame, for prediction: the design (and offset) of the rows whose
     * predictors are complete; {@link FrameData#rows()} says which rows those are. The response
     * is not read (the dataset's response is zeros). With {@code FAIL} a missing predictor is an
     * error naming it. A factor level the model was not trained on is an error naming the level.
     */
    public FrameData newData(CsvTable data) {
        return apply(data, false, false).data();
    }

    private Applied apply(CsvTable data, boolean training, boolean classes) {
        int n = data.rows();
        Evaluator ev = new Evaluator(data, formula.text());
        Set<String> used = new LinkedHashSet<>();
        if (training) {
            Terms.columnsOf(formula.response(), used);
        }
        for (Expression e : terms.variables()) {
            Terms.columnsOf(e, used);
        }
        for (Expression e : terms.offsets()) {
            Terms.columnsOf(e, used);
        }
        if (options.weights() != null && training) {
            used.add(options.weights());
        }
        if (options.frequencyWeights() != null && training) {
            used.add(options.frequencyWeights());
        }
        if (options.offset() != null) {
            used.add(options.offset());
        }
        for (String c : used) {
            if (!data.names().contains(c)) {
                throw new InvalidDataException(data.source() + " has no column '" + c + "', which the model uses ("
                        + formula.text() + "); its columns are " + data.names());
            }
        }
        boolean[] missing = new boolean[n];
        CsvTable.Cell first = null;
        for (String c : used) {
            var cell = data.firstMissing(c);
            if (cell.isEmpty()) {
                continue;
            }
            if (first == null || cell.get().row() < first.row()) {
                first = cell.get();
            }
            data.markMissing(c, missing);
        }
        if (first != null && options.naAction() == FrameOptions.NaAction.FAIL) {
            throw new InvalidDataException(data.missingValue(first).getMessage() + " (the model uses this column;"
                    + " missing values are refused: na.fail)");
        }
        // variables on every row, then checked and mapped to the training levels; a numeric
        // column as it is stays in the table until the design copies it (its values are finite
        // or missing: the reader refuses infinities)
        List<Object> values = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            String column = variables.get(v).kind() == Kind.NUMERIC ? tableColumn(terms.variables().get(v), data) : null;
            if (column != null) {
                values.add(new TableColumn(column));
                continue;
            }
            Evaluator.Values val = ev.evaluate(terms.variables().get(v));
            values.add(resolve(v, val, data, missing));
        }
        double[] offset = null;
        for (Expression e : terms.offsets()) {
            double[] o = ev.numeric(((Expression.Call) e).arguments().get(0).value());
            requireFinite(o, e.deparse(), data, missing);
            offset = add(offset, o);
        }
        if (options.offset() != null) {
            offset = add(offset, data.values(options.offset()));
        }
        double[] y = null;
        double[] weights = options.weights() != null && training ? data.values(options.weights()) : null;
        Evaluator.Factor classFactor = null;
        boolean textResponse = false;
        if (training && classes) {
            Expression r = formula.response();
            if (r instanceof Expression.Call c && c.function().equals("cbind")) {
                throw new FormulaException("formula '" + formula.text() + "': the response of a multinomial model is "
                        + "one column of class labels, not a matrix (" + r.deparse() + ")");
            }
            Evaluator.Values rv = ev.evaluate(r);
            if (rv instanceof Evaluator.Factor fac) {
                classFactor = fac;
                Expression inner = r;
                if (inner instanceof Expression.Call c && (c.function().equals("factor") || c.function().equals("as.factor"))
                        && c.arguments().size() == 1) {
                    inner = c.arguments().get(0).value();
                }
                textResponse = inner instanceof Expression.Name name && data.isText(name.name());
            } else if (rv instanceof Evaluator.Numeric num) {
                requireFinite(num.values(), r.deparse(), data, missing);
                classFactor = Evaluator.numericFactor(num.values(), null);
            } else {
                throw new FormulaException("formula '" + formula.text() + "': the response of a multinomial model is "
                        + "one column of class labels, not a matrix");
            }
        } else if (training) {
            Expression r = formula.response();
            if (r instanceof Expression.Call c && c.function().equals("cbind")) {
                if (c.arguments().size() != 2) {
                    throw new FormulaException("formula '" + formula.text() + "': cbind(successes, failures) takes two"
                            + " columns");
                }
                double[] s = ev.numeric(c.arguments().get(0).value());
                double[] f = ev.numeric(c.arguments().get(1).value());
                requireFinite(s, c.arguments().get(0).value().deparse(), data, missing);
                requireFinite(f, c.arguments().get(1).value().deparse(), data, missing);
                y = new double[n];
                double[] trials = new double[n];
                for (int i = 0; i < n; i++) {
                    trials[i] = s[i] + f[i];
                    y[i] = trials[i] > 0 ? s[i] / trials[i] : 0;
                    if (!missing[i] && (s[i] < 0 || f[i] < 0)) {
                        throw new InvalidDataException(data.source() + ": line " + data.line(i) + ": "
                                + c.deparse() + " has a negative count");
                    }
                }
                if (weights != null) {
                    for (int i = 0; i < n; i++) {
                        trials[i] *= weights[i];
                    }
                }
                weights = trials;
            } else {
                Evaluator.Values rv = ev.evaluate(r);
                if (rv instanceof Evaluator.Factor fac) {
                    if (fac.levels().size() != 2) {
                        throw new InvalidDataException("the response " + r.deparse() + " is text with "
                                + fac.levels().size() + " levels " + fac.levels() + "; a GLM needs numbers (or two "
                                + "levels for binomial: the first is 0, the second 1)");
                    }
                    y = new double[n];
                    for (int i = 0; i < n; i++) {
                        y[i] = fac.codes()[i];
                    }
                } else if (rv instanceof Evaluator.Numeric num) {
                    y = num.values();
                    requireFinite(y, r.deparse(), data, missing);
                } else {
                    throw new FormulaException("formula '" + formula.text() + "': the response cannot be a matrix");
                }
            }
        }
        int kept = 0;
        for (boolean m : missing) {
            if (!m) {
                kept++;
            }
        }
        int[] rows = new int[kept];
        int[] dropped = new int[n - kept];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (missing[i]) {
                dropped[b++] = i;
            } else {
                rows[a++] = i;
            }
        }
        if (kept == 0) {
            throw new InvalidDataException(data.source() + ": every one of its " + n + " rows has a missing value in a"
                    + " column the model uses (" + String.join(", ", used) + ")");
        }
        List<String> classLevels = null;
        if (classFactor != null) {
            classLevels = new ArrayList<>();
            int[] present = new int[classFactor.levels().size()];
            Arrays.fill(present, -1);
            for (int i : rows) {
                present[classFactor.codes()[i]] = 0;
            }
            for (int l = 0; l < present.length; l++) {
                if (present[l] == 0) {
                    present[l] = classLevels.size();
                    classLevels.add(classFactor.levels().get(l));
                }
            }
            y = new double[n];
            for (int i : rows) {
                y[i] = present[classFactor.codes()[i]];
            }
        }
        double[] frequencies = options.frequencyWeights() != null && training
                ? pick(data.values(options.frequencyWeights()), rows) : null;
        // the last reads of the table: the design's columns (a handed-over table frees each
        // column after its last use, then every column)
        INDArray x = design(values, rows, kept == n, data);
        if (data.handedOver()) {
            data.releaseAll();
        }
        Dataset.Builder b = Dataset.builder().x(x)
                .y(training ? pick(y, rows) : new double[kept])
                .predictorNames(columnNames)
                .responseName(training ? responseLabel() : "(new data)");
        if (weights != null) {
            b.weights(pick(weights, rows));
        }
        if (offset != null) {
            b.offset(pick(offset, rows));
        }
        if (frequencies != null) {
            b.frequencyWeights(frequencies);
        }
        return new Applied(new FrameData(b.build(), rows, dropped), classLevels, textResponse);
    }

    /** Checks a variable's values on the complete rows and puts factor codes on the training levels. */
    private Object resolve(int v, Evaluator.Values val, CsvTable data, boolean[] missing) {
        Variable var = variables.get(v);
        String label = var.label();
        switch (var.kind()) {
            case NUMERIC -> {
                if (!(val instanceof Evaluator.Numeric num)) {
                    throw new InvalidDataException(label + " was numeric in the training data but is text in "
                            + data.source());
                }
                requireFinite(num.values(), label, data, missing);
                return num.values();
            }
            case COLUMNS -> {
                Evaluator.Columns c = (Evaluator.Columns) val;
                for (double[] col : c.columns()) {
                    requireFinite(col, label, data, missing);
                }
                return c.columns();
            }
            case FACTOR -> {
                Evaluator.Factor f;
                if (val instanceof Evaluator.Factor ff) {
                    f = ff;
                } else if (val instanceof Evaluator.Numeric num) {
                    f = Evaluator.numericFactor(num.values(), null);
                } else {
                    throw new InvalidDataException(label + " is a factor in the model but a matrix in " + data.source());
                }
                Map<String, Integer> index = new HashMap<>();
                for (int l = 0; l < var.levels().size(); l++) {
                    index.put(var.levels().get(l), l);
                }
                int[] map = new int[f.levels().size()];
                for (int l = 0; l < map.length; l++) {
                    Integer k = index.get(f.levels().get(l));
                    map[l] = k == null ? -1 : k;
                }
                int[] codes = new int[f.codes().length];
                for (int i = 0; i < codes.length; i++) {
                    int c = f.codes()[i];
                    if (c < 0 || missing[i]) {
                        codes[i] = -1;
                        continue;
                    }
                    if (map[c] < 0) {
                        throw new InvalidDataException(data.source() + ": level '" + f.levels().get(c) + "' of "
                                + label + " at line " + data.line(i) + " was not in the data the model was fitted to"
                                + " (its levels are " + var.levels() + ")");
                    }
                    codes[i] = map[c];
                }
                return codes;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void requireFinite(double[] v, String label, CsvTable data, boolean[] missing) {
        for (int i = 0; i < v.length; i++) {
            if (!missing[i] && !Double.isFinite(v[i])) {
                throw new InvalidDataException(data.source() + ": " + label + " is " + RNumbers.format(v[i])
                        + " at line " + data.line(i) + " (a value the model cannot use; R's glm stops with "
                        + "'NA/NaN/Inf in x')");
            }
        }
    }

    private static double[] add(double[] acc, double[] o) {
        if (acc == null) {
            return o.clone();
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += o[i];
        }
        return acc;
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    /**
     * The column-major design of the kept rows, written column by column into native memory: a
     * numeric column of the table that is a term by itself is copied native to native (one
     * {@code memcpy} when every row is kept); other columns are formed on the heap, one at a time.
     * A handed-over table has each column freed after its last use here.
     */
    private INDArray design(List<Object> values, int[] rows, boolean allRows, CsvTable data) {
        int m = rows.length;
        INDArray x = NativeArrays.lazyMatrix(m, columnNames.size());
        DoublePointer p = NativeArrays.pointer(x);
        Map<String, Integer> uses = new HashMap<>();
        for (int[] t : terms.terms()) {
            for (int v : t) {
                if (values.get(v) instanceof TableColumn c) {
                    uses.merge(c.name(), 1, Integer::sum);
                }
            }
        }
        double[] col = null;
        int j = 0;
        for (int k = 0; k < terms.terms().size(); k++) {
            int[] t = terms.terms().get(k);
            boolean[] code = contrasts.get(k);
            if (t.length == 1 && values.get(t[0]) instanceof TableColumn c) {
                data.copyValues(c.name(), allRows ? null : rows, new DoublePointer(p).position(p.position() + (long) j * m));
                j++;
            } else {
                // the columns of each variable of the term, then every product (first variable fastest)
                List<List<double[]>> parts = new ArrayList<>();
                for (int a = 0; a < t.length; a++) {
                    parts.add(variableColumns(t[a], code[a], values.get(t[a]), rows, data));
                }
                int[] counter = new int[t.length];
                int total = 1;
                for (List<double[]> part : parts) {
                    total *= part.size();
                }
                if (col == null) {
                    col = new double[m];
                }
                for (int c = 0; c < total; c++) {
                    Arrays.fill(col, 1.0);
                    for (int a = 0; a < t.length; a++) {
                        double[] v = parts.get(a).get(counter[a]);
                        for (int i = 0; i < m; i++) {
                            col[i] *= v[i];
                        }
                    }
                    NativeArrays.putColumn(p, m, j++, col);
                    for (int a = 0; a < t.length; a++) {
                        if (++counter[a] < parts.get(a).size()) {
                            break;
                        }
                        counter[a] = 0;
                    }
                }
            }
            for (int v : t) {
                if (values.get(v) instanceof TableColumn c && uses.merge(c.name(), -1, Integer::sum) == 0
                        && data.handedOver()) {
                    data.release(c.name());
                }
            }
        }
        return x;
    }

    /** A variable that is a numeric column of the table as it is, read by the design straight from the table. */
    private record TableColumn(String name) {
    }

    /** The column a variable is when it is a numeric column of {@code data} as it is (its name), else null. */
    private static String tableColumn(Expression e, CsvTable data) {
        return e instanceof Expression.Name n && data.names().contains(n.name()) && !data.isText(n.name())
                ? n.name() : null;
    }

    private List<double[]> variableColumns(int v, boolean contrast, Object value, int[] rows, CsvTable data) {
        Variable var = variables.get(v);
        List<double[]> out = new ArrayList<>();
        switch (var.kind()) {
            case NUMERIC -> out.add(pick(value instanceof TableColumn c ? data.values(c.name()) : (double[]) value,
                    rows));
            case COLUMNS -> {
                for (double[] c : (double[][]) value) {
                    out.add(pick(c, rows));
                }
            }
            case FACTOR -> {
                int[] codes = (int[]) value;
                for (int l = 0; l < var.levels().size(); l++) {
                    if (contrast && l == var.reference()) {
                        continue;
                    }
                    double[] d = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        d[i] = codes[rows[i]] == l ? 1.0 : 0.0;
                    }
                    out.add(d);
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    @Override
    public String toString() {
        return "ModelFrame[" + formula.text() + " -> " + columnNames + (intercept() ? " + (Intercept)" : "") + "]";
    }
}
