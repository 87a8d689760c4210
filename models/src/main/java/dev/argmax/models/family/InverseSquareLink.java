package dev.argmax.models.family;

/**
 * {@code eta = 1 / mu^2} (R's {@code "1/mu^2"}): {@code mu = eta^(-1/2)},
 * {@code dmu/deta = -eta^(-3/2) / 2}, {@code d2mu/deta2 = 3 eta^(-5/2) / 4}; valid for
 * {@code eta > 0} (R's {@code valideta}).
 */
final class InverseSquareLink extends AbstractLink {

    @Override
    public String label() {
        return "1/mu^2";
    }

    @Override
    public double link(double mu) {
        return 1 / (mu * mu);
    }

    @Override
    public double inverse(double eta) {
        return 1 / Math.sqrt(eta);
    }

    @Override
    public double derivative(double eta) {
        return -0.5 / (eta * Math.sqrt(eta));
    }

    @Override
    public double secondDerivative(double eta) {
        return 0.75 / (eta * eta * Math.sqrt(eta));
    }

    @Override
    public boolean validEta(double eta) {
        return Double.isFinite(eta) && eta > 0;
    }
}
