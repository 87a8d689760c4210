package dev.argmax.models.family;

import java.util.List;

/**
 * Gamma responses ({@code y > 0}), {@code V(mu) = mu^2}, links inverse (canonical, R's default),
 * identity and log; dispersion estimated (Pearson). The log-likelihood is R's
 * {@code Gamma()$aic} convention: {@code sum_i w_i log dgamma(y_i; shape 1/phi, scale mu_i phi)}
 * with {@code phi = D / sum(w)} (neither the Pearson dispersion used for the standard errors nor
 * the exact ML estimate); it counts the dispersion as a parameter. Starting means are y.
 */
public final class Gamma extends AbstractFamily {

    private static final List<Link> LINKS = List.of(Link.INVERSE, Link.IDENTITY, Link.LOG);
    static final Gamma INSTANCE = new Gamma(Link.INVERSE);

    private Gamma(Link link) {
        super("Gamma", link, GammaVariance.INSTANCE, LINKS, Link.INVERSE);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.INVERSE) ? INSTANCE : new Gamma(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.positive(y, weights, "Gamma");
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return y.clone();
    }

    @Override
    public boolean estimatesDispersion() {
        return true;
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        double phi = deviance / Responses.weightSum(weights, y.length);
        double shape = 1 / phi;
        double logGammaShape = org.apache.commons.math3.special.Gamma.logGamma(shape);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w <= 0) {
                continue;
            }
            double scale = mu[i] * phi;
            s += w * (-logGammaShape - shape * Math.log(scale) + (shape - 1) * Math.log(y[i]) - y[i] / scale);
        }
        return s;
    }
}
