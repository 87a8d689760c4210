package dev.argmax.models.family;

/**
 * {@code V(mu) = mu} (Poisson, quasi-Poisson): unit deviance {@code 2 [y log(y / mu) - (y - mu)]}
 * with {@code 0 log 0 = 0}; valid means {@code mu > 0}.
 */
final class PoissonVariance implements Variance {

    static final PoissonVariance INSTANCE = new PoissonVariance();

    @Override
    public String label() {
        return "mu";
    }

    @Override
    public double value(double mu) {
        return mu;
    }

    @Override
    public double derivative(double mu) {
        return 1.0;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * ((y == 0 ? 0.0 : y * Math.log(y / mu)) - (y - mu));
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }
}
