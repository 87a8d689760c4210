package dev.argmax.models.family;

/** {@code eta = log mu}: {@code mu = dmu/deta = d2mu/deta2 = e^eta}. */
final class LogLink extends AbstractLink {

    @Override
    public String label() {
        return "log";
    }

    @Override
    public double link(double mu) {
        return Math.log(mu);
    }

    @Override
    public double inverse(double eta) {
        return Math.exp(eta);
    }

    @Override
    public double derivative(double eta) {
        return Math.exp(eta);
    }

    @Override
    public double secondDerivative(double eta) {
        return Math.exp(eta);
    }
}
