package dev.argmax.models.family;

/**
 * Quasi-Poisson: the Poisson variance {@code mu} and links, with the dispersion estimated from
 * Pearson's chi-square (t statistics) and no likelihood (no log-likelihood, AIC or BIC; R's NA).
 * The response must be {@code >= 0} (not necessarily whole). Starting means {@code y + 0.1}.
 */
public final class QuasiPoisson extends AbstractFamily {

    static final QuasiPoisson INSTANCE = new QuasiPoisson(Link.LOG);

    private QuasiPoisson(Link link) {
        super("quasipoisson", link, PoissonVariance.INSTANCE, Poisson.LINKS, Link.LOG);
    }

    @Override
    public Family withLink(Link link) {
        return link.equals(Link.LOG) ? INSTANCE : new QuasiPoisson(link);
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.nonNegative(y, weights, "quasi-Poisson", false);
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
