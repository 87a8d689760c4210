package dev.argmax.models.family;

/**
 * {@code eta = 1 / mu}: {@code mu = 1 / eta}, {@code dmu/deta = -1 / eta^2},
 * {@code d2mu/deta2 = 2 / eta^3}; valid for {@code eta != 0} (R's {@code valideta}).
 */
final class InverseLink extends AbstractLink {

    @Override
    public String label() {
        return "inverse";
    }

    @Override
    public double link(double mu) {
        return 1 / mu;
    }

    @Override
    public double inverse(double eta) {
        return 1 / eta;
    }

    @Override
    public double derivative(double eta) {
        return -1 / (eta * eta);
    }

    @Override
    public double secondDerivative(double eta) {
        return 2 / (eta * eta * eta);
    }

    @Override
    public boolean validEta(double eta) {
        return Double.isFinite(eta) && eta != 0;
    }
}
