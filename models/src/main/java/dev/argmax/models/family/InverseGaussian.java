package dev.argmax.models.family;

import java.util.List;

/**
 * Inverse Gaussian responses ({@code y > 0}), {@code V(mu) = mu^3}, links {@code 1/mu^2}
 * (canonical, R's default), inverse, identity and log; dispersion estimated (Pearson). The
 * log-likelihood is R's, at the ML dispersion {@code phi = D / sum(w)}:
 * {@code -(1/2) [sum(w) (log(2 pi phi) + 1) + 3 sum_i w_i log y_i]}; it counts the dispersion as
 * a parameter. Starting means are y.
 */
public final class InverseGaussian extends AbstractFamily {

    private static final List<Link> LINKS = List.of(Link.INVERSE_SQUARE, Link.INVERSE, Link.IDENTITY, Link.LOG);
    static final InverseGaussian INSTANCE = new InverseGaussian(Link.INVERSE_SQUARE);

    private InverseGaussian(Link link) {
        super("inverse.gaussian", link, InverseGaussianVariance.INSTANCE, LINKS, Link.INVERSE_SQUARE);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.INVERSE_SQUARE) ? INSTANCE : new InverseGaussian(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.positive(y, weights, "inverse.gaussian");
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
        double sw = Responses.weightSum(weights, y.length);
        double phi = deviance / sw;
        double logY = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w > 0) {
                logY += w * Math.log(y[i]);
            }
        }
        return -0.5 * (sw * (Math.log(2 * Math.PI * phi) + 1) + 3 * logY);
    }
}
