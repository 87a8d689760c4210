package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The Poisson negative log-likelihood with the log link, without the {@code log y!} constant
 * (glmnet's convention): {@code l(y, eta) = e^eta - y eta}, {@code y >= 0}. The curvature
 * {@code e^eta} is unbounded, so there is no global Lipschitz constant: gradient methods need a
 * line search, and {@code e^eta} overflows to +infinity for {@code eta > 709.78}, which
 * {@link #value} reports as +infinity (outside the domain) rather than NaN.
 */
public final class PoissonDatafit extends WeightedDatafit {

    public PoissonDatafit(double[] y, double[] weights) {
        super(y, weights);
        for (int i = 0; i < this.y.length; i++) {
            if (this.y[i] < 0) {
                throw new InvalidDataException("Poisson response must be >= 0, got " + this.y[i] + " at row " + (i + 1));
            }
        }
    }

    @Override
    public double value(double[] eta) {
        checkLength(eta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = Math.exp(eta[i]);
            if (mu == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            s += w[i] * (mu - y[i] * eta[i]);
        }
        return s / weightSum;
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            out[i] = w[i] * (Math.exp(eta[i]) - y[i]) / weightSum;
        }
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            out[i] = w[i] * Math.exp(eta[i]) / weightSum;
        }
    }

    @Override
    public void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            double mu = Math.exp(eta[i]);
            gradientOut[i] = w[i] * (mu - y[i]) / weightSum;
            hessianOut[i] = w[i] * mu / weightSum;
        }
    }

    /** {@code (1/W) sum w_i (y_i - y_i log y_i)}, with {@code 0 log 0 = 0}. */
    @Override
    public double saturatedValue() {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            s += w[i] * (v > 0 ? v - v * Math.log(v) : 0.0);
        }
        return s / weightSum;
    }

    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.empty();
    }

    /** {@code d/deta log e^eta = 1}. */
    @Override
    public OptionalDouble curvatureLogLipschitz() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.HESSIAN, Capability.CONVEX,
                Capability.OPEN_DOMAIN);
    }

    @Override
    public String name() {
        return "poisson";
    }
}
