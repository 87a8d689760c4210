package dev.argmax.spark;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.NegativeBinomial;
import dev.argmax.models.family.Tweedie;
import java.io.Serializable;

/**
 * A family as it travels to the executors: R's family name, the link's name and the family's
 * parameter (the negative binomial's theta, the Tweedie variance power; NaN otherwise), from which
 * every partition rebuilds the same {@link Family}.
 */
record FamilySpec(String name, String link, double theta, double power) implements Serializable {

    /**
     * @throws InvalidDataException for a negative binomial whose theta is to be estimated (a
     *     distributed fit takes theta as given: estimate it on a sample with {@code Glm}, or fix it)
     */
    static FamilySpec of(Family family) {
        String link = family.link().label();
        if (family instanceof NegativeBinomial nb) {
            if (nb.estimatesTheta()) {
                throw new InvalidDataException("argmax-spark fits the negative binomial at a given theta: use "
                        + "Family.negativeBinomial(theta) (theta can be estimated on one machine with Glm)");
            }
            return new FamilySpec("negbin", link, nb.theta(), Double.NaN);
        }
        if (family instanceof Tweedie t) {
            return new FamilySpec("tweedie", link, Double.NaN, t.power());
        }
        return new FamilySpec(family.name(), link, Double.NaN, Double.NaN);
    }

    Family family() {
        Family base = name.equals("negbin") ? Family.negativeBinomial(theta)
                : name.equals("tweedie") ? Family.tweedie(power) : Family.of(name);
        return base.link().label().equals(link) ? base : base.withLink(link);
    }
}
