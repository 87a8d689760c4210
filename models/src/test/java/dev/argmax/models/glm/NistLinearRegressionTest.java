package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.core.testing.NistCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public NIST StRD linear least-squares set ({@code nist/}, certified values; NIST
 * Statistical Reference Datasets) through the public {@link LinearRegression} API a user calls:
 * coefficients, their standard deviations (standard errors), the residual standard deviation
 * ({@code sqrt(dispersion)}) and R^2 ({@code 1 - deviance / null deviance}: centered with an
 * intercept, uncentred without, as NIST defines it) must reach at least the minimum LRE of the
 * reference README's table.
 */
class NistLinearRegressionTest {

    static Iterable<String> datasets() {
        return NistCase.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void reachesCertifiedDigits(String name) {
        NistCase c = NistCase.load(name);
        Dataset data = Dataset.builder().columns(c.columns()).predictorNames(c.columnNames()).y(c.y()).build();
        FittedGlm fit = LinearRegression.builder().intercept(c.intercept()).build().fit(data);
        assertEquals("qr", fit.solverResult().solver());
        assertEquals(0, fit.aliased().length);
        double lreCoef = Fixtures.minLre(fit.coefficients(), c.estimates());
        double residualSd = Math.sqrt(fit.dispersion());
        double r2 = 1 - fit.deviance() / fit.nullDeviance();
        double lreR2 = Fixtures.lre(r2, c.rSquared());
        double[] sd = fit.standardErrors();
        StringBuilder line = new StringBuilder(String.format("NIST %-9s LRE coef %4.1f", name, lreCoef));
        assertTrue(lreCoef >= c.minLreCoefficients(), name + ": coefficient LRE " + lreCoef);
        if (c.absoluteTolSd() > 0) {
            double max = 0;
            for (double v : sd) {
                max = Math.max(max, Math.abs(v));
                assertTrue(Math.abs(v) <= c.absoluteTolSd(), name + ": sd " + v + " should be ~0");
            }
            assertTrue(residualSd <= c.absoluteTolSd(), name + ": residual sd " + residualSd);
            line.append(String.format(" | max |sd| %.1e, residual sd %.1e", max, residualSd));
        } else {
            double lreSd = Fixtures.minLre(sd, c.sdOfEstimates());
            double lreRes = Fixtures.lre(residualSd, c.residualSd());
            line.append(String.format(" sd %4.1f resSD %4.1f", lreSd, lreRes));
            assertTrue(lreSd >= c.minLreSd(), name + ": sd LRE " + lreSd);
            assertTrue(lreRes >= c.minLreResidualSd(), name + ": residual sd LRE " + lreRes);
        }
        line.append(String.format(" R2 %4.1f", lreR2));
        System.out.println(line);
        assertTrue(lreR2 >= c.minLreRSquared(), name + ": R^2 LRE " + lreR2);
    }

    /**
     * NIST StRD Filip: estimable, though R's lm aliases x^10 at its tolerance 1e-7. By default
     * every coefficient is estimated (at least 7 certified digits, above) with a "nearly
     * collinear" warning naming x^10; {@code aliasTolerance(1e-7)} gives R's answer.
     */
    @org.junit.jupiter.api.Test
    void filipWarnsNearlyCollinearByDefaultAndAliasesAtRsTolerance() {
        NistCase c = NistCase.load("Filip");
        Dataset data = Dataset.builder().columns(c.columns()).predictorNames(c.columnNames()).y(c.y()).build();
        FittedGlm fit = LinearRegression.builder().build().fit(data);
        assertEquals(0, fit.aliased().length);
        assertTrue(fit.warnings().stream().anyMatch(w -> w.startsWith("nearly collinear: ") && w.contains("x^10")
                && w.contains("condition number")), fit.warnings().toString());
        FittedGlm r = LinearRegression.builder().aliasTolerance(1e-7).build().fit(data);
        assertEquals(1, r.aliased().length);
        assertEquals(10, r.aliased()[0]);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("singularities") && w.contains("x^10")),
                r.warnings().toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("nearly collinear")), r.warnings().toString());
    }
}
