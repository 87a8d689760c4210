package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * glmnet's elastic-net penalty with penalty factors and box constraints:
 *
 * <pre>
 *   P(b) = lambda * sum_j v_j * ( alpha |b_j| + (1 - alpha)/2 b_j^2 ),   l_j &lt;= b_j &lt;= u_j
 * </pre>
 *
 * {@code alpha = 1} is the lasso (a Laplace prior), {@code alpha = 0} ridge (a Gaussian prior),
 * {@code lambda = 0} no penalty. A penalty factor {@code v_j = 0} leaves coordinate j
 * unpenalized (glmnet's {@code penalty.factor}). As in glmnet, the limits must contain 0
 * ({@code l_j <= 0 <= u_j}).
 *
 * <p>Separable, with the proximal operator
 * {@code prox_{tP_j}(z) = clip(S(z, t lambda alpha v_j) / (1 + t lambda (1 - alpha) v_j), l_j, u_j)},
 * where S is soft-thresholding. Smooth when {@code alpha = 0} (or lambda = 0) and there are no
 * finite limits.
 */
public final class ElasticNet implements SeparablePenalty, SmoothPenalty {

    private final double lambda;
    private final double alpha;
    private final double[] factors;
    private final double[] lower;
    private final double[] upper;
    private final Set<Capability> capabilities;

    /**
     * @param lambda overall strength, {@code >= 0}
     * @param alpha mixing, {@code 0 <= alpha <= 1}
     * @param factors per-slope penalty factors {@code v_j >= 0}, or null for all 1
     * @param lower per-slope lower limits ({@code <= 0}, may be -infinity), or null for none
     * @param upper per-slope upper limits ({@code >= 0}, may be +infinity), or null for none
     */
    public ElasticNet(double lambda, double alpha, double[] factors, double[] lower, double[] upper) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidDataException("lambda must be finite and >= 0, got " + lambda);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidDataException("alpha must lie in [0, 1], got " + alpha);
        }
        if (factors != null) {
            for (int j = 0; j < factors.length; j++) {
                if (!(factors[j] >= 0) || Double.isInfinite(factors[j])) {
                    throw new InvalidDataException("penalty factor " + (j + 1) + " must be finite and >= 0, got "
                            + factors[j]);
                }
            }
        }
        if (lower != null) {
            for (int j = 0; j < lower.length; j++) {
                if (!(lower[j] <= 0)) {
                    throw new InvalidDataException("lower limit " + (j + 1) + " must be <= 0 (as in glmnet), got "
                            + lower[j]);
                }
            }
        }
        if (upper != null) {
            for (int j = 0; j < upper.length; j++) {
                if (!(upper[j] >= 0)) {
                    throw new InvalidDataException("upper limit " + (j + 1) + " must be >= 0 (as in glmnet), got "
                            + upper[j]);
                }
            }
        }
        if (lower != null && upper != null && lower.length != upper.length) {
            throw new InvalidDataException("lower limits (" + lower.length + ") and upper limits (" + upper.length
                    + ") differ in length");
        }
        this.lambda = lambda;
        this.alpha = alpha;
        this.factors = factors == null ? null : factors.clone();
        this.lower = lower == null ? null : lower.clone();
        this.upper = upper == null ? null : upper.clone();
        EnumSet<Capability> caps = EnumSet.of(Capability.SEPARABLE_PROX);
        boolean bounded = this.lower != null && Arrays.stream(this.lower).anyMatch(Double::isFinite)
                || this.upper != null && Arrays.stream(this.upper).anyMatch(Double::isFinite);
        if ((alpha == 0 || lambda == 0) && !bounded) {
            caps.add(Capability.SMOOTH_PENALTY);
        }
        if (lambda == 0 && !bounded) {
            caps.add(Capability.UNPENALIZED);
        }
        this.capabilities = java.util.Collections.unmodifiableSet(caps);
    }

    /** The lasso, {@code lambda * sum |b_j|}. */
    public static ElasticNet lasso(double lambda) {
        return new ElasticNet(lambda, 1.0, null, null, null);
    }

    /** Ridge, {@code (lambda / 2) sum b_j^2}. */
    public static ElasticNet ridge(double lambda) {
        return new ElasticNet(lambda, 0.0, null, null, null);
    }

    /** No penalty (maximum likelihood). */
    public static ElasticNet none() {
        return new ElasticNet(0.0, 0.0, null, null, null);
    }

    /** alpha used for lambda_max when alpha = 0, where no finite lambda zeroes the slopes (glmnet). */
    public static final double RIDGE_ALPHA_FOR_LAMBDA_MAX = 0.001;

    /** The same penalty with another lambda (for paths). */
    @Override
    public ElasticNet withLambda(double newLambda) {
        return new ElasticNet(newLambda, alpha, factors, lower, upper);
    }

    @Override
    public double lambda() {
        return lambda;
    }

    /** Whether {@code v_j > 0}. */
    @Override
    public boolean penalizes(int j) {
        return factor(j) > 0;
    }

    /**
     * {@code max_{v_j > 0} |gradient_j| / (alpha v_j)}; for {@code alpha = 0} (ridge, where no
     * finite lambda zeroes the slopes) glmnet's convention, alpha = {@value #RIDGE_ALPHA_FOR_LAMBDA_MAX}.
     * Box limits are not taken into account (as in glmnet).
     */
    @Override
    public double lambdaMax(double[] gradient) {
        double a = Math.max(alpha, RIDGE_ALPHA_FOR_LAMBDA_MAX);
        double best = 0;
        boolean any = false;
        for (int j = 0; j < gradient.length; j++) {
            double v = factor(j);
            if (v > 0) {
                any = true;
                best = Math.max(best, Math.abs(gradient[j]) / (a * v));
            }
        }
        if (!any) {
            throw new InvalidDataException("every penalty factor is 0: there is nothing to penalize, so no lambda path");
        }
        return best;
    }

    public double alpha() {
        return alpha;
    }

    /** Penalty factor v_j. */
    public double factor(int j) {
        return factors == null ? 1.0 : factors[j];
    }

    /** Lower limit l_j (-infinity when none). */
    public double lower(int j) {
        return lower == null ? Double.NEGATIVE_INFINITY : lower[j];
    }

    /** Upper limit u_j (+infinity when none). */
    public double upper(int j) {
        return upper == null ? Double.POSITIVE_INFINITY : upper[j];
    }

    /** Checks that per-slope arrays, if any, have one entry per slope. */
    @Override
    public void requireSize(int p) {
        if (factors != null && factors.length != p) {
            throw new InvalidDataException(factors.length + " penalty factors given for " + p + " predictors");
        }
        if (lower != null && lower.length != p) {
            throw new InvalidDataException(lower.length + " lower limits given for " + p + " predictors");
        }
        if (upper != null && upper.length != p) {
            throw new InvalidDataException(upper.length + " upper limits given for " + p + " predictors");
        }
    }

    @Override
    public double value(double[] slopes) {
        double s = 0;
        for (int j = 0; j < slopes.length; j++) {
            s += value(j, slopes[j]);
        }
        return s;
    }

    @Override
    public double value(int j, double b) {
        if (b < lower(j) || b > upper(j)) {
            return Double.POSITIVE_INFINITY;
        }
        double v = factor(j);
        return lambda * v * (alpha * Math.abs(b) + 0.5 * (1 - alpha) * b * b);
    }

    @Override
    public double prox(int j, double z, double step) {
        double v = factor(j);
        double l1 = step * lambda * alpha * v;
        double shrunk = Math.abs(z) <= l1 ? 0.0 : (z > 0 ? z - l1 : z + l1);
        double b = shrunk / (1 + step * lambda * (1 - alpha) * v);
        return Math.min(Math.max(b, lower(j)), upper(j));
    }

    @Override
    public double coordinateMinimizer(int j, double g, double h) {
        double v = factor(j);
        double l1 = lambda * alpha * v;
        double shrunk = Math.abs(g) <= l1 ? 0.0 : (g > 0 ? g - l1 : g + l1);
        double b = shrunk / (h + lambda * (1 - alpha) * v);
        return Math.min(Math.max(b, lower(j)), upper(j));
    }

    @Override
    public double subdifferentialDistance(int j, double b, double gradient) {
        double v = factor(j);
        double smooth = lambda * (1 - alpha) * v * b;
        double l1 = lambda * alpha * v;
        double lo = smooth + (b > 0 ? l1 : -l1);
        double hi = smooth + (b < 0 ? -l1 : l1);
        if (b <= lower(j)) {
            lo = Double.NEGATIVE_INFINITY;
        }
        if (b >= upper(j)) {
            hi = Double.POSITIVE_INFINITY;
        }
        double target = -gradient;
        if (target < lo) {
            return lo - target;
        }
        if (target > hi) {
            return target - hi;
        }
        return 0.0;
    }

    @Override
    public double zeroThreshold(int j) {
        return lambda * alpha * factor(j);
    }

    @Override
    public void gradient(double[] slopes, double[] out) {
        requireSmooth();
        for (int j = 0; j < slopes.length; j++) {
            out[j] = lambda * (1 - alpha) * factor(j) * slopes[j];
        }
    }

    @Override
    public double hessianDiagonal(int j, double b) {
        requireSmooth();
        return lambda * (1 - alpha) * factor(j);
    }

    private void requireSmooth() {
        if (!capabilities.contains(Capability.SMOOTH_PENALTY)) {
            throw new UnsupportedOperationException(name() + " is not differentiable: it has an L1 part or limits");
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public String name() {
        if (lambda == 0) {
            return "none";
        }
        if (alpha == 1) {
            return "lasso (lambda=" + lambda + ")";
        }
        if (alpha == 0) {
            return "ridge (lambda=" + lambda + ")";
        }
        return "elastic net (lambda=" + lambda + ", alpha=" + alpha + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
