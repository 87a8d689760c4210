package dev.argmax.core.objective;

import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Squared error, the Gaussian negative log-likelihood with unit variance up to constants:
 * {@code l(y, eta) = (y - eta)^2 / 2}, so {@code F = (1/(2W)) sum_i w_i (y_i - eta_i)^2}
 * (glmnet's Gaussian loss). Curvature 1 everywhere.
 */
public final class QuadraticDatafit extends WeightedDatafit {

    public QuadraticDatafit(double[] y, double[] weights) {
        super(y, weights);
    }

    /** A copy of the response y (direct least-squares solvers work on y itself, not on derivatives). */
    public double[] response() {
        return y.clone();
    }

    /** A copy of the observation weights as given (not normalized; all 1 when none were given). */
    public double[] weights() {
        return w.clone();
    }

    @Override
    public double value(double[] eta) {
        checkLength(eta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - eta[i];
            s += w[i] * r * r;
        }
        return 0.5 * s / weightSum;
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            out[i] = w[i] * (eta[i] - y[i]) / weightSum;
        }
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = w[i] / weightSum;
        }
    }

    @Override
    public double saturatedValue() {
        return 0.0;
    }

    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.HESSIAN, Capability.LIPSCHITZ_GRADIENT,
                Capability.LEAST_SQUARES, Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    @Override
    public String name() {
        return "quadratic";
    }
}
