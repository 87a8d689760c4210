package dev.argmax.models.inference;

import dev.argmax.core.data.Checks;
import java.util.List;

/**
 * Wald inference on a coefficient vector: estimates, standard errors, statistics
 * {@code estimate / SE}, two-sided p-values under a {@link ReferenceDistribution}, and Wald
 * confidence intervals {@code estimate -/+ q SE}. Aliased coefficients are NaN throughout (R's
 * NA).
 *
 * @param names coefficient names, intercept first as "(Intercept)"
 * @param estimates the estimates
 * @param standardErrors their standard errors
 * @param reference the law of the statistics
 */
public record CoefficientTable(List<String> names, double[] estimates, double[] standardErrors,
                               ReferenceDistribution reference) {

    public CoefficientTable {
        names = List.copyOf(names);
        estimates = estimates.clone();
        standardErrors = standardErrors.clone();
        if (names.size() != estimates.length || estimates.length != standardErrors.length) {
            throw new IllegalArgumentException("names, estimates and standard errors differ in length");
        }
    }

    @Override
    public double[] estimates() {
        return estimates.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /** {@code estimate / SE} ("z value" or "t value"). */
    public double[] statistics() {
        double[] s = new double[estimates.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = estimates[j] / standardErrors[j];
        }
        return s;
    }

    /** Two-sided p-values of the statistics. */
    public double[] pValues() {
        double[] s = statistics();
        double[] p = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            p[j] = reference.twoSidedPValue(s[j]);
        }
        return p;
    }

    /**
     * Wald confidence intervals at {@code level}: rows {@code [lower, upper]} =
     * {@code estimate -/+ q SE} with q the {@code (1 + level)/2} quantile of the reference law.
     */
    public double[][] confidenceIntervals(double level) {
        Checks.requireOpenUnitInterval(level, "confidence level");
        double q = reference.quantile(0.5 + level / 2);
        double[][] ci = new double[estimates.length][2];
        for (int j = 0; j < ci.length; j++) {
            ci[j][0] = estimates[j] - q * standardErrors[j];
            ci[j][1] = estimates[j] + q * standardErrors[j];
        }
        return ci;
    }

    /** The statistic's column header as R prints it, "z value" or "t value". */
    public String statisticHeader() {
        return reference.statisticName() + " value";
    }

    /**
     * The table as R's {@code printCoefmat} prints it in {@code summary(glm)} (4 significant
     * digits, statistics rounded to 3 decimals, {@code format.pval}, significance stars when any
     * p &lt; 0.1), followed by the legend.
     */
    public String format() {
        int digits = 4;
        int k = estimates.length;
        double[] coefSe = new double[2 * k];
        double minAbs = Double.POSITIVE_INFINITY;
        double maxAbs = 0;
        for (int j = 0; j < k; j++) {
            coefSe[j] = estimates[j];
            coefSe[k + j] = standardErrors[j];
        }
        for (double v : coefSe) {
            if (Double.isFinite(v) && v != 0) {
                minAbs = Math.min(minAbs, Math.abs(v));
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        int decimals = 1;
        if (maxAbs > 0) {
            int digMinLow = 1 + (int) Math.floor(Math.log10(minAbs));
            int digMinHigh = 1 + (int) Math.floor(Math.log10(maxAbs));
            decimals = Math.max(1, Math.max(digits - digMinLow, digits - digMinHigh));
        }
        double[] rounded = new double[2 * k];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = round(coefSe[i], decimals);
        }
        String[] cs = RFormat.format(rounded, digits);
        for (int i = 0; i < cs.length; i++) {
            if (Double.isFinite(coefSe[i]) && (coefSe[i] == 0) != (Double.parseDouble(cs[i].trim()) == 0)) {
                cs[i] = RFormat.format(coefSe[i], digits - 1);
            }
        }
        double[] stats = statistics();
        double[] roundedStats = new double[k];
        for (int j = 0; j < k; j++) {
            roundedStats[j] = round(stats[j], 3);
        }
        String[] ts = RFormat.format(roundedStats, digits);
        double[] p = pValues();
        String[] ps = RFormat.formatPValues(p, 3);
        boolean stars = false;
        for (double v : p) {
            stars |= v < 0.1;
        }
        String[] header = {"", "Estimate", "Std. Error", statisticHeader(), "Pr(>|" + reference.statisticName() + "|)"};
        int starWidth = 0;
        for (double v : p) {
            starWidth = Math.max(starWidth, RFormat.stars(v).length());
        }
        String[][] cells = new String[k][stars ? 6 : 5];
        for (int j = 0; j < k; j++) {
            cells[j][0] = names.get(j);
            cells[j][1] = cs[j].trim();
            cells[j][2] = cs[k + j].trim();
            cells[j][3] = ts[j].trim();
            cells[j][4] = ps[j].trim();
            if (stars) {
                // R's format(Signif): left-justified to the widest code present
                String code = RFormat.stars(p[j]);
                cells[j][5] = code + " ".repeat(starWidth - code.length());
            }
        }
        int cols = cells.length == 0 ? header.length : cells[0].length;
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = c < header.length ? header[c].length() : 0;
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            String h = c < header.length ? header[c] : "";
            if (c == 0) {
                sb.append(h).append(" ".repeat(width[0] - h.length()));
            } else {
                sb.append(' ').append(" ".repeat(width[c] - h.length())).append(h);
            }
        }
        sb.append('\n');
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) {
                if (c == 0) {
                    sb.append(row[0]).append(" ".repeat(width[0] - row[0].length()));
                } else {
                    sb.append(' ').append(" ".repeat(width[c] - row[c].length())).append(row[c]);
                }
            }
            sb.append('\n');
        }
        if (stars) {
            sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        }
        return sb.toString();
    }

    /** R's {@code round(x, d)}: to d decimals, half to even on the decimal value. */
    private static double round(double x, int d) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).setScale(d, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
