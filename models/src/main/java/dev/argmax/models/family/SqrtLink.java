package dev.argmax.models.family;

/**
 * {@code eta = sqrt(mu)}: {@code mu = eta^2}, {@code dmu/deta = 2 eta}, {@code d2mu/deta2 = 2};
 * valid for {@code eta > 0} (R's {@code valideta}).
 */
final class SqrtLink extends AbstractLink {

    @Override
    public String label() {
        return "sqrt";
    }

    @Override
    public double link(double mu) {
        return Math.sqrt(mu);
    }

    @Override
    public double inverse(double eta) {
        return eta * eta;
    }

    @Override
    public double derivative(double eta) {
        return 2 * eta;
    }

    @Override
    public double secondDerivative(double eta) {
        return 2.0;
    }

    @Override
    public boolean validEta(double eta) {
        return Double.isFinite(eta) && eta > 0;
    }
}
