package dev.argmax.models.family;

import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.QuadraticDatafit;

/**
 * Gaussian errors with identity link: {@code V(mu) = 1}, unit deviance {@code (y - mu)^2}. The
 * log-likelihood is R's, with the maximum-likelihood variance {@code sigma^2 = D / n}:
 * {@code -n/2 (log(2 pi D / n) + 1) + (1/2) sum log w_i} over the n observations with positive
 * weight; it counts the variance as a parameter. Starting means are y.
 */
public final class Gaussian implements Family {

    static final Gaussian INSTANCE = new Gaussian();

    private Gaussian() {
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public Link link() {
        return Link.IDENTITY;
    }

    @Override
    public double variance(double mu) {
        return 1.0;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double r = y - mu;
        return r * r;
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return y;
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return y.clone();
    }

    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return new QuadraticDatafit(y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        int n = 0;
        double logW = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w > 0) {
                n++;
                logW += Math.log(w);
            }
        }
        return -0.5 * n * (Math.log(2 * Math.PI * deviance / n) + 1) + 0.5 * logW;
    }

    @Override
    public boolean estimatesDispersion() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
