package dev.argmax.core.objective;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The multinomial logit (softmax, cross-entropy) loss of K classes, a datafit with a
 * vector-valued linear predictor ({@link Datafit#predictorColumns()} {@code = m}):
 *
 * <pre>
 *   l(y_i, eta_i) = log sum_k exp(eta_ik) - eta_i,y_i,      p_ik = exp(eta_ik) / sum_l exp(eta_il)
 * </pre>
 *
 * in one of two parametrizations:
 * <ul>
 *   <li>{@link Parametrization#REFERENCE}: {@code m = K - 1}, class 0 is the reference with
 *       {@code eta_i0 = 0} and column c of eta is class c + 1 ({@code nnet::multinom}, the MLE);</li>
 *   <li>{@link Parametrization#SYMMETRIC}: {@code m = K}, one column per class (glmnet's
 *       multinomial family; the loss depends only on differences between columns, so a penalty
 *       or a constraint identifies the coefficients).</li>
 * </ul>
 *
 * Per observation, with {@code e_c} the indicator of the observed class among the m columns:
 * gradient {@code (w_i / W)(p_ic - e_c)}, Hessian block {@code (w_i / W)(diag(p_i) - p_i p_i')}
 * (restricted to the m columns), whose largest eigenvalue is at most 1/2 (Böhning's bound), the
 * curvature bound. The loss is computed as {@code max + log sum exp(eta - max)} so that no
 * exponential overflows. The saturated model fits every observation exactly, so
 * {@link #saturatedValue()} is 0 and the deviance is {@code -2 loglik = 2 sum_i w_i l_i}.
 */
public final class MultinomialDatafit implements Datafit {

    /** How the K classes map to the columns of eta. */
    public enum Parametrization {
        /** K - 1 columns, class 0 the reference (eta = 0). */
        REFERENCE,
        /** K columns, one per class. */
        SYMMETRIC
    }

    private final int[] y;
    private final double[] w;
    private final double weightSum;
    private final int classes;
    private final Parametrization parametrization;
    private final int m;
    private final int shift;

    /**
     * @param y the observed class of each observation, 0..K-1
     * @param classes K, at least 2
     * @param weights observation (frequency) weights, non-negative, or null for unit weights
     * @param parametrization reference class or symmetric
     */
    public MultinomialDatafit(int[] y, int classes, double[] weights, Parametrization parametrization) {
        if (classes < 2) {
            throw new InvalidDataException("a multinomial response needs at least 2 classes, got " + classes);
        }
        if (y.length == 0) {
            throw new InvalidDataException("the response is empty");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new InvalidDataException("class index " + y[i] + " at row " + (i + 1) + " is outside 0.."
                        + (classes - 1));
            }
        }
        this.y = y.clone();
        this.w = Checks.weightsOrUnit(weights, y.length, "weights");
        double s = 0;
        for (double v : this.w) {
            s += v;
        }
        this.weightSum = s;
        this.classes = classes;
        this.parametrization = parametrization;
        this.m = parametrization == Parametrization.REFERENCE ? classes - 1 : classes;
        this.shift = parametrization == Parametrization.REFERENCE ? 1 : 0;
    }

    /** Number of classes K. */
    public int classes() {
        return classes;
    }

    public Parametrization parametrization() {
        return parametrization;
    }

    /** The observed classes (0-based). */
    public int[] response() {
        return y.clone();
    }

    /** The observation weights as given (unit weights when none were). */
    public double[] weights() {
        return w.clone();
    }

    @Override
    public int size() {
        return y.length;
    }

    @Override
    public int predictorColumns() {
        return m;
    }

    /** True in the symmetric parametrization, whose K columns enter only through their differences. */
    @Override
    public boolean invariantToCommonShift() {
        return parametrization == Parametrization.SYMMETRIC;
    }

    @Override
    public double weightSum() {
        return weightSum;
    }

    /**
     * The class probabilities of every observation, {@code out[k n + i] = p_ik} for all K classes
     * (class-major, length {@code n K}), from a linear predictor in this datafit's parametrization.
     */
    public void probabilities(double[] eta, double[] out) {
        checkLength(eta);
        int n = y.length;
        if (out.length != n * classes) {
            throw new IllegalArgumentException("probabilities need length " + n * classes + ", got " + out.length);
        }
        for (int i = 0; i < n; i++) {
            double max = shift == 1 ? 0.0 : Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                max = Math.max(max, eta[c * n + i]);
            }
            double sum = shift == 1 ? Math.exp(-max) : 0.0;
            for (int c = 0; c < m; c++) {
                sum += Math.exp(eta[c * n + i] - max);
            }
            if (shift == 1) {
                out[i] = Math.exp(-max) / sum;
            }
            for (int c = 0; c < m; c++) {
                out[(c + shift) * n + i] = Math.exp(eta[c * n + i] - max) / sum;
            }
        }
    }

    @Override
    public double value(double[] eta) {
        checkLength(eta);
        int n = y.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                continue;
            }
            double max = shift == 1 ? 0.0 : Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                max = Math.max(max, eta[c * n + i]);
            }
            if (!Double.isFinite(max)) {
                return Double.POSITIVE_INFINITY;
            }
            double sum = shift == 1 ? Math.exp(-max) : 0.0;
            for (int c = 0; c < m; c++) {
                sum += Math.exp(eta[c * n + i] - max);
            }
            int col = y[i] - shift;
            double observed = col < 0 ? 0.0 : eta[col * n + i];
            total += w[i] * (max + Math.log(sum) - observed);
        }
        return total / weightSum;
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        checkLength(eta);
        checkOut(out, eta.length);
        int n = y.length;
        double[] prob = new double[m];
        for (int i = 0; i < n; i++) {
            columnProbabilities(eta, i, prob);
            double scale = w[i] / weightSum;
            int col = y[i] - shift;
            for (int c = 0; c < m; c++) {
                out[c * n + i] = scale * (prob[c] - (c == col ? 1.0 : 0.0));
            }
        }
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        checkLength(eta);
        checkOut(out, eta.length);
        int n = y.length;
        double[] prob = new double[m];
        for (int i = 0; i < n; i++) {
            columnProbabilities(eta, i, prob);
            double scale = w[i] / weightSum;
            for (int c = 0; c < m; c++) {
                out[c * n + i] = scale * prob[c] * (1 - prob[c]);
            }
        }
    }

    @Override
    public void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        checkLength(eta);
        checkOut(gradientOut, eta.length);
        checkOut(hessianOut, eta.length);
        int n = y.length;
        double[] prob = new double[m];
        for (int i = 0; i < n; i++) {
            columnProbabilities(eta, i, prob);
            double scale = w[i] / weightSum;
            int col = y[i] - shift;
            for (int c = 0; c < m; c++) {
                gradientOut[c * n + i] = scale * (prob[c] - (c == col ? 1.0 : 0.0));
                hessianOut[c * n + i] = scale * prob[c] * (1 - prob[c]);
            }
        }
    }

    @Override
    public void hessianBlocks(double[] eta, double[] out) {
        checkLength(eta);
        int n = y.length;
        checkOut(out, n * m * m);
        double[] prob = new double[m];
        for (int i = 0; i < n; i++) {
            columnProbabilities(eta, i, prob);
            double scale = w[i] / weightSum;
            for (int c = 0; c < m; c++) {
                for (int d = 0; d < m; d++) {
                    out[(c * m + d) * n + i] = scale * ((c == d ? prob[c] : 0.0) - prob[c] * prob[d]);
                }
            }
        }
    }

    /** The probabilities of observation i's m columns (the reference class left out). */
    private void columnProbabilities(double[] eta, int i, double[] prob) {
        int n = y.length;
        double max = shift == 1 ? 0.0 : Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m; c++) {
            max = Math.max(max, eta[c * n + i]);
        }
        double sum = shift == 1 ? Math.exp(-max) : 0.0;
        for (int c = 0; c < m; c++) {
            double e = Math.exp(eta[c * n + i] - max);
            prob[c] = e;
            sum += e;
        }
        for (int c = 0; c < m; c++) {
            prob[c] /= sum;
        }
    }

    /** 1/2: the largest eigenvalue of {@code diag(p) - p p'} is at most 1/2 for every p. */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(0.5);
    }

    /** 0: the saturated model puts probability 1 on each observed class. */
    @Override
    public double saturatedValue() {
        return 0.0;
    }

    @Override
    public java.util.Optional<double[]> normalizedWeights() {
        int n = y.length;
        double[] out = new double[n * m];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                out[c * n + i] = w[i] / weightSum;
            }
        }
        return java.util.Optional.of(out);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.HESSIAN, Capability.LIPSCHITZ_GRADIENT,
                Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    @Override
    public String name() {
        return "multinomial";
    }

    private void checkLength(double[] eta) {
        if (eta.length != y.length * m) {
            throw new IllegalArgumentException("linear predictor has length " + eta.length + ", expected n m = "
                    + y.length + " x " + m);
        }
    }

    private static void checkOut(double[] out, int length) {
        if (out.length != length) {
            throw new IllegalArgumentException("output has length " + out.length + ", expected " + length);
        }
    }
}
