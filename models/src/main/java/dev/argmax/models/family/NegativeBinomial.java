package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.objective.Datafit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Negative binomial NB2 counts: {@code Var(y) = mu + mu^2 / theta} with theta R's {@code size}
 * (statsmodels' {@code alpha = 1/theta}), links log (default), sqrt and identity; dispersion 1.
 * With theta known this is {@code MASS::negative.binomial(theta)}; {@link Family#negativeBinomial()}
 * leaves theta to be estimated by maximum likelihood with the coefficients, as
 * {@code MASS::glm.nb} (the fit then reports theta and its standard error). The log-likelihood is
 * {@code sum_i w_i [lgamma(theta + y_i) - lgamma(theta) - lgamma(y_i + 1) + theta log theta +
 * y_i log mu_i - (theta + y_i) log(theta + mu_i)]}; with theta known AIC counts only the
 * coefficients (R's {@code glm}), with theta estimated it counts theta too ({@code glm.nb}).
 * Starting means are R's {@code y + (y == 0)/6}. The log link is not canonical for this family
 * (its canonical link involves theta), so IRLS is Fisher scoring.
 */
public final class NegativeBinomial extends AbstractFamily {

    private static final List<Link> LINKS = List.of(Link.LOG, Link.SQRT, Link.IDENTITY);
    static final NegativeBinomial ESTIMATED = new NegativeBinomial(Double.NaN, Link.LOG);

    private final double theta;

    private NegativeBinomial(double theta, Link link) {
        super(name(theta), link, new NegativeBinomialVariance(theta), LINKS, null);
        this.theta = theta;
    }

    static NegativeBinomial of(double theta) {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new InvalidDataException("the negative binomial theta must be finite and > 0, got " + theta);
        }
        return new NegativeBinomial(theta, Link.LOG);
    }

    /** R's family name: "Negative Binomial(theta rounded to 4 decimals)". */
    private static String name(double theta) {
        if (Double.isNaN(theta)) {
            return "Negative Binomial";
        }
        String t = new BigDecimal(theta).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return "Negative Binomial(" + t + ")";
    }

    /** Theta, or NaN when it is to be estimated. */
    public double theta() {
        return theta;
    }

    /** Whether theta is to be estimated with the coefficients. */
    public boolean estimatesTheta() {
        return Double.isNaN(theta);
    }

    /** The same link with theta fixed at this value ({@code > 0}). */
    public NegativeBinomial fixedAt(double value) {
        return new NegativeBinomial(of(value).theta, link());
    }

    @Override
    double parameter() {
        return theta;
    }

    @Override
    public Family withLink(Link link) {
        return new NegativeBinomial(theta, allowed(link));
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.nonNegative(y, weights, "negative binomial", true);
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return Responses.shifted(y, 1.0 / 6, true);
    }

    @Override
    public boolean boundaryResponses() {
        return true;
    }

    @Override
    public boolean estimatesDispersion() {
        return false;
    }

    @Override
    public Datafit datafit(double[] y, double[] weights) {
        requireTheta();
        return super.datafit(y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        requireTheta();
        return logLikelihoodAt(y, mu, weights, theta);
    }

    /** The log-likelihood at any theta. */
    private static double logLikelihoodAt(double[] y, double[] mu, double[] weights, double theta) {
        double lgTheta = org.apache.commons.math3.special.Gamma.logGamma(theta);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w <= 0) {
                continue;
            }
            double v = y[i];
            s += w * (org.apache.commons.math3.special.Gamma.logGamma(theta + v) - lgTheta
                    - org.apache.commons.math3.special.Gamma.logGamma(v + 1) + theta * Math.log(theta)
                    + (v == 0 ? 0.0 : v * Math.log(mu[i])) - (theta + v) * Math.log(theta + mu[i]));
        }
        return s;
    }

    private void requireTheta() {
        if (estimatesTheta()) {
            throw new InvalidDataException("the negative binomial theta is to be estimated: only an unpenalized "
                    + "Glm fit estimates it; give theta (Family.negativeBinomial(theta), --theta) otherwise");
        }
    }
}
