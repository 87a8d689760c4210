package dev.argmax.models.family;

/**
 * {@code eta = tan(pi (mu - 1/2))}, the Cauchy quantile: {@code mu = 1/2 + atan(eta) / pi},
 * {@code dmu/deta = 1 / (pi (1 + eta^2))}, {@code d2mu/deta2 = -2 eta / (pi (1 + eta^2)^2)}. As
 * R's {@code binomial("cauchit")}, the inverse clamps eta where mu reaches the machine epsilon and
 * {@code dmu/deta} is at least the machine epsilon.
 */
final class CauchitLink extends AbstractLink {

    /** {@code -qcauchy(.Machine$double.eps)}. */
    private static final double THRESHOLD = 1 / Math.tan(Math.PI * EPS);

    @Override
    public String label() {
        return "cauchit";
    }

    @Override
    public double link(double mu) {
        return Math.tan(Math.PI * (mu - 0.5));
    }

    @Override
    public double inverse(double eta) {
        double e = Math.min(Math.max(eta, -THRESHOLD), THRESHOLD);
        return 0.5 + Math.atan(e) / Math.PI;
    }

    @Override
    public double derivative(double eta) {
        return Math.max(1 / (Math.PI * (1 + eta * eta)), EPS);
    }

    @Override
    public double secondDerivative(double eta) {
        double q = 1 + eta * eta;
        return -2 * eta / (Math.PI * q * q);
    }
}
