package dev.argmax.models.family;


/**
 * Quasi-binomial: the binomial variance {@code mu (1 - mu)} and links, with the dispersion
 * estimated from Pearson's chi-square (t statistics) and no likelihood (no log-likelihood, AIC or
 * BIC; R's NA). Coefficients equal the binomial fit's; standard errors are scaled by the square
 * root of the dispersion. The response is a proportion in [0, 1] (the weights need not make whole
 * numbers of successes). Starting means as binomial.
 */
public final class QuasiBinomial extends AbstractFamily {

    static final QuasiBinomial INSTANCE = new QuasiBinomial(Link.LOGIT);

    private QuasiBinomial(Link link) {
        super("quasibinomial", link, BinomialVariance.INSTANCE, Binomial.LINKS, Link.LOGIT);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.LOGIT) ? INSTANCE : new QuasiBinomial(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.binomial(y, weights, true);
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
        return true;
    }

    @Override
    public boolean hasLikelihood() {
        return false;
    }

    @Override
    public double logLikelihood(double[] y, double[] mu, double[] weights, double deviance) {
        return Double.NaN;
    }
}
