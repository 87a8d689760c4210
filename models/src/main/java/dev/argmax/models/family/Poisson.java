package dev.argmax.models.family;

import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.PoissonDatafit;
import java.util.List;

/**
 * Poisson counts, {@code V(mu) = mu}, links log (canonical), identity and sqrt; dispersion 1. The
 * response must be a non-negative whole number. The log-likelihood is R's
 * {@code sum_i w_i log dpois(y_i, mu_i) = sum_i w_i (y_i log mu_i - mu_i - log y_i!)}, with the
 * {@code log y!} constant. Starting means are R's {@code y + 0.1}.
 */
public final class Poisson extends AbstractFamily {

    static final List<Link> LINKS = List.of(Link.LOG, Link.IDENTITY, Link.SQRT);
    static final Poisson INSTANCE = new Poisson(Link.LOG);

    private Poisson(Link link) {
        super("poisson", link, PoissonVariance.INSTANCE, LINKS, Link.LOG);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.LOG) ? INSTANCE : new Poisson(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.nonNegative(y, weights, "Poisson", true);
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return Responses.shifted(y, 0.1, false);
    }

    @Override
    public boolean boundaryResponses() {
        return true;
    }

    @Override
    public boolean estimatesDispersion() {
        return false;
    }

    /** {@code e^eta - y eta} for the log link (the core's datafit). */
    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return isCanonical() ? new PoissonDatafit(y, weights) : new FamilyDatafit(this, y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w <= 0) {
                continue;
            }
            double term = (y[i] == 0 ? 0.0 : y[i] * Math.log(mu[i])) - mu[i]
                    - org.apache.commons.math3.special.Gamma.logGamma(y[i] + 1);
            s += w * term;
        }
        return s;
    }
}
