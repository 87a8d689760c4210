package dev.argmax.models.family;

/**
 * {@code eta = log(mu / (1 - mu))}: {@code mu = 1 / (1 + e^-eta)}, {@code dmu/deta = mu (1 - mu)},
 * {@code d2mu/deta2 = mu (1 - mu)(1 - 2 mu)}, evaluated without cancellation in {@code 1 - mu}.
 */
final class LogitLink extends AbstractLink {

    @Override
    public String label() {
        return "logit";
    }

    @Override
    public double link(double mu) {
        return Math.log(mu / (1 - mu));
    }

    @Override
    public double inverse(double eta) {
        if (eta >= 0) {
            return 1 / (1 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    /** {@code e^-|eta| / (1 + e^-|eta|)^2}. */
    @Override
    public double derivative(double eta) {
        double e = Math.exp(-Math.abs(eta));
        return e / ((1 + e) * (1 + e));
    }

    /** {@code mu (1 - mu)(1 - 2 mu)} with {@code 1 - 2 mu = tanh(-eta/2)}. */
    @Override
    public double secondDerivative(double eta) {
        return derivative(eta) * Math.tanh(-eta / 2);
    }
}
