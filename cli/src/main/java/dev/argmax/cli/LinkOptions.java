package dev.argmax.cli;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that complete {@code --family}: its link, the negative binomial theta and the
 * Tweedie variance power. Shared by {@code fit}, {@code path}, {@code cv} and {@code compare}.
 */
public final class LinkOptions {

    /** Family names in option help. */
    static final String FAMILIES = "gaussian, binomial, poisson, gamma, inverse.gaussian, quasibinomial, "
            + "quasipoisson, negbin, tweedie, multinomial";

    @Option(names = "--link", paramLabel = "LINK", description = "link function (default: the family's, as R): "
            + "identity, log, logit, probit, cauchit, cloglog, sqrt, inverse, 1/mu^2")
    String link;

    @Option(names = "--theta", paramLabel = "THETA", description = "negative binomial theta, fixed (default for "
            + "--family negbin: estimated by maximum likelihood, as MASS::glm.nb)")
    Double theta;

    @Option(names = "--var-power", paramLabel = "P", description = "Tweedie variance power, 1 < P < 2 (required "
            + "with --family tweedie; log link)")
    Double varPower;

    /**
     * The family of that name with these options.
     *
     * @throws InvalidDataException for an unknown family or link, a link the family does not allow,
     *     or {@code --theta} / {@code --var-power} given to a family without that parameter
     */
    public Family family(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("[._ -]", "");
        boolean negbin = key.equals("negbin") || key.equals("negativebinomial") || key.equals("nb");
        boolean tweedie = key.equals("tweedie");
        if (theta != null && !negbin) {
            throw new InvalidDataException("--theta applies to --family negbin only, not " + name);
        }
        if (varPower != null && !tweedie) {
            throw new InvalidDataException("--var-power applies to --family tweedie only, not " + name);
        }
        Family f;
        if (negbin) {
            f = theta == null ? Family.negativeBinomial() : Family.negativeBinomial(theta);
        } else if (tweedie) {
            if (varPower == null) {
                throw new InvalidDataException("--family tweedie needs --var-power P with 1 < P < 2");
            }
            f = Family.tweedie(varPower);
        } else {
            f = Family.of(name);
        }
        return link == null ? f : f.withLink(link);
    }
}
