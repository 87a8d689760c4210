package dev.argmax.models.family;

import org.apache.commons.math3.special.Erf;

/**
 * {@code eta = Phi^-1(mu)}, Phi the standard normal distribution function:
 * {@code dmu/deta = phi(eta)}, {@code d2mu/deta2 = -eta phi(eta)}. As R's {@code binomial("probit")},
 * the inverse clamps eta to {@code +-8.1259}, where {@code Phi} reaches the machine epsilon, and
 * {@code dmu/deta} is at least the machine epsilon.
 */
final class ProbitLink extends AbstractLink {

    /** {@code -qnorm(.Machine$double.eps)}. */
    static final double THRESHOLD = 8.125890664701906;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public String label() {
        return "probit";
    }

    @Override
    public double link(double mu) {
        return Math.sqrt(2) * Erf.erfInv(2 * mu - 1);
    }

    @Override
    public double inverse(double eta) {
        double e = Math.min(Math.max(eta, -THRESHOLD), THRESHOLD);
        return 0.5 * Erf.erfc(-e / Math.sqrt(2));
    }

    @Override
    public double derivative(double eta) {
        return Math.max(INV_SQRT_2PI * Math.exp(-0.5 * eta * eta), EPS);
    }

    @Override
    public double secondDerivative(double eta) {
        return -eta * INV_SQRT_2PI * Math.exp(-0.5 * eta * eta);
    }
}
