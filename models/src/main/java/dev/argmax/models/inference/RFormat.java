package dev.argmax.models.inference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * R's number formatting, so that a summary reads exactly like R's: {@code format(x, digits = d)}
 * for a vector (one common layout: every element shown with at least d significant digits where
 * needed, the same number of decimals for all, fixed notation unless scientific is narrower, as
 * R's {@code formatReal} with {@code scipen = 0}), and {@code format.pval}.
 */
public final class RFormat {

    private RFormat() {
    }

    /** Significant digits and decimal exponent of |x| rounded to {@code digits} significant digits. */
    private record Sci(int nsig, int kpower) {
    }

    private static Sci scientific(double x, int digits) {
        if (x == 0) {
            return new Sci(1, 0);
        }
        BigDecimal b = new BigDecimal(Math.abs(x)).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        BigDecimal s = b.stripTrailingZeros();
        int nsig = s.precision();
        int kpower = s.precision() - s.scale() - 1;
        return new Sci(nsig, kpower);
    }

    /**
     * {@code format(x, digits)} for a vector, all elements padded to a common width. Non-finite
     * values print as R does ("NA" for NaN, "Inf", "-Inf") and do not take part in the layout.
     */
    public static String[] format(double[] x, int digits) {
        boolean neg = false;
        int mxsl = 1;
        int rgt = 0;
        int mxns = 1;
        int mxe = 1;
        boolean any = false;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                continue;
            }
            any = true;
            Sci s = scientific(v, digits);
            neg |= v < 0;
            int left = s.kpower() + 1;
            mxsl = Math.max(mxsl, Math.max(left, 1));
            rgt = Math.max(rgt, Math.max(0, s.nsig() - s.kpower() - 1));
            mxns = Math.max(mxns, s.nsig());
            mxe = Math.max(mxe, Math.abs(s.kpower()) >= 100 ? 3 : 2);
        }
        String[] out = new String[x.length];
        if (!any) {
            for (int i = 0; i < x.length; i++) {
                out[i] = nonFinite(x[i]);
            }
            return pad(out);
        }
        int fixedWidth = (neg ? 1 : 0) + mxsl + (rgt > 0 ? rgt + 1 : 0);
        int sciWidth = (neg ? 1 : 0) + (mxns > 1 ? mxns + 1 : mxns) + 2 + mxe;
        boolean fixed = fixedWidth <= sciWidth;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) {
                out[i] = nonFinite(v);
            } else if (fixed) {
                out[i] = String.format(Locale.ROOT, "%." + rgt + "f", v);
            } else {
                out[i] = sciString(v, mxns - 1);
            }
        }
        return pad(out);
    }

    /** {@code format(x, digits)} for one number. */
    public static String format(double x, int digits) {
        return format(new double[] {x}, digits)[0];
    }

    private static String sciString(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "e", v);
        // Java writes e-05 / e+10 like C; R does too
        return s;
    }

    private static String nonFinite(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        return v > 0 ? "Inf" : "-Inf";
    }

    private static String[] pad(String[] s) {
        int w = 0;
        for (String v : s) {
            w = Math.max(w, v.length());
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = " ".repeat(w - s[i].length()) + s[i];
        }
        return s;
    }

    /**
     * R's {@code format.pval(pv, digits)} with {@code eps = .Machine$double.eps}: p-values of
     * at least 1e-3 in one fixed layout, smaller ones in their own, and values below machine
     * epsilon as {@code "<2e-16"}. NaN prints as "NA".
     */
    public static String[] formatPValues(double[] p, int digits) {
        double eps = Math.ulp(1.0);
        String[] out = new String[p.length];
        int nFix = 0;
        int nSmall = 0;
        boolean anyZero = false;
        for (double v : p) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < eps) {
                anyZero = true;
            } else if (Math.floor(Math.log10(v > 0 ? v : 1e-50)) >= -3) {
                nFix++;
            } else {
                nSmall++;
            }
        }
        double[] fix = new double[nFix];
        double[] small = new double[nSmall];
        int a = 0;
        int b = 0;
        for (double v : p) {
            if (Double.isNaN(v) || v < eps) {
                continue;
            }
            if (Math.floor(Math.log10(v)) >= -3) {
                fix[a++] = v;
            } else {
                small[b++] = v;
            }
        }
        String[] fixS = nFix > 0 ? format(fix, digits) : new String[0];
        String[] smallS = nSmall > 0 ? format(small, digits) : new String[0];
        int nc = 0;
        for (String s : fixS) {
            nc = Math.max(nc, s.length());
        }
        for (String s : smallS) {
            nc = Math.max(nc, s.length());
        }
        String zero = null;
        if (anyZero) {
            int d = Math.max(1, digits - 2);
            String sep;
            if (nFix + nSmall > 0) {
                if (d > 1 && d + 6 > nc) {
                    d = Math.max(1, nc - 7);
                }
                sep = d == 1 && nc <= 6 ? "" : " ";
            } else {
                sep = d == 1 ? "" : " ";
            }
            zero = "<" + sep + format(eps, d).trim();
        }
        a = 0;
        b = 0;
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            if (Double.isNaN(v)) {
                out[i] = "NA";
            } else if (v < eps) {
                out[i] = zero;
            } else if (Math.floor(Math.log10(v)) >= -3) {
                out[i] = fixS[a++];
            } else {
                out[i] = smallS[b++];
            }
        }
        return out;
    }

    /** R's significance codes: {@code ***} p &lt;= 0.001, {@code **} &lt;= 0.01, {@code *} &lt;= 0.05, {@code .} &lt;= 0.1. */
    public static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        if (p <= 0.001) {
            return "***";
        }
        if (p <= 0.01) {
            return "**";
        }
        if (p <= 0.05) {
            return "*";
        }
        if (p <= 0.1) {
            return ".";
        }
        return " ";
    }
}
