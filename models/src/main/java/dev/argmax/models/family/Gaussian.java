package dev.argmax.models.family;

import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.QuadraticDatafit;
import java.util.List;

/**
 * Gaussian errors, {@code V(mu) = 1}, links identity (canonical), log and inverse; dispersion
 * estimated. The log-likelihood is R's, with the maximum-likelihood variance
 * {@code sigma^2 = D / n}: {@code -n/2 (log(2 pi D / n) + 1) + (1/2) sum log w_i} over the n
 * observations with positive weight; it counts the variance as a parameter. Starting means are y.
 */
public final class Gaussian extends AbstractFamily {

    private static final List<Link> LINKS = List.of(Link.IDENTITY, Link.LOG, Link.INVERSE);
    static final Gaussian INSTANCE = new Gaussian(Link.IDENTITY);

    private Gaussian(Link link) {
        super("gaussian", link, ConstantVariance.INSTANCE, LINKS, Link.IDENTITY);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.IDENTITY) ? INSTANCE : new Gaussian(link);
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
    public boolean estimatesDispersion() {
        return true;
    }

    /** Squared error for the identity link (the core's least-squares datafit). */
    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return isCanonical() ? new QuadraticDatafit(y, weights) : new FamilyDatafit(this, y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        return logLikelihood(y, mu, weights, null, deviance);
    }

    /**
     * {@code -n/2 (log(2 pi dev / n) + 1) + 1/2 sum f_i log w_i} with {@code n = sum f_i} over the
     * rows of positive weight: R's {@code gaussian()$aic} on the repeated rows.
     */
    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double[] frequencyWeights,
                                double deviance) {
        double n = 0;
        double logW = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double f = frequencyWeights == null ? 1.0 : frequencyWeights[i];
            if (w > 0 && f > 0) {
                n += f;
                logW += f * Math.log(w);
            }
        }
        return -0.5 * n * (Math.log(2 * Math.PI * deviance / n) + 1) + 0.5 * logW;
    }
}
