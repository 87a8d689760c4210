package dev.argmax.models.frame;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers written as R writes them with its default {@code digits = 7} in {@code deparse} and
 * 15 significant digits in {@code as.character}: the fewest significant digits (at most 15) that
 * give the value back, fixed notation unless scientific notation is shorter
 * ({@code 100000} is {@code 1e+05}, {@code 123456} stays, {@code 0.0001} is {@code 1e-04}).
 */
final class RNumbers {

    private RNumbers() {
    }

    /** R's {@code as.character(x)} for a finite double. */
    static String format(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(15)).stripTrailingZeros();
        String fixed = d.toPlainString();
        int digits = d.precision();
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.unscaledValue().abs().toString();
        StringBuilder sci = new StringBuilder();
        if (x < 0) {
            sci.append('-');
        }
        sci.append(mantissa.charAt(0));
        if (digits > 1) {
            sci.append('.').append(mantissa, 1, mantissa.length());
        }
        sci.append('e').append(exponent < 0 ? '-' : '+');
        int ae = Math.abs(exponent);
        if (ae < 10) {
            sci.append('0');
        }
        sci.append(ae);
        return fixed.length() <= sci.length() ? fixed : sci.toString();
    }
}
