package dev.argmax.models.family;

/**
 * {@code V(mu) = mu^p} with {@code 1 < p < 2} (Tweedie compound Poisson-gamma, statmod's
 * {@code tweedie(var.power = p)}): unit deviance
 * {@code 2 [y (y^(1-p) - mu^(1-p)) / (1 - p) - (y^(2-p) - mu^(2-p)) / (2 - p)]} (0 for the first
 * term at {@code y = 0}); valid means {@code mu > 0}.
 *
 * @param power p, strictly between 1 and 2
 */
record PowerVariance(double power) implements Variance {

    @Override
    public String label() {
        return "mu^" + power;
    }

    @Override
    public double value(double mu) {
        return Math.pow(mu, power);
    }

    @Override
    public double derivative(double mu) {
        return power * Math.pow(mu, power - 1);
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double a = 1 - power;
        double b = 2 - power;
        double first = y == 0 ? 0.0 : y * (Math.pow(y, a) - Math.pow(mu, a)) / a;
        return 2 * (first - (Math.pow(y, b) - Math.pow(mu, b)) / b);
    }

    @Override
    public boolean validMu(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }
}
