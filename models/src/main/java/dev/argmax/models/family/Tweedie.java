package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import java.util.List;

/**
 * Tweedie compound Poisson-gamma responses ({@code y >= 0}, exact zeros allowed) with a fixed
 * variance power {@code 1 < p < 2}: {@code V(mu) = mu^p}, log link, dispersion estimated
 * (Pearson), as {@code statmod::tweedie(var.power = p, link.power = 0)}. Fitted by
 * quasi-likelihood: no log-likelihood, AIC or BIC. Starting means are statmod's
 * {@code y + 0.1 (y == 0)}.
 */
public final class Tweedie extends AbstractFamily {

    private final double power;

    private Tweedie(double power) {
        super("Tweedie", Link.LOG, new PowerVariance(power), List.of(Link.LOG), null);
        this.power = power;
    }

    static Tweedie withPower(double power) {
        if (!(power > 1 && power < 2)) {
            throw new InvalidDataException("the Tweedie variance power must lie strictly between 1 and 2, got "
                    + power);
        }
        return new Tweedie(power);
    }

    /** The variance power p. */
    public double power() {
        return power;
    }

    @Override
    double parameter() {
        return power;
    }

    @Override
    public Family withLink(Link link) {
        allowed(link);
        return this;
    }

    @Override
    public double[] validate(double[] y, double[] weights) {
        return Responses.nonNegative(y, weights, "Tweedie", false);
    }

    @Override
    public double[] startingMeans(double[] y, double[] weights) {
        return Responses.shifted(y, 0.1, true);
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

    @Override
    public String toString() {
        return "Tweedie(var.power = " + power + ", log link)";
    }
}
