package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Bernoulli / binomial responses with logit link: {@code V(mu) = mu (1 - mu)}, unit deviance
 * {@code 2 [y log(y/mu) + (1 - y) log((1 - y)/(1 - mu))]}.
 *
 * <p>The response is 0/1, or (as in R) a proportion of successes with the number of trials as
 * weight, in which case {@code w_i y_i} must be a whole number of successes. The log-likelihood
 * is R's: {@code sum_i log dbinom(round(m_i y_i), round(m_i), mu_i)} with {@code m_i = w_i}.
 * Starting means are R's {@code (w y + 1/2) / (w + 1)}.
 */
public final class Binomial implements Family {

    static final Binomial INSTANCE = new Binomial();

    private Binomial() {
    }

    @Override
    public String name() {
        return "binomial";
    }

    @Override
    public Link link() {
        return Link.LOGIT;
    }

    @Override
    public double variance(double mu) {
        return mu * (1 - mu);
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * (yLogYOverMu(y, mu) + yLogYOverMu(1 - y, 1 - mu));
    }

    private static double yLogYOverMu(double y, double mu) {
        return y == 0 ? 0.0 : y * Math.log(y / mu);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        double[] out = y.clone();
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w == 0) {
                out[i] = 0.0;
                continue;
            }
            double v = y[i];
            if (v < 0 || v > 1) {
                throw new InvalidDataException("binomial response must be 0 or 1 (or a proportion in [0, 1] with "
                        + "the number of trials as weight), got " + v + " at row " + (i + 1));
            }
            if (v != 0 && v != 1) {
                if (weights == null) {
                    throw new InvalidDataException("binomial response must be 0 or 1, got " + v + " at row "
                            + (i + 1) + " (a proportion of successes needs the number of trials as weight)");
                }
                double successes = w * v;
                if (Math.abs(successes - Math.rint(successes)) > 1e-3) {
                    throw new InvalidDataException("binomial response " + v + " at row " + (i + 1)
                            + " times its weight " + w + " is not a whole number of successes");
                }
            }
        }
        return out;
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        double[] mu = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            mu[i] = (w * y[i] + 0.5) / (w + 1);
        }
        return mu;
    }

    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return new LogisticDatafit(y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double m = weights == null ? 1.0 : weights[i];
            if (m <= 0) {
                continue;
            }
            double trials = Math.rint(m);
            double successes = Math.rint(m * y[i]);
            double term = 0;
            if (successes > 0) {
                term += successes * Math.log(mu[i]);
            }
            if (trials - successes > 0) {
                term += (trials - successes) * Math.log1p(-mu[i]);
            }
            if (trials > 1) {
                term += CombinatoricsUtils.binomialCoefficientLog((int) trials, (int) successes);
            }
            s += term;
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
