package dev.argmax.models.family;

/**
 * {@code V(mu) = mu + mu^2 / theta} (negative binomial NB2 with known theta, R's {@code size}):
 * unit deviance {@code 2 [y log(max(y, 1) / mu) - (y + theta) log((y + theta) / (mu + theta))]}
 * (MASS's {@code negative.binomial}); valid means {@code mu > 0}.
 *
 * @param theta the shape, {@code > 0}
 */
record NegativeBinomialVariance(double theta) implements Variance {

    @Override
    public String label() {
        return "mu + mu^2/theta";
    }

    @Override
    public double value(double mu) {
        return mu + mu * mu / theta;
    }

    @Override
    public double derivative(double mu) {
        return 1 + 2 * mu / theta;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta)));
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }
}
