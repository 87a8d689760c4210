package dev.argmax.models.family;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Datafit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The datafit of any {@link Family} and link, derived from its definition: half the mean deviance
 *
 * <pre>
 *   F(eta) = (1/W) sum_i w_i d(y_i, mu_i) / 2,     mu_i = g^-1(eta_i),  W = sum_i w_i
 * </pre>
 *
 * (glmnet's objective for a family object; for a likelihood family it is the negative
 * log-likelihood at unit dispersion up to a constant, so its minimizer is the MLE, and its
 * saturated value is 0). With {@code mu' = dmu/deta}, {@code mu''} and {@code V'} the derivatives
 * of the inverse link and the variance function, per observation:
 *
 * <ul>
 *   <li>gradient {@code -(y - mu) mu' / V(mu)} (the quasi-score);</li>
 *   <li>curvature ({@link #hessianDiagonal}): Fisher's weight {@code mu'^2 / V(mu)}, R's IRLS
 *       weight, never negative;</li>
 *   <li>observed curvature ({@link #observedHessianDiagonal}): {@code mu'^2 / V - (y - mu)
 *       (mu'' / V - mu'^2 V' / V^2)}, equal to Fisher's for a canonical link.</li>
 * </ul>
 *
 * {@link #value} is {@code +infinity} where some observation with positive weight has an invalid
 * linear predictor or mean (R's {@code valideta} / {@code validmu}: Gamma's inverse link at
 * {@code eta <= 0}, a probability outside (0, 1) under the log link, ...), which makes IRLS halve
 * its step as R does. Capabilities: gradient and Hessian; {@link Capability#CONVEX} and
 * {@link Capability#OPEN_DOMAIN} where they hold for the family and link (see
 * {@link #isConvex}, {@link #hasOpenDomain}).
 */
public final class FamilyDatafit implements Datafit {

    private final Family family;
    private final Link link;
    private final Variance variance;
    private final double[] y;
    private final double[] w;
    private final double weightSum;

    /**
     * @param family the family and link
     * @param y the validated response (copied)
     * @param weights prior weights (copied), or null for unit weights
     */
    public FamilyDatafit(Family family, double[] y, double[] weights) {
        if (y.length == 0) {
            throw new InvalidDataException("the response is empty");
        }
        Checks.requireFinite(y, "response");
        this.family = family;
        this.link = family.link();
        this.variance = family.variance();
        this.y = y.clone();
        if (weights == null) {
            this.w = new double[y.length];
            Arrays.fill(this.w, 1.0);
        } else {
            Checks.requireLength(weights, y.length, "weights");
            Checks.requireWeights(weights, "weights");
            this.w = weights.clone();
        }
        double s = 0;
        for (double v : this.w) {
            s += v;
        }
        this.weightSum = s;
    }

    /** The family and link this datafit comes from. */
    public Family family() {
        return family;
    }

    @Override
    public int size() {
        return y.length;
    }

    @Override
    public double weightSum() {
        return weightSum;
    }

    @Override
    public double value(double[] eta) {
        checkLength(eta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            double e = eta[i];
            if (!link.validEta(e)) {
                return Double.POSITIVE_INFINITY;
            }
            double mu = link.inverse(e);
            if (!variance.validMu(mu)) {
                return Double.POSITIVE_INFINITY;
            }
            s += w[i] * variance.unitDeviance(y[i], mu);
        }
        double v = 0.5 * s / weightSum;
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                out[i] = 0.0;
                continue;
            }
            double mu = link.inverse(eta[i]);
            out[i] = -w[i] * (y[i] - mu) * link.derivative(eta[i]) / (variance.value(mu) * weightSum);
        }
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                out[i] = 0.0;
                continue;
            }
            double mu = link.inverse(eta[i]);
            double d = link.derivative(eta[i]);
            out[i] = w[i] * d * d / (variance.value(mu) * weightSum);
        }
    }

    @Override
    public void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                gradientOut[i] = 0.0;
                hessianOut[i] = 0.0;
                continue;
            }
            double mu = link.inverse(eta[i]);
            double d = link.derivative(eta[i]);
            double scaled = w[i] / (variance.value(mu) * weightSum);
            gradientOut[i] = -scaled * (y[i] - mu) * d;
            hessianOut[i] = scaled * d * d;
        }
    }

    @Override
    public void observedHessianDiagonal(double[] eta, double[] out) {
        checkLength(eta);
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                out[i] = 0.0;
                continue;
            }
            double e = eta[i];
            double mu = link.inverse(e);
            double d = link.derivative(e);
            double v = variance.value(mu);
            double fisher = d * d / v;
            double correction = (y[i] - mu) * (link.secondDerivative(e) / v - fisher * variance.derivative(mu) / v);
            out[i] = w[i] * (fisher - correction) / weightSum;
        }
    }

    @Override
    public boolean expectedInformation() {
        return !family.isCanonical();
    }

    /** The deviance of the saturated model is 0. */
    @Override
    public double saturatedValue() {
        return 0.0;
    }

    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.empty();
    }

    @Override
    public Optional<double[]> normalizedWeights() {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / weightSum;
        }
        return Optional.of(out);
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> caps = EnumSet.of(Capability.GRADIENT, Capability.HESSIAN);
        if (isConvex(family)) {
            caps.add(Capability.CONVEX);
        }
        if (hasOpenDomain(family)) {
            caps.add(Capability.OPEN_DOMAIN);
        }
        return caps;
    }

    /**
     * Whether half the deviance is convex in eta for every response the family accepts: every
     * canonical link; the binomial with probit, cauchit is not (its log-likelihood is not
     * concave in the tails), cloglog and log are; Poisson and quasi-Poisson with identity or sqrt;
     * Gamma with log; the negative binomial and Tweedie with log. Others (Gaussian-log or -inverse,
     * Gamma-identity, inverse Gaussian with a non-canonical link, ...) are not.
     */
    static boolean isConvex(Family family) {
        if (family.isCanonical()) {
            return true;
        }
        Variance v = family.variance();
        Link l = family.link();
        if (v instanceof BinomialVariance) {
            return l.equals(Link.PROBIT) || l.equals(Link.CLOGLOG) || l.equals(Link.LOG);
        }
        if (v instanceof PoissonVariance) {
            return l.equals(Link.IDENTITY) || l.equals(Link.SQRT);
        }
        return l.equals(Link.LOG) && (v instanceof GammaVariance || v instanceof NegativeBinomialVariance
                || v instanceof PowerVariance);
    }

    /**
     * Whether every finite linear predictor gives a valid mean: the links whose inverse maps onto
     * the family's means (logit, probit, cauchit, cloglog for the binomial variance; log for a
     * positive mean; identity for the Gaussian).
     */
    static boolean hasOpenDomain(Family family) {
        Link l = family.link();
        Variance v = family.variance();
        if (v instanceof ConstantVariance) {
            return l.equals(Link.IDENTITY) || l.equals(Link.LOG);
        }
        if (v instanceof BinomialVariance) {
            return !l.equals(Link.LOG);
        }
        return l.equals(Link.LOG);
    }

    @Override
    public String name() {
        return family.name() + "-" + link.label();
    }

    private void checkLength(double[] eta) {
        if (eta.length != y.length) {
            throw new IllegalArgumentException("linear predictor has length " + eta.length + ", expected " + y.length);
        }
    }
}
