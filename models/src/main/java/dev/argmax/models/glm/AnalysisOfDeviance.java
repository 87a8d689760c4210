package dev.argmax.models.glm;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.frame.Terms;
import dev.argmax.models.inference.AnovaTable;
import dev.argmax.models.inference.ChiSquareTail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Likelihood-ratio tests between nested GLMs, as R's {@code anova.glm} and {@code drop1.glm}.
 *
 * <ul>
 *   <li>{@link #anova}: for a model {@code reduced} nested in {@code full} (same family, link and
 *       rows; every formula term of the reduced model in the full model for fits from formulas,
 *       otherwise every column of the reduced model, intercept included, in the full model),
 *       the deviance difference {@code D0 - D1} on {@code df0 - df1} degrees of freedom. With the
 *       dispersion fixed at 1 (binomial, Poisson) the statistic is {@code D0 - D1} with a
 *       chi-square law ({@code test = "Chisq"}, R's "LRT"); with an estimated dispersion
 *       (Gaussian) it is {@code F = (D0 - D1) / (df0 - df1) / phi1} with phi1 the full model's
 *       Pearson dispersion and an F law on {@code (df0 - df1, df1)} ({@code test = "F"}).</li>
 *   <li>{@link #drop1}: each term refitted away (its design columns removed, the others kept as
 *       they are coded, as R's {@code drop1.glm}), with deviance, AIC and R's
 *       {@code test = "LRT"} statistic: {@code (D_-t - D) / phi} with the full model's dispersion
 *       phi (R names the statistic "LRT" when phi = 1, "scaled dev." otherwise, the Gaussian's too), or for the Gaussian
 *       family {@code n log(D_-t / D)} (the likelihood ratio with the variance profiled out, n the
 *       rows, counted by their frequencies); AIC as R: the full model's AIC plus the change in
 *       that statistic minus twice the term's degrees of freedom; chi-square p-values. For a fit
 *       from a formula the terms are the formula's that respect marginality (R's
 *       {@code drop.scope}: a factor or an interaction is one term with all its columns, and a
 *       term contained in a higher-order term is not dropped); otherwise each column.</li>
 * </ul>
 */
public final class AnalysisOfDeviance {

    private AnalysisOfDeviance() {
    }

    /**
     * R's {@code anova(reduced, full, test = "Chisq" / "F")}.
     *
     * @throws InvalidDataException if the models are not nested, differ in family, or were
     *     fitted to different rows
     */
    public static AnovaTable anova(FittedGlm reduced, FittedGlm full) {
        requireSameRows(reduced, full);
        if (reduced.frame().isPresent() && full.frame().isPresent()) {
            requireNestedTerms(reduced.frame().get(), full.frame().get());
        } else {
            requireNested(reduced, full);
        }
        int df0 = reduced.dfResidual();
        int df1 = full.dfResidual();
        double dev0 = reduced.deviance();
        double dev1 = full.deviance();
        int df = df0 - df1;
        double diff = dev0 - dev1;
        boolean f = full.family().estimatesDispersion();
        double statistic;
        double p;
        if (f) {
            double phi = full.dispersion();
            statistic = df == 0 ? Double.NaN : diff / df / phi;
            p = df == 0 ? Double.NaN : ChiSquareTail.f(statistic, df, df1);
        } else {
            statistic = Math.max(diff, 0);
            p = ChiSquareTail.chiSquare(statistic, df);
        }
        List<AnovaTable.Row> rows = List.of(
                new AnovaTable.Row("1", df0, dev0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                new AnovaTable.Row("2", df1, dev1, df, diff, Double.NaN, statistic, p));
        return new AnovaTable(f ? "F" : "Chisq", rows);
    }

    /**
     * R's {@code anova(glm(formula0, data), glm(formula1, data))} for two models given by
     * formulas, fitted to the same rows as R requires: the rows with a missing value in a column
     * either model uses are left out of both (or refused, with either model's {@code FAIL}
     * missing-value action). The models share the family; each keeps its own formula and frame
     * options (weights, frequency weights and offset must be the same columns).
     *
     * @throws InvalidDataException if a model has no formula, the families, responses, weights or
     *     offsets differ, or the reduced model's terms are not all in the full model
     */
    public static AnovaTable anova(Glm reduced, Glm full, CsvTable table) {
        FittedGlm[] fits = fitOnCommonRows(reduced, full, table);
        return anova(fits[0], fits[1]);
    }

    /**
     * The two formula models fitted to the rows complete in every column either uses (R's
     * requirement for {@code anova}); element 0 the first model's fit. Each fit keeps its frame,
     * and its {@link FittedGlm#dropped()} counts the rows left out for either model.
     *
     * @throws InvalidDataException if the responses or the weights, frequency weights or offset
     *     columns differ, or no row is complete
     */
    public static FittedGlm[] fitOnCommonRows(Glm reduced, Glm full, CsvTable table) {
        String f0 = reduced.formula().orElseThrow(() -> new IllegalArgumentException("the first model has no formula"));
        String f1 = full.formula().orElseThrow(() -> new IllegalArgumentException("the second model has no formula"));
        ModelFrame frame0 = ModelFrame.learn(f0, table, reduced.frameOptions());
        ModelFrame frame1 = ModelFrame.learn(f1, table, full.frameOptions());
        if (!frame0.responseLabel().equals(frame1.responseLabel())) {
            throw new InvalidDataException("the models have different responses (" + frame0.responseLabel() + " and "
                    + frame1.responseLabel() + "): their deviances cannot be compared");
        }
        FrameOptions o0 = reduced.frameOptions();
        FrameOptions o1 = full.frameOptions();
        if (!java.util.Objects.equals(o0.weights(), o1.weights())
                || !java.util.Objects.equals(o0.frequencyWeights(), o1.frequencyWeights())
                || !java.util.Objects.equals(o0.offset(), o1.offset())) {
            throw new InvalidDataException("the models must use the same weights, frequency weights and offset "
                    + "columns; got " + o0.specialColumns() + " and " + o1.specialColumns());
        }
        FrameData d0 = frame0.training(table);
        FrameData d1 = frame1.training(table);
        boolean[] in1 = new boolean[table.rows()];
        for (int r : d1.rows()) {
            in1[r] = true;
        }
        boolean[] in0 = new boolean[table.rows()];
        for (int r : d0.rows()) {
            in0[r] = true;
        }
        int[] rows0 = d0.rows();
        int[] rows1 = d1.rows();
        int[] keep0 = java.util.stream.IntStream.range(0, rows0.length).filter(i -> in1[rows0[i]]).toArray();
        int[] keep1 = java.util.stream.IntStream.range(0, rows1.length).filter(i -> in0[rows1[i]]).toArray();
        if (keep0.length == 0) {
            throw new InvalidDataException(table.source() + ": no row is complete in every column the two models use");
        }
        int dropped = table.rows() - keep0.length;
        Dataset data0 = keep0.length == rows0.length ? d0.dataset() : d0.dataset().subset(keep0);
        Dataset data1 = keep1.length == rows1.length ? d1.dataset() : d1.dataset().subset(keep1);
        FittedGlm fit0 = reduced.toBuilder().intercept(frame0.intercept()).build().fit(data0);
        FittedGlm fit1 = full.toBuilder().intercept(frame1.intercept()).build().fit(data1);
        fit0.attach(frame0, dropped);
        fit1.attach(frame1, dropped);
        return new FittedGlm[] {fit0, fit1};
    }

    /**
     * R's {@code drop1(fit, test = "LRT")}: for a fit from a formula, over the terms of R's
     * {@code drop.scope} (each with all its design columns); otherwise one term per predictor
     * column.
     */
    public static AnovaTable drop1(FittedGlm fit) {
        if (fit.frame().isPresent()) {
            return drop1(fit, formulaTerms(fit.frame().get()));
        }
        return drop1(fit, Term.perColumn(fit.data().predictorNames()));
    }

    /** The droppable terms of a frame (R's {@code drop.scope}) with their design columns (R's {@code assign}). */
    static List<Term> formulaTerms(ModelFrame frame) {
        Terms terms = frame.terms();
        int[] assign = frame.assign();
        List<Term> out = new ArrayList<>();
        for (int k : terms.dropScope()) {
            int[] cols = java.util.stream.IntStream.range(0, assign.length).filter(j -> assign[j] == k).toArray();
            out.add(new Term(terms.label(k), cols));
        }
        return out;
    }

    /**
     * R's {@code drop1(fit, test = "LRT")} over the given terms (each a set of predictor columns).
     * The intercept is never dropped.
     */
    public static AnovaTable drop1(FittedGlm fit, List<Term> terms) {
        Dataset data = fit.data();
        boolean gaussian = fit.family().name().equals("gaussian");
        double phi = fit.dispersion();
        // R's n = nrow(model.matrix): every row, each counted by its frequency
        double n = 0;
        for (double f : fit.frequencyWeights()) {
            n += f;
        }
        double dev = fit.deviance();
        double loglik0 = gaussian ? n * Math.log(dev / n) : dev / phi;
        List<AnovaTable.Row> rows = new ArrayList<>();
        rows.add(new AnovaTable.Row("<none>", Double.NaN, dev, Double.NaN, Double.NaN, fit.aic(), Double.NaN,
                Double.NaN));
        for (Term t : terms) {
            boolean[] drop = new boolean[data.columns()];
            for (int c : t.columns()) {
                if (c < 0 || c >= data.columns()) {
                    throw new InvalidDataException("term '" + t.name() + "' names column " + c + ", the data have "
                            + data.columns() + " predictors");
                }
                drop[c] = true;
            }
            int[] keep = java.util.stream.IntStream.range(0, data.columns()).filter(j -> !drop[j]).toArray();
            FittedGlm reduced = refit(fit, data.selectColumns(keep));
            double devT = reduced.deviance();
            int df = fit.rank() - reduced.rank();
            double loglik = gaussian ? n * Math.log(devT / n) : devT / phi;
            double lrt = Math.max(0, loglik - loglik0);
            double aic = fit.aic() + (loglik - loglik0) - 2 * df;
            rows.add(new AnovaTable.Row(t.name(), Double.NaN, devT, df, devT - dev, aic, lrt,
                    ChiSquareTail.chiSquare(lrt, df)));
        }
        return new AnovaTable(phi == 1 ? "LRT" : "scaled dev.", rows);
    }

    /** The same model (family, intercept, solver settings) fitted to other data. */
    static FittedGlm refit(FittedGlm fit, Dataset data) {
        if (data.columns() == 0 && !fit.model().hasIntercept()) {
            throw new InvalidDataException("dropping every column of a model without intercept leaves nothing to fit");
        }
        return fit.model().fit(data);
    }

    private static void requireSameRows(FittedGlm a, FittedGlm b) {
        if (!a.family().name().equals(b.family().name()) || a.link() != b.link()) {
            throw new InvalidDataException("models of different families cannot be compared by their deviance: "
                    + a.family().name() + " (" + a.link() + ") and " + b.family().name() + " (" + b.link() + ")");
        }
        Dataset da = a.data();
        Dataset db = b.data();
        if (da.rows() != db.rows() || !Arrays.equals(a.response(), b.response())
                || !Arrays.equals(a.priorWeights(), b.priorWeights())
                || !Arrays.equals(a.frequencyWeights(), b.frequencyWeights())
                || !Arrays.equals(da.offset(), db.offset())) {
            throw new InvalidDataException("the models were not fitted to the same rows (response, weights, "
                    + "frequency weights and offset must be identical): " + da.rows() + " and " + db.rows() + " rows"
                    + (a.frame().isPresent() && b.frame().isPresent() ? "; to fit two formulas on the rows complete in"
                    + " both, use AnalysisOfDeviance.anova(model0, model1, table)" : ""));
        }
    }

    /** Nested by formula terms: the reduced model's terms (as sets of variables) and intercept are the full model's. */
    private static void requireNestedTerms(ModelFrame reduced, ModelFrame full) {
        if (reduced.intercept() && !full.intercept()) {
            throw new InvalidDataException("the models are not nested: the first has an intercept, the second not");
        }
        List<java.util.Set<String>> fullTerms = full.terms().termVariables();
        List<java.util.Set<String>> reducedTerms = reduced.terms().termVariables();
        for (int k = 0; k < reducedTerms.size(); k++) {
            if (!fullTerms.contains(reducedTerms.get(k))) {
                throw new InvalidDataException("the models are not nested: term '" + reduced.terms().label(k)
                        + "' of the first model (" + reduced.formula().text() + ") is not a term of the second ("
                        + full.formula().text() + ")");
            }
        }
    }

    private static void requireNested(FittedGlm reduced, FittedGlm full) {
        if (reduced.model().hasIntercept() && !full.model().hasIntercept()) {
            throw new InvalidDataException("the models are not nested: the first has an intercept, the second not");
        }
        Dataset dr = reduced.data();
        Dataset df = full.data();
        List<String> fullNames = df.predictorNames();
        for (int j = 0; j < dr.columns(); j++) {
            String name = dr.predictorNames().get(j);
            int at = fullNames.indexOf(name);
            if (at < 0) {
                throw new InvalidDataException("the models are not nested: column '" + name
                        + "' of the first model is not in the second (" + String.join(", ", fullNames) + ")");
            }
            if (!Arrays.equals(dr.column(j), df.column(at))) {
                throw new InvalidDataException("the models are not nested: column '" + name
                        + "' has different values in the two models");
            }
        }
        if (reduced.rank() > full.rank()) {
            throw new InvalidDataException("the models are not nested: the first has more estimated coefficients ("
                    + reduced.rank() + ") than the second (" + full.rank() + ")");
        }
    }
}
