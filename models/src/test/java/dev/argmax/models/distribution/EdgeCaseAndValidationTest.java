package dev.argmax.models.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import org.junit.jupiter.api.Test;

/**
 * Edge cases are answered, not crashed: MLEs on the boundary with zero standard errors and a
 * warning, infinite log-odds, no finite MLE; invalid data rejected before any work with a message
 * that names the problem and the observation.
 */
class EdgeCaseAndValidationTest {

    @Test
    void allSuccessesGiveABoundaryMleWithInfiniteLogOdds() {
        MaximumLikelihoodFit fit = new Bernoulli().fit(new double[] {1, 1, 1, 1});
        assertEquals(1.0, fit.estimate("p"));
        assertEquals(0.0, fit.standardError("p"));
        assertEquals(Double.POSITIVE_INFINITY, fit.fisherInformationPerObservation()[0][0]);
        assertEquals(0.0, fit.logLikelihood());
        assertFalse(fit.regular());
        assertTrue(fit.warnings().get(0).contains("boundary"), fit.warnings().toString());
        assertTrue(fit.warnings().get(0).contains("all 4 observations are successes"));
        Interval wald = fit.waldInterval("p", 0.95);
        assertEquals(1.0, wald.lower());
        assertEquals(1.0, wald.upper());
        DerivedEstimate logOdds = fit.derive("p", Transformation.LOG_ODDS);
        assertEquals(Double.POSITIVE_INFINITY, logOdds.estimate());
        assertTrue(Double.isNaN(logOdds.standardError()));
        assertTrue(logOdds.warnings().get(0).contains("no finite MLE of log-odds(p)"), logOdds.warnings().toString());
    }

    @Test
    void allFailuresGiveMinusInfiniteLogOdds() {
        MaximumLikelihoodFit fit = new Bernoulli().fit(new double[] {0, 0, 0});
        assertEquals(0.0, fit.estimate("p"));
        assertEquals(0.0, fit.standardError("p"));
        assertEquals(Double.NEGATIVE_INFINITY, fit.derive("p", Transformation.LOG_ODDS).estimate());
        assertTrue(fit.warnings().get(0).contains("all 3 observations are failures"));
    }

    @Test
    void interiorLogOddsHasTheDeltaMethodStandardError() {
        MaximumLikelihoodFit fit = new Bernoulli().fit(new double[] {1, 0, 1, 1, 0, 1, 1, 1, 0, 1});
        DerivedEstimate logOdds = fit.derive("p", Transformation.LOG_ODDS);
        assertEquals(Math.log(7.0 / 3.0), logOdds.estimate(), 1e-15);
        // se(logit p_hat) = 1 / sqrt(n p (1-p))
        assertEquals(1 / Math.sqrt(10 * 0.7 * 0.3), logOdds.standardError(), 1e-15);
        assertTrue(logOdds.warnings().isEmpty());
        Interval ci = logOdds.waldInterval(0.95);
        assertEquals(logOdds.estimate() - 1.959963984540054 * logOdds.standardError(), ci.lower(), 1e-14);
    }

    @Test
    void poissonAllZerosIsOnTheBoundary() {
        MaximumLikelihoodFit fit = new Poisson().fit(new double[] {0, 0, 0, 0, 0});
        assertEquals(0.0, fit.estimate("lambda"));
        assertEquals(0.0, fit.standardError("lambda"));
        assertEquals(0.0, fit.logLikelihood());
        assertTrue(fit.warnings().get(0).contains("all 5 counts are 0"));
    }

    @Test
    void exponentialAllZerosHasNoFiniteMle() {
        MaximumLikelihoodFit fit = new Exponential().fit(new double[] {0, 0});
        assertEquals(Double.POSITIVE_INFINITY, fit.estimate("rate"));
        assertEquals(Double.POSITIVE_INFINITY, fit.logLikelihood());
        assertTrue(fit.warnings().get(0).contains("no finite MLE"));
    }

    @Test
    void geometricAllZerosIsOnTheBoundary() {
        MaximumLikelihoodFit fit = new Geometric().fit(new double[] {0, 0, 0});
        assertEquals(1.0, fit.estimate("p"));
        assertEquals(0.0, fit.standardError("p"));
        assertFalse(fit.regular());
    }

    @Test
    void singleGaussianObservationHasZeroVarianceMleAndNoUnbiasedVariance() {
        MaximumLikelihoodFit fit = Gaussian.bothUnknown().fit(new double[] {4.2});
        assertEquals(4.2, fit.estimate("mu"));
        assertEquals(0.0, fit.estimate("sigma2"));
        assertEquals(Double.POSITIVE_INFINITY, fit.logLikelihood());
        assertEquals(0.0, fit.standardError("mu"));
        assertTrue(fit.warnings().get(0).contains("a single observation"), fit.warnings().toString());
        DerivedEstimate sigma = fit.derive("sigma2", Transformation.SQUARE_ROOT);
        assertEquals(0.0, sigma.estimate());
        assertEquals(0.0, sigma.standardError(), "sigma_hat / sqrt(2n) = 0");
        assertFalse(sigma.warnings().isEmpty());
        Gaussian.VarianceEstimates v = Gaussian.varianceEstimates(new double[] {4.2});
        assertEquals(0.0, v.varianceMle());
        assertTrue(Double.isNaN(v.varianceUnbiased()), "1/(n-1) is undefined for n = 1");
        MaximumLikelihoodFit equal = Gaussian.bothUnknown().fit(new double[] {0.1, 0.1, 0.1});
        assertEquals(0.0, equal.estimate("sigma2"));
        assertTrue(equal.warnings().get(0).contains("all 3 observations are equal"));
    }

    @Test
    void gaussianVarianceEstimatesSideBySide() {
        Gaussian.VarianceEstimates v = Gaussian.varianceEstimates(new double[] {1, 2, 3, 4});
        assertEquals(1.25, v.varianceMle());
        assertEquals(5.0 / 3.0, v.varianceUnbiased(), 1e-15);
        assertEquals(Math.sqrt(1.25), v.sdMle(), 1e-15);
    }

    @Test
    void emptyDataIsRejected() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> new Poisson().fit(new double[0]));
        assertTrue(e.getMessage().contains("no observations"), e.getMessage());
        assertThrows(InvalidDataException.class, () -> Gaussian.bothUnknown().fit(new double[0]));
        InvalidDataException m = assertThrows(InvalidDataException.class,
                () -> Multinomial.withCategories(3).fit(new double[] {0, 0, 0}));
        assertTrue(m.getMessage().contains("all category counts are 0"), m.getMessage());
    }

    @Test
    void invalidValuesAreRejectedWithTheirPosition() {
        String negative = assertThrows(InvalidDataException.class,
                () -> new Poisson().fit(new double[] {1, -2, 3})).getMessage();
        assertTrue(negative.contains("observation 2") && negative.contains("negative"), negative);
        String fractional = assertThrows(InvalidDataException.class,
                () -> new Poisson().fit(new double[] {1, 2.5})).getMessage();
        assertTrue(fractional.contains("not an integer"), fractional);
        String nan = assertThrows(InvalidDataException.class,
                () -> Gaussian.bothUnknown().fit(new double[] {1, Double.NaN})).getMessage();
        assertTrue(nan.contains("observation 2 is NaN"), nan);
        String notBinary = assertThrows(InvalidDataException.class,
                () -> new Bernoulli().fit(new double[] {0, 1, 2})).getMessage();
        assertTrue(notBinary.contains("0 or 1") && notBinary.contains("observation 3"), notBinary);
        String tooMany = assertThrows(InvalidDataException.class,
                () -> new Binomial(5).fit(new double[] {3, 6})).getMessage();
        assertTrue(tooMany.contains("larger than the number of trials 5"), tooMany);
        String negativeTime = assertThrows(InvalidDataException.class,
                () -> new Exponential().fit(new double[] {1, -0.5})).getMessage();
        assertTrue(negativeTime.contains("negative"), negativeTime);
        String wrongK = assertThrows(InvalidDataException.class,
                () -> Multinomial.withCategories(3).fit(new double[] {1, 2})).getMessage();
        assertTrue(wrongK.contains("2 counts given for 3 categories"), wrongK);
        assertThrows(IllegalArgumentException.class, () -> new Binomial(0));
        assertThrows(InvalidDataException.class, () -> Gaussian.knownVariance(-1));
        assertThrows(InvalidDataException.class, () -> new Bernoulli().fit(new double[] {1, 0}).waldIntervals(1.5));
    }

    @Test
    void unknownParameterNameIsReported() {
        MaximumLikelihoodFit fit = new Poisson().fit(new double[] {1, 2});
        String message = assertThrows(IllegalArgumentException.class, () -> fit.estimate("mu")).getMessage();
        assertTrue(message.contains("[lambda]"), message);
    }
}
