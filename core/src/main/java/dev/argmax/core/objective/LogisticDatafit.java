package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The logistic loss, the Bernoulli negative log-likelihood with the logit link:
 * {@code l(y, eta) = log(1 + e^eta) - y eta} for {@code 0 <= y <= 1} (y may be a proportion of
 * successes, with the number of trials as weight). Evaluated stably as
 * {@code max(eta, 0) + log1p(e^-|eta|) - y eta}. Curvature {@code mu (1 - mu) <= 1/4}.
 */
public final class LogisticDatafit extends WeightedDatafit {

    public LogisticDatafit(double[] y, double[] weights) {
        super(y, weights);
        for (int i = 0; i < this.y.length; i++) {
            if (this.y[i] < 0 || this.y[i] > 1) {
                throw new InvalidDataException("logistic response must lie in [0, 1], got " + this.y[i] + " at row "
                        + (i + 1));
            }
        }
    }

    /** {@code 1 / (1 + e^-eta)} without overflow. */
    public static double sigmoid(double eta) {
        if (eta >= 0) {
            return 1 / (1 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    @Override
    public double value(double[] eta) {
        checkLength(eta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = eta[i];
            s += w[i] * (Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))) - y[i] * e);
        }
        return s / weightSum;
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            out[i] = w[i] * (sigmoid(eta[i]) - y[i]) / weightSum;
        }
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            double mu = sigmoid(eta[i]);
            out[i] = w[i] * mu * (1 - mu) / weightSum;
        }
    }

    @Override
    public void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            double mu = sigmoid(eta[i]);
            gradientOut[i] = w[i] * (mu - y[i]) / weightSum;
            hessianOut[i] = w[i] * mu * (1 - mu) / weightSum;
        }
    }

    /** {@code (1/W) sum w_i [y_i log y_i + (1 - y_i) log(1 - y_i)]}, 0 for a 0/1 response. */
    @Override
    public double saturatedValue() {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (v > 0 && v < 1) {
                s += w[i] * (v * Math.log(v) + (1 - v) * Math.log1p(-v));
            }
        }
        return s / weightSum;
    }

    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(0.25);
    }

    /** {@code d/deta log(mu (1 - mu)) = 1 - 2 mu}, at most 1 in absolute value. */
    @Override
    public OptionalDouble curvatureLogLipschitz() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.HESSIAN, Capability.LIPSCHITZ_GRADIENT,
                Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    @Override
    public String name() {
        return "logistic";
    }
}
