package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.Link;
import dev.argmax.optim.IncompatibleSolverException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each invalid input is rejected before any work, with a message that names the problem. */
class GlmValidationTest {

    private static Dataset data(double[] y, double[] weights) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(y).weights(weights)
                .build();
    }

    private static String fail(Family family, Dataset d) {
        return assertThrows(InvalidDataException.class, () -> Glm.builder(family).build().fit(d)).getMessage();
    }

    @Test
    void binomialResponseOutsideZeroOne() {
        assertEquals("binomial response must be 0 or 1 (or a proportion in [0, 1] with the number of trials as "
                + "weight), got 2.0 at row 3", fail(Family.binomial(), data(new double[] {0, 1, 2, 0}, null)));
    }

    @Test
    void binomialProportionWithoutTrials() {
        assertEquals("binomial response must be 0 or 1, got 0.5 at row 2 (a proportion of successes needs the "
                + "number of trials as weight)", fail(Family.binomial(), data(new double[] {0, 0.5, 1, 0}, null)));
    }

    @Test
    void binomialProportionThatIsNoWholeNumberOfSuccesses() {
        assertEquals("binomial response 0.5 at row 2 times its weight 3.0 is not a whole number of successes",
                fail(Family.binomial(), data(new double[] {0, 0.5, 1, 0}, new double[] {1, 3, 1, 1})));
    }

    @Test
    void poissonNegativeCount() {
        assertEquals("Poisson response must be a non-negative count, got -1.0 at row 2",
                fail(Family.poisson(), data(new double[] {0, -1, 2, 3}, null)));
    }

    @Test
    void poissonNonIntegerCount() {
        assertEquals("Poisson response must be a whole-number count, got 2.5 at row 3",
                fail(Family.poisson(), data(new double[] {0, 1, 2.5, 3}, null)));
    }

    @Test
    void unknownFamily() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Family.of("weibull"));
        assertEquals("unknown family 'weibull'; the families are gaussian, binomial, poisson, gamma, "
                + "inverse.gaussian, quasibinomial, quasipoisson, negbin, tweedie", e.getMessage());
        assertEquals("link 'identity' is not available for the binomial family; its links are logit, probit, "
                + "cauchit, log, cloglog", assertThrows(InvalidDataException.class,
                        () -> Family.binomial().withLink("identity")).getMessage());
        assertEquals("unknown link 'logt'; the links are identity, log, logit, probit, cauchit, cloglog, sqrt, "
                + "inverse, 1/mu^2", assertThrows(InvalidDataException.class, () -> Link.of("logt")).getMessage());
        assertTrue(assertThrows(InvalidDataException.class, () -> Family.of("tweedie")).getMessage()
                .contains("variance power"));
    }

    @Test
    void badSettings() {
        assertEquals("epsilon must be finite and > 0, got 0.0", assertThrows(InvalidDataException.class,
                () -> Glm.builder(Family.binomial()).epsilon(0)).getMessage());
        assertEquals("maxIterations must be >= 1, got 0", assertThrows(InvalidDataException.class,
                () -> Glm.builder(Family.binomial()).maxIterations(0)).getMessage());
        String m = assertThrows(IllegalArgumentException.class,
                () -> Glm.builder(Family.binomial()).solver("simplex")).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(m.startsWith("unknown solver 'simplex'; the solvers are [")
                && m.contains("irls") && m.contains("qr"), m);
    }

    @Test
    void qrSolverForLogistic() {
        Dataset d = data(new double[] {0, 1, 0, 1}, null);
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> Glm.builder(Family.binomial()).solver("qr").build().fit(d));
        // every registered solver that handles it is listed
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("solver 'qr' needs a squared-error "
                + "(least-squares) loss, which the logistic datafit with penalty none does not offer; solvers that "
                + "handle it: "), e.getMessage());
        for (String name : java.util.List.of("irls", "cd", "gd", "ista", "fista", "lbfgs")) {
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
