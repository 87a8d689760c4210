package dev.argmax.models.family;

/**
 * The variance function {@code V(mu)} of a family, {@code Var(y) = phi V(mu) / w}, with what it
 * determines: the unit deviance {@code d(y, mu) = 2 int_mu^y (y - t) / V(t) dt} (so that
 * {@code dd/dmu = -2 (y - mu) / V(mu)}, the quasi-likelihood score), the derivative
 * {@code V'(mu)} (in the observed information of a non-canonical link) and the valid means
 * (R's {@code validmu}). Independent of the link: a {@link Family} pairs one variance with one of
 * the links it allows.
 */
public interface Variance {

    /** R's name of the variance function, e.g. "mu(1-mu)", "mu^2". */
    String label();

    /** {@code V(mu)}. */
    double value(double mu);

    /** {@code V'(mu)}. */
    double derivative(double mu);

    /** The unit deviance {@code d(y, mu) >= 0}, zero at {@code mu = y}. */
    double unitDeviance(double y, double mu);

    /** Whether mu is a valid mean (R's {@code validmu}): finite, and in the support where V > 0. */
    boolean validMu(double mu);
}
