package dev.argmax.models.family;

import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import java.util.List;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Binomial responses, {@code V(mu) = mu (1 - mu)}, links logit (canonical), probit, cauchit, log
 * and cloglog; dispersion 1. The response is 0/1, or (as in R) a proportion of successes with the
 * number of trials as weight, in which case {@code w_i y_i} must be a whole number of successes.
 * The log-likelihood is R's: {@code sum_i log dbinom(round(m_i y_i), round(m_i), mu_i)} with
 * {@code m_i = w_i}. Starting means are R's {@code (w y + 1/2) / (w + 1)}.
 */
public final class Binomial extends AbstractFamily {

    static final List<Link> LINKS = List.of(Link.LOGIT, Link.PROBIT, Link.CAUCHIT, Link.LOG, Link.CLOGLOG);
    static final Binomial INSTANCE = new Binomial(Link.LOGIT);

    private Binomial(Link link) {
        super("binomial", link, BinomialVariance.INSTANCE, LINKS, Link.LOGIT);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.LOGIT) ? INSTANCE : new Binomial(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.binomial(y, weights, false);
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return Responses.binomialStart(y, weights);
    }

    @Override
    public boolean boundaryResponses() {
        return true;
    }

    @Override
    public boolean estimatesDispersion() {
        return false;
    }

    /** The logistic loss for the logit link (the core's datafit). */
    @Override
    public Datafit datafit(double[] y, double[] weights) {
        return isCanonical() ? new LogisticDatafit(y, weights) : new FamilyDatafit(this, y, weights);
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        return logLikelihood(y, mu, weights, null, deviance);
    }

    /**
     * {@code sum_i f_i log dbinom(m_i y_i; m_i, mu_i)} with the prior weights {@code m_i} as the
     * numbers of trials (R's {@code binomial()$aic} on the repeated rows).
     */
    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double[] frequencyWeights,
                                double deviance) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double m = weights == null ? 1.0 : weights[i];
            double f = frequencyWeights == null ? 1.0 : frequencyWeights[i];
            if (m <= 0 || f <= 0) {
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
            s += f * term;
        }
        return s;
    }
}
