package dev.argmax.models.family;

/**
 * {@code V(mu) = mu^3} (inverse Gaussian): unit deviance {@code (y - mu)^2 / (y mu^2)}; valid means
 * {@code mu > 0} (where the variance is positive).
 */
final class InverseGaussianVariance implements Variance {

    static final InverseGaussianVariance INSTANCE = new InverseGaussianVariance();

    @Override
    public String label() {
        return "mu^3";
    }

    @Override
    public double value(double mu) {
        return mu * mu * mu;
    }

    @Override
    public double derivative(double mu) {
        return 3 * mu * mu;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double r = y - mu;
        return r * r / (y * mu * mu);
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }
}
