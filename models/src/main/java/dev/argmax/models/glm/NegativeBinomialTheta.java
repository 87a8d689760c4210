package dev.argmax.models.glm;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.NegativeBinomial;
import org.apache.commons.math3.special.Gamma;

/**
 * Negative binomial regression with theta estimated by maximum likelihood, as
 * {@code MASS::glm.nb}: a Poisson fit with the same link gives the first means, then the fit
 * alternates (a) Newton's method for theta with the means held fixed, maximizing
 *
 * <pre>
 *   l(theta) = sum_i w_i [lgamma(theta + y_i) - lgamma(theta) + theta log theta
 *                         - (theta + y_i) log(theta + mu_i)]   (+ terms free of theta)
 * </pre>
 *
 * from the moment estimate {@code n / sum w (y/mu - 1)^2}, and (b) IRLS for the coefficients at
 * that theta, warm-started from the last linear predictor, until theta changes by less than
 * {@code 1e-13} relative and the deviance by less than IRLS's own tolerance. Each half-step maximizes
 * the log-likelihood over its block, so the alternation climbs to the joint maximum; for the log
 * link the expected cross information of theta and the coefficients is zero, so it converges in a
 * few rounds. Theta's standard error is {@code 1 / sqrt(-l''(theta))} at the final means and theta.
 */
final class NegativeBinomialTheta {

    /** Relative change of theta between alternations at which the joint maximum is reached. */
    static final double THETA_TOLERANCE = 1e-13;
    private static final int MAX_ALTERNATIONS = 100;
    private static final int MAX_NEWTON = 100;

    private NegativeBinomialTheta() {
    }

    static FittedGlm fit(Glm model, Dataset data) {
        NegativeBinomial nb = (NegativeBinomial) model.family();
        double[] prior = data.weights();
        double[] y = nb.validate(data.response(), data.hasWeights() ? prior : null);
        // theta's likelihood weights: prior times frequency (each repeated row counts)
        double[] w = prior.clone();
        if (data.hasFrequencyWeights()) {
            double[] f = data.frequencyWeights();
            for (int i = 0; i < w.length; i++) {
                w[i] *= f[i];
            }
        }
        FittedGlm current = model.fit(data, Family.poisson().withLink(nb.link()), null, null);
        double theta = thetaMle(y, current.fittedValues(), w, Double.NaN);
        boolean converged = false;
        int rounds = 0;
        double previousDeviance = Double.NaN;
        while (rounds < MAX_ALTERNATIONS) {
            rounds++;
            current = model.fit(data, nb.fixedAt(theta), current.linearPredictor(), null);
            double next = thetaMle(y, current.fittedValues(), w, theta);
            double change = Math.abs(next - theta) / theta;
            double deviance = current.deviance();
            boolean devianceSettled = Math.abs(deviance - previousDeviance) / (Math.abs(deviance) + 0.1)
                    < current.epsilon();
            theta = next;
            previousDeviance = deviance;
            if (change < THETA_TOLERANCE || change < 1e-10 && devianceSettled) {
                converged = true;
                break;
            }
        }
        current = model.fit(data, nb.fixedAt(theta), current.linearPredictor(), null);
        double info = -secondDerivative(y, current.fittedValues(), w, theta);
        double se = info > 0 ? 1 / Math.sqrt(info) : Double.NaN;
        ThetaEstimate estimate = new ThetaEstimate(theta, se, rounds, converged);
        return model.fit(data, nb.fixedAt(theta), current.linearPredictor(), estimate);
    }

    /**
     * The maximizer of {@code l(theta)} at fixed means by Newton's method (step halved while it
     * would make theta non-positive or decrease l), from {@code start} or, when NaN, the moment
     * estimate.
     */
    static double thetaMle(double[] y, double[] mu, double[] w, double start) {
        double theta = start;
        if (!(theta > 0)) {
            double n = 0;
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                if (w[i] > 0) {
                    n += w[i];
                    double r = y[i] / mu[i] - 1;
                    s += w[i] * r * r;
                }
            }
            theta = s > 0 ? n / s : 1.0;
        }
        double value = profile(y, mu, w, theta);
        for (int it = 0; it < MAX_NEWTON; it++) {
            double g = firstDerivative(y, mu, w, theta);
            double h = secondDerivative(y, mu, w, theta);
            double step = h < 0 ? -g / h : (g > 0 ? theta : -theta / 2);
            double t = 1;
            double next = theta + step;
            double nextValue = next > 0 ? profile(y, mu, w, next) : Double.NaN;
            int halvings = 0;
            while (!(nextValue >= value) && halvings < 60) {
                t /= 2;
                halvings++;
                next = theta + t * step;
                nextValue = next > 0 ? profile(y, mu, w, next) : Double.NaN;
            }
            if (!(nextValue >= value)) {
                break;
            }
            boolean small = Math.abs(next - theta) <= 1e-15 * theta;
            theta = next;
            value = nextValue;
            if (small) {
                break;
            }
        }
        if (!(theta > 0) || Double.isInfinite(theta) || theta > 1e12) {
            throw new InvalidDataException("the negative binomial theta estimate runs off to " + theta
                    + ": the data show no overdispersion; fit the Poisson family instead");
        }
        return theta;
    }

    private static double profile(double[] y, double[] mu, double[] w, double theta) {
        double lg = Gamma.logGamma(theta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            if (w[i] > 0) {
                s += w[i] * (Gamma.logGamma(theta + y[i]) - lg + theta * Math.log(theta)
                        - (theta + y[i]) * Math.log(theta + mu[i]));
            }
        }
        return s;
    }

    static double firstDerivative(double[] y, double[] mu, double[] w, double theta) {
        double dg = Gamma.digamma(theta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            if (w[i] > 0) {
                s += w[i] * (Gamma.digamma(theta + y[i]) - dg + Math.log(theta) + 1 - Math.log(theta + mu[i])
                        - (y[i] + theta) / (mu[i] + theta));
            }
        }
        return s;
    }

    static double secondDerivative(double[] y, double[] mu, double[] w, double theta) {
        double tg = Gamma.trigamma(theta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            if (w[i] > 0) {
                double m = mu[i] + theta;
                s += w[i] * (Gamma.trigamma(theta + y[i]) - tg + 1 / theta - 2 / m + (y[i] + theta) / (m * m));
            }
        }
        return s;
    }
}
