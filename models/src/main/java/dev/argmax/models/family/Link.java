package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import java.util.List;

/**
 * A link function {@code eta = g(mu)} between the mean and the linear predictor, with what the
 * fitting and inference need: the inverse {@code mu = g^-1(eta)}, its first derivative
 * {@code dmu/deta} (R's {@code mu.eta}, in the Fisher weights {@code (dmu/deta)^2 / V(mu)}), its
 * second derivative {@code d2mu/deta2} (in the observed information) and the valid linear
 * predictors (R's {@code valideta}). Each link is one small immutable class; a {@link Family}
 * lists the links it allows. Links are equal when their names are.
 *
 * <p>Where R bounds a link's inverse or its derivative to keep IRLS away from 0 and 1 (probit,
 * cauchit, cloglog: {@code mu} in {@code [eps, 1 - eps]}, {@code dmu/deta >= eps} with
 * {@code eps} the machine epsilon), the same bounds are applied, so that fits agree with R's
 * also at the edges.
 */
public interface Link {

    /** {@code eta = mu}. */
    Link IDENTITY = new IdentityLink();
    /** {@code eta = log mu}. */
    Link LOG = new LogLink();
    /** {@code eta = log(mu / (1 - mu))}. */
    Link LOGIT = new LogitLink();
    /** {@code eta = Phi^-1(mu)}. */
    Link PROBIT = new ProbitLink();
    /** {@code eta = tan(pi (mu - 1/2))}, the Cauchy quantile. */
    Link CAUCHIT = new CauchitLink();
    /** {@code eta = log(-log(1 - mu))}. */
    Link CLOGLOG = new CloglogLink();
    /** {@code eta = sqrt(mu)}. */
    Link SQRT = new SqrtLink();
    /** {@code eta = 1 / mu}. */
    Link INVERSE = new InverseLink();
    /** {@code eta = 1 / mu^2}. */
    Link INVERSE_SQUARE = new InverseSquareLink();

    /** Every link, for {@link #of}. */
    List<Link> ALL = List.of(IDENTITY, LOG, LOGIT, PROBIT, CAUCHIT, CLOGLOG, SQRT, INVERSE, INVERSE_SQUARE);

    /** R's name of the link, e.g. "logit", "1/mu^2". */
    String label();

    /** {@code g(mu)}. */
    double link(double mu);

    /** {@code g^-1(eta)}. */
    double inverse(double eta);

    /** {@code d g^-1 / d eta} at eta (R's {@code mu.eta}). */
    double derivative(double eta);

    /** {@code d^2 g^-1 / d eta^2} at eta (for the observed information of a non-canonical link). */
    double secondDerivative(double eta);

    /** Whether eta is a valid linear predictor (R's {@code valideta}); finite ones are by default. */
    default boolean validEta(double eta) {
        return Double.isFinite(eta);
    }

    /**
     * The link with R's name ({@code identity, log, logit, probit, cauchit, cloglog, sqrt,
     * inverse, 1/mu^2}; {@code inverse_squared} and {@code inverse-squared} are accepted for
     * {@code 1/mu^2}).
     *
     * @throws InvalidDataException naming the known links
     */
    static Link of(String name) {
        String key = name.trim();
        if (key.equalsIgnoreCase("inverse_squared") || key.equalsIgnoreCase("inverse-squared")) {
            key = INVERSE_SQUARE.label();
        }
        for (Link l : ALL) {
            if (l.label().equalsIgnoreCase(key)) {
                return l;
            }
        }
        throw new InvalidDataException("unknown link '" + name + "'; the links are "
                + String.join(", ", ALL.stream().map(Link::label).toList()));
    }
}
