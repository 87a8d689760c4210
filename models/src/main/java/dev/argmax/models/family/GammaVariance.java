package dev.argmax.models.family;

/**
 * {@code V(mu) = mu^2} (Gamma): unit deviance {@code -2 [log(y / mu) - (y - mu) / mu]} (R's, with
 * {@code log(y/mu)} taken as 0 at {@code y = 0}); valid means {@code mu > 0}.
 */
final class GammaVariance implements Variance {

    static final GammaVariance INSTANCE = new GammaVariance();

    @Override
    public String label() {
        return "mu^2";
    }

    @Override
    public double value(double mu) {
        return mu * mu;
    }

    @Override
    public double derivative(double mu) {
        return 2 * mu;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return -2 * ((y == 0 ? 0.0 : Math.log(y / mu)) - (y - mu) / mu);
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }
}
