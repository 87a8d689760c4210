package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
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
 *       rows; every column of the reduced model, intercept included, also in the full model),
 *       the deviance difference {@code D0 - D1} on {@code df0 - df1} degrees of freedom. With the
 *       dispersion fixed at 1 (binomial, Poisson) the statistic is {@code D0 - D1} with a
 *       chi-square law ({@code test = "Chisq"}, R's "LRT"); with an estimated dispersion
 *       (Gaussian) it is {@code F = (D0 - D1) / (df0 - df1) / phi1} with phi1 the full model's
 *       Pearson dispersion and an F law on {@code (df0 - df1, df1)} ({@code test = "F"}).</li>
 *   <li>{@link #drop1}: each term refitted away, with deviance, AIC and R's {@code test = "LRT"}
 *       statistic: {@code D_-t - D} (dispersion 1), or for the Gaussian family
 *       {@code n log(D_-t / D)} (the likelihood ratio with the variance profiled out, n the rows);
 *       AIC as R: the full model's AIC plus the change in {@code -2 loglik} minus twice the term's
 *       degrees of freedom; chi-square p-values.</li>
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
        requireNested(reduced, full);
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

    /** R's {@code drop1(fit, test = "LRT")} with one term per predictor column. */
    public static AnovaTable drop1(FittedGlm fit) {
        return drop1(fit, Term.perColumn(fit.data().predictorNames()));
    }

    /**
     * R's {@code drop1(fit, test = "LRT")} over the given terms (each a set of predictor columns).
     * The intercept is never dropped.
     */
    public static AnovaTable drop1(FittedGlm fit, List<Term> terms) {
        Dataset data = fit.data();
        boolean gaussian = fit.family().estimatesDispersion();
        int n = data.rows();
        double dev = fit.deviance();
        double loglik0 = gaussian ? n * Math.log(dev / n) : dev;
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
            double loglik = gaussian ? n * Math.log(devT / n) : devT;
            double lrt = Math.max(0, loglik - loglik0);
            double aic = fit.aic() + (loglik - loglik0) - 2 * df;
            rows.add(new AnovaTable.Row(t.name(), Double.NaN, devT, df, devT - dev, aic, lrt,
                    ChiSquareTail.chiSquare(lrt, df)));
        }
        return new AnovaTable("LRT", rows);
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
                    + "frequency weights and offset must be identical): " + da.rows() + " and " + db.rows() + " rows");
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
