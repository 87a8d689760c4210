package dev.argmax.models.family;

/**
 * {@code V(mu) = mu (1 - mu)} (binomial, quasi-binomial): unit deviance
 * {@code 2 [y log(y / mu) + (1 - y) log((1 - y) / (1 - mu))]} with {@code 0 log 0 = 0}; valid
 * means {@code 0 < mu < 1}.
 */
final class BinomialVariance implements Variance {

    static final BinomialVariance INSTANCE = new BinomialVariance();

    @Override
    public String label() {
        return "mu(1-mu)";
    }

    @Override
    public double value(double mu) {
        return mu * (1 - mu);
    }

    @Override
    public double derivative(double mu) {
        return 1 - 2 * mu;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * (yLogYOverMu(y, mu) + yLogYOverMu(1 - y, 1 - mu));
    }

    private static double yLogYOverMu(double y, double mu) {
        return y == 0 ? 0.0 : y * Math.log(y / mu);
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < 1;
    }
}
