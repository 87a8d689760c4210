package dev.argmax.models.family;

/** {@code eta = mu}: {@code dmu/deta = 1}. */
final class IdentityLink extends AbstractLink {

    @Override
    public String label() {
        return "identity";
    }

    @Override
    public double link(double mu) {
        return mu;
    }

    @Override
    public double inverse(double eta) {
        return eta;
    }

    @Override
    public double derivative(double eta) {
        return 1.0;
    }

    @Override
    public double secondDerivative(double eta) {
        return 0.0;
    }
}
