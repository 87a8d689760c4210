package dev.argmax.models.inference;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities of the chi-square and F laws computed from the regularized incomplete
 * gamma and beta functions directly (no {@code 1 - cdf} cancellation in the far tail), as R's
 * {@code pchisq(x, df, lower.tail = FALSE)} and {@code pf(f, df1, df2, lower.tail = FALSE)}.
 */
public final class ChiSquareTail {

    private ChiSquareTail() {
    }

    /** {@code P(X >= x)} for X chi-square with df degrees of freedom; df = 0 is the point mass at 0. */
    public static double chiSquare(double x, double df) {
        if (Double.isNaN(x) || Double.isNaN(df)) {
            return Double.NaN;
        }
        if (df == 0) {
            return x > 0 ? 0 : 1;
        }
        if (x <= 0) {
            return 1;
        }
        return Gamma.regularizedGammaQ(df / 2, x / 2, 1e-15, 100_000);
    }

    /** {@code P(F >= f)} for F with (df1, df2) degrees of freedom: {@code I_{df2/(df2 + df1 f)}(df2/2, df1/2)}. */
    public static double f(double f, double df1, double df2) {
        if (Double.isNaN(f) || Double.isNaN(df1) || Double.isNaN(df2)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1;
        }
        return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2, 1e-15, 100_000);
    }
}
