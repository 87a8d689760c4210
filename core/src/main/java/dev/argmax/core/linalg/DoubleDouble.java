package dev.argmax.core.linalg;

/**
 * Error-free transformations and double-double accumulation (about 32 significant digits),
 * used to compute residuals and inner products exactly enough for iterative refinement of
 * least-squares solutions.
 *
 * <p>{@code twoProduct} uses {@link Math#fma}: {@code a*b = p + e} exactly. {@code twoSum}
 * is Knuth's branch-free exact sum. An accumulator is a pair {@code (hi, lo)} with
 * {@code |lo| <= ulp(hi)/2}.
 */
public final class DoubleDouble {

    private double hi;
    private double lo;

    /** A zero accumulator. */
    public DoubleDouble() {
    }

    /** Sets the accumulator to {@code value}. */
    public DoubleDouble set(double value) {
        hi = value;
        lo = 0;
        return this;
    }

    /** Adds {@code a} exactly (up to the double-double format). */
    public DoubleDouble add(double a) {
        double s = hi + a;
        double bp = s - hi;
        double e = (hi - (s - bp)) + (a - bp);
        lo += e;
        hi = s + lo;
        lo = lo - (hi - s);
        return this;
    }

    /** Adds the exact product {@code a * b}. */
    public DoubleDouble addProduct(double a, double b) {
        double p = a * b;
        double e = Math.fma(a, b, -p);
        add(p);
        lo += e;
        double s = hi + lo;
        lo = lo - (s - hi);
        hi = s;
        return this;
    }

    /**
     * Adds {@code sum_i a[i] * (bHi[i] + bLo[i])} for a vector b held as a double-double pair: the
     * products with {@code bHi} exactly (error-free transformations), those with the trailing
     * part {@code bLo} in plain double (they are {@code 2^-53} smaller). Even and odd indices are
     * summed in two independent double-double chains (so that their additions overlap in the
     * processor), which are then added.
     */
    public DoubleDouble addDot(double[] a, double[] bHi, double[] bLo, int n) {
        double sh0 = 0;
        double sl0 = 0;
        double sh1 = 0;
        double sl1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double p0 = a[i] * bHi[i];
            double pe0 = Math.fma(a[i], bHi[i], -p0);
            double s0 = sh0 + p0;
            double bp0 = s0 - sh0;
            sl0 += (sh0 - (s0 - bp0)) + (p0 - bp0) + pe0 + a[i] * bLo[i];
            sh0 = s0;
            double p1 = a[i + 1] * bHi[i + 1];
            double pe1 = Math.fma(a[i + 1], bHi[i + 1], -p1);
            double s1 = sh1 + p1;
            double bp1 = s1 - sh1;
            sl1 += (sh1 - (s1 - bp1)) + (p1 - bp1) + pe1 + a[i + 1] * bLo[i + 1];
            sh1 = s1;
        }
        if (i < n) {
            double p0 = a[i] * bHi[i];
            double pe0 = Math.fma(a[i], bHi[i], -p0);
            double s0 = sh0 + p0;
            double bp0 = s0 - sh0;
            sl0 += (sh0 - (s0 - bp0)) + (p0 - bp0) + pe0 + a[i] * bLo[i];
            sh0 = s0;
        }
        add(sh0);
        add(sh1);
        add(sl0);
        return add(sl1);
    }

    /** The value rounded to double. */
    public double value() {
        return hi + lo;
    }

    /** The leading part. */
    public double hi() {
        return hi;
    }

    /** The trailing part. */
    public double lo() {
        return lo;
    }

    /**
     * Adds the exact products {@code a[i] * b} into the double-double vectors {@code (hi, lo)},
     * elementwise: the kernel of an extended-precision matrix-vector product, one column at a time.
     */
    public static void axpy(double b, double[] a, double[] hi, double[] lo, int n) {
        for (int i = 0; i < n; i++) {
            double p = a[i] * b;
            double pe = Math.fma(a[i], b, -p);
            double h = hi[i];
            double s = h + p;
            double bp = s - h;
            double e = (h - (s - bp)) + (p - bp) + pe + lo[i];
            double t = s + e;
            lo[i] = e - (t - s);
            hi[i] = t;
        }
    }

    /** {@code sum_i a[i] * b[i]} in double-double, rounded to double. */
    public static double dot(double[] a, double[] b, int n) {
        double sh = 0;
        double sl = 0;
        for (int i = 0; i < n; i++) {
            double p = a[i] * b[i];
            double pe = Math.fma(a[i], b[i], -p);
            double s = sh + p;
            double bp = s - sh;
            sl += (sh - (s - bp)) + (p - bp) + pe;
            sh = s;
        }
        return sh + sl;
    }
}
