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
 * @param test "Chisq" (likelihood ratio, chi-square law), "F" (F law, dispersion estimated) or
 *     "LRT" (drop1's likelihood-ratio statistic)
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

    /** The table in R's layout (fixed 6 significant digits, p-values with {@link RFormat#formatPValues}). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        boolean drop1 = rows.stream().anyMatch(r -> !Double.isNaN(r.aic()));
        if (drop1) {
            sb.append(String.format(Locale.ROOT, "%-16s %4s %12s %12s %12s %10s%n", "", "Df", "Deviance", "AIC",
                    test, "Pr(>Chi)"));
        } else {
            sb.append(String.format(Locale.ROOT, "%-16s %10s %12s %4s %12s %12s %10s%n", "", "Resid. Df",
                    "Resid. Dev", "Df", "Deviance", test.equals("F") ? "F" : "", test.equals("F") ? "Pr(>F)"
                            : "Pr(>Chi)"));
        }
        for (Row r : rows) {
            String p = Double.isNaN(r.pValue()) ? "" : RFormat.formatPValues(new double[] {r.pValue()}, 4)[0].trim();
            if (drop1) {
                sb.append(String.format(Locale.ROOT, "%-16s %4s %12s %12s %12s %10s%n", r.label(), num(r.df(), 0),
                        num(r.residualDeviance(), 6), num(r.aic(), 6), num(r.statistic(), 6), p));
            } else {
                sb.append(String.format(Locale.ROOT, "%-16s %10s %12s %4s %12s %12s %10s%n", r.label(),
                        num(r.dfResidual(), 0), num(r.residualDeviance(), 6), num(r.df(), 0), num(r.deviance(), 6),
                        test.equals("F") ? num(r.statistic(), 6) : "", p));
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
