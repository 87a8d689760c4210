package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.PoissonDatafit;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson counts with log link: {@code V(mu) = mu}, unit deviance
 * {@code 2 [y log(y/mu) - (y - mu)]}. The response must be a non-negative whole number. The
 * log-likelihood is R's {@code sum_i w_i log dpois(y_i, mu_i) = sum_i w_i (y_i log mu_i - mu_i -
 * log y_i!)}, with the {@code log y!} constant. Starting means are R's {@code y + 0.1}.
 */
public final class Poisson implements Family {

    static final Poisson INSTANCE = new Poisson();

    private Poisson() {
    }

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public Link link() {
        return Link.LOG;
    }

    @Override
    public double variance(double mu) {
        return mu;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * ((y == 0 ? 0.0 : y * Math.log(y / mu)) - (y - mu));
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (v < 0) {
                throw new InvalidDataException("Poisson response must be a non-negative count, got " + v + " at row "
                        + (i + 1));
            }
            if (v != Math.rint(v)) {
                throw new InvalidDataException("Poisson response must be a whole-number count, got " + v
                        + " at row " + (i + 1));
            }
        }
        return y;
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        double[] mu = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            mu[i] = y[i] + 0.1;
        }
        return mu;
    }

    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return new PoissonDatafit(y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w <= 0) {
                continue;
            }
            double term = (y[i] == 0 ? 0.0 : y[i] * Math.log(mu[i])) - mu[i] - Gamma.logGamma(y[i] + 1);
            s += w * term;
        }
        return s;
    }

    @Override
    public boolean estimatesDispersion() {
        return false;
    }

    @Override
    public String toString() {
        return name();
    }
}
