package dev.argmax.models.inference;

import java.util.List;
import java.util.Locale;

/**
 * An analysis-of-deviance table as R prints it for {@code anova(fit0, fit1, test = ...)} or
 * {@code drop1(fit, test = "LRT")}: one row per model (or per dropped term), with its residual
 * degrees of freedom and deviance, and, against the reference row, the difference in degrees of
 * freedom, the deviance difference, the test statistic and its p-value (NaN on the reference
 * row).
 *
 * @param test "Chisq" (likelihood ratio, chi-square law), "F" (F law, dispersion estimated),
 *     "LRT" (drop1's likelihood-ratio statistic) or "scaled dev." (drop1's deviance change over an
 *     estimated dispersion, as R names it)
 * @param rows the rows, the reference first for drop1 ("&lt;none&gt;")
 */
public record AnovaTable(String test, List<Row> rows) {

    /**
     * One row.
     *
     * @param label model or term label
     * @param dfResidual residual degrees of freedom (NaN in drop1 tables)
     * @param residualDeviance the row's model's deviance
     * @param df degrees of freedom of the difference (NaN on the reference row)
     * @param deviance deviance difference (NaN on the reference row)
     * @param aic AIC (drop1 only; NaN in anova tables)
     * @param statistic the test statistic (LR chi-square, or F)
     * @param pValue its upper-tail p-value
     */
    public record Row(String label, double dfResidual, double residualDeviance, double df, double deviance,
                      double aic, double statistic, double pValue) {
    }

    public AnovaTable {
        rows = List.copyOf(rows);
    }

    /**
     * The table in R's layout (fixed 6 significant digits, p-values with {@link RFormat#formatPValues}):
     * for {@code anova} the columns {@code Resid. Df, Resid. Dev, Df, Deviance}, then
     * {@code F, Pr(>F)} (test "F") or {@code Pr(>Chi)} (test "Chisq"); for {@code drop1} the
     * columns {@code Df, Deviance, AIC}, the statistic named by the test ("LRT" or
     * "scaled dev.") and {@code Pr(>Chi)}.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        boolean drop1 = rows.stream().anyMatch(r -> !Double.isNaN(r.aic()));
        boolean f = test.equals("F");
        int w = 4;
        for (Row r : rows) {
            w = Math.max(w, r.label().length());
        }
        String label = "%-" + w + "s";
        if (drop1) {
            sb.append(String.format(Locale.ROOT, label + " %4s %12s %12s %12s %10s%n", "", "Df", "Deviance", "AIC",
                    test, "Pr(>Chi)"));
        } else if (f) {
            sb.append(String.format(Locale.ROOT, label + " %10s %12s %4s %12s %12s %10s%n", "", "Resid. Df",
                    "Resid. Dev", "Df", "Deviance", "F", "Pr(>F)"));
        } else {
            sb.append(String.format(Locale.ROOT, label + " %10s %12s %4s %12s %10s%n", "", "Resid. Df",
                    "Resid. Dev", "Df", "Deviance", "Pr(>Chi)"));
        }
        for (Row r : rows) {
            String p = Double.isNaN(r.pValue()) ? "" : RFormat.formatPValues(new double[] {r.pValue()}, 4)[0].trim();
            if (drop1) {
                sb.append(String.format(Locale.ROOT, label + " %4s %12s %12s %12s %10s%n", r.label(), num(r.df(), 0),
                        num(r.residualDeviance(), 6), num(r.aic(), 6), num(r.statistic(), 6), p));
            } else if (f) {
                sb.append(String.format(Locale.ROOT, label + " %10s %12s %4s %12s %12s %10s%n", r.label(),
                        num(r.dfResidual(), 0), num(r.residualDeviance(), 6), num(r.df(), 0), num(r.deviance(), 6),
                        num(r.statistic(), 6), p));
            } else {
                sb.append(String.format(Locale.ROOT, label + " %10s %12s %4s %12s %10s%n", r.label(),
                        num(r.dfResidual(), 0), num(r.residualDeviance(), 6), num(r.df(), 0), num(r.deviance(), 6),
                        p));
            }
        }
        return sb.toString();
    }

    private static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "";
        }
        return digits == 0 ? String.format(Locale.ROOT, "%.0f", v) : RFormat.format(v, digits).trim();
    }

    @Override
    public String toString() {
        return format();
    }
}
