package dev.argmax.models.family;

/**
 * {@code eta = log(-log(1 - mu))}: {@code mu = 1 - exp(-e^eta)},
 * {@code dmu/deta = e^eta exp(-e^eta)}, {@code d2mu/deta2 = (1 - e^eta) dmu/deta}. As R's
 * {@code binomial("cloglog")}, mu is kept in {@code [eps, 1 - eps]} and {@code dmu/deta} at least
 * eps (eps the machine epsilon), with eta capped at 700 in the derivative.
 */
final class CloglogLink extends AbstractLink {

    @Override
    public String label() {
        return "cloglog";
    }

    @Override
    public double link(double mu) {
        return Math.log(-Math.log1p(-mu));
    }

    @Override
    public double inverse(double eta) {
        return Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS);
    }

    @Override
    public double derivative(double eta) {
        double e = Math.exp(Math.min(eta, 700));
        return Math.max(e * Math.exp(-e), EPS);
    }

    @Override
    public double secondDerivative(double eta) {
        double e = Math.exp(Math.min(eta, 700));
        return (1 - e) * e * Math.exp(-e);
    }
}
