package dev.argmax.models.family;

/** {@code V(mu) = 1} (Gaussian): unit deviance {@code (y - mu)^2}; every finite mean is valid. */
final class ConstantVariance implements Variance {

    static final ConstantVariance INSTANCE = new ConstantVariance();

    @Override
    public String label() {
        return "constant";
    }

    @Override
    public double value(double mu) {
        return 1.0;
    }

    @Override
    public double derivative(double mu) {
        return 0.0;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double r = y - mu;
        return r * r;
    }

    @Override
    public boolean validMu(double mu) {
        return Double.isFinite(mu);
    }
}
