package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.inference.Separation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the data fight back: separation, zero Poisson rates, rank deficiency (R's NA for aliased
 * columns, compared with the R fixture fitted without the aliased column) and non-convergence,
 * each asserting the reported flag and message.
 */
class GlmDiagnosticsTest {

    private static Dataset oneColumn(double[] x, double[] y) {
        return Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(y).build();
    }

    private static String separationWarning(FittedGlm fit) {
        return fit.warnings().stream().filter(w -> w.startsWith("the maximum-likelihood estimate does not exist"))
                .findFirst().orElse("");
    }

    @Test
    void completeSeparationIsFlaggedWithTheDivergingCoefficients() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        FittedGlm fit = LogisticRegression.fit(oneColumn(x, y));
        assertTrue(fit.separation());
        // direction (-5.5, 1) separates: both coefficients run off, the intercept to -Inf
        assertEquals(List.of("(Intercept) (-Inf)", "x (+Inf)"), fit.separationCheck().divergingCoefficients());
        assertTrue(separationWarning(fit).contains("(Intercept) (-Inf), x (+Inf)"), fit.warnings().toString());
        assertTrue(fit.summary().contains("does not exist"));
    }

    @Test
    void quasiCompleteSeparationIsFlagged() {
        // x = 5 holds both outcomes; below only 0, above only 1
        double[] x = {1, 2, 3, 4, 5, 5, 6, 7, 8, 9};
        double[] y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        FittedGlm fit = LogisticRegression.fit(oneColumn(x, y));
        assertTrue(fit.separation(), fit.warnings().toString());
        assertEquals(List.of("(Intercept) (-Inf)", "x (+Inf)"), fit.separationCheck().divergingCoefficients());
    }

    @Test
    void separatedSmallGroupNamesOnlyItsDummy() {
        // a dummy whose 3 observations are all successes, beside 200 ordinary ones: R's rule stops
        // while those fitted probabilities are still ~1e-6 from 1; only the dummy runs off (the
        // intercept is pinned by the 200 rows with both outcomes)
        double[] d = new double[203];
        double[] y = new double[203];
        for (int i = 0; i < 203; i++) {
            d[i] = i < 3 ? 1 : 0;
            y[i] = i < 3 ? 1 : (i % 3 == 0 ? 1 : 0);
        }
        FittedGlm fit = LogisticRegression.fit(oneColumn(d, y));
        assertTrue(fit.separation(), fit.warnings().toString());
        assertEquals(List.of("x (+Inf)"), fit.separationCheck().divergingCoefficients());
    }

    @Test
    void proportionsStrictlyInsideHoldBothOutcomes() {
        // the same 0/1 pattern with a proportion 1/2 (2 trials) at x = 5: still quasi-separated
        // below and above x = 5, the proportion pins the linear predictor there
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {0, 0, 0, 0, 0.5, 1, 1, 1};
        double[] w = {1, 1, 1, 1, 2, 1, 1, 1};
        Dataset data = Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(y).weights(w)
                .build();
        FittedGlm fit = LogisticRegression.fit(data);
        assertTrue(fit.separation(), fit.warnings().toString());
        // and with one failure above x = 5 the MLE exists
        double[] y2 = {0, 0, 0, 0, 0.5, 1, 0, 1};
        Dataset data2 = Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(y2).weights(w)
                .build();
        FittedGlm fit2 = LogisticRegression.fit(data2);
        assertFalse(fit2.separation(), fit2.warnings().toString());
        assertEquals(Separation.Status.MLE_EXISTS, fit2.separationCheck().status());
    }

    /**
     * Both outcomes at x = 0 (1 of 2) and x = 1 (1 of 210), and one failure at x = 100: the MLE
     * exists, and the far row's fitted probability is e^(-100 log 209) ~ 1e-232, far below any
     * boundary threshold. Its score contribution (~1e-230) is below double precision, so the MLE
     * is the saturated two-group one: a = logit(1/2) = 0, b = log(1/209), with
     * Var(a) = 1/1 + 1/1 and Var(b) = Var(a) + 1/1 + 1/209 (inverse Fisher information of two
     * binomial groups). IRLS at epsilon 1e-14 stops at the MLE to a relative change of 1e-14 in
     * the deviance, which is a relative error of order 1e-7 in the coefficients at worst (the
     * deviance is quadratic near the optimum); the actual error is far smaller because IRLS
     * converges quadratically, and 1e-9 is asserted as the issue asks.
     */
    @Test
    void farOutButEstimableGetsRsMildWarningAndNoFlag() {
        int n = 2 + 210 + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        x[0] = 0;
        y[0] = 0;
        x[1] = 0;
        y[1] = 1;
        for (int i = 2; i < 212; i++) {
            x[i] = 1;
            y[i] = i == 2 ? 1 : 0;
        }
        x[212] = 100;
        y[212] = 0;
        FittedGlm fit = Glm.builder(Family.binomial()).epsilon(1e-14).build().fit(oneColumn(x, y));
        assertFalse(fit.separation(), fit.warnings().toString());
        assertEquals(Separation.Status.MLE_EXISTS, fit.separationCheck().status());
        double mu = fit.fittedValues()[212];
        assertTrue(mu < 1e-200 && mu > 0, "fitted probability " + mu);
        assertEquals(List.of("fitted probabilities numerically 0 or 1 occurred (1 observation) (the MLE exists: "
                + "no separating direction)"), fit.warnings());
        double b = -Math.log(209);
        assertEquals(0, fit.coefficients()[0], 1e-9);
        assertEquals(b, fit.coefficients()[1], 1e-9 * Math.abs(b));
        double varA = 2;
        double varB = 2 + 1 + 1.0 / 209;
        assertEquals(Math.sqrt(varA), fit.standardErrors()[0], 1e-9 * Math.sqrt(varA));
        assertEquals(Math.sqrt(varB), fit.standardErrors()[1], 1e-9 * Math.sqrt(varB));
    }

    @Test
    void irisCompleteSeparationFromTheReferenceIsDeclared() {
        JsonNode ref = Fixtures.json("inference/firth_separation_iris.json");
        CsvTable csv = Fixtures.csv("data/iris_separation.csv");
        Dataset d = Dataset.builder().columns(new double[][] {csv.column("Sepal_Length"), csv.column("Sepal_Width")})
                .predictorNames(List.of("Sepal_Length", "Sepal_Width")).y(csv.column("y")).build();
        FittedGlm fit = Glm.builder(Family.binomial()).epsilon(1e-14).maxIterations(100).build().fit(d);
        assertTrue(ref.get("separation").asText().startsWith("complete"));
        assertTrue(fit.separation(), fit.warnings().toString());
        // the separating line is not axis-parallel: all three coefficients run off
        assertEquals(3, fit.separationCheck().divergingCoefficients().size(), fit.warnings().toString());
    }

    @Test
    void regularLogisticFitIsNotFlagged() {
        JsonNode ref = Fixtures.json("glm/logistic_birthwt.json");
        FittedGlm fit = LogisticRegression.fit(GlmReferenceTest.data(ref));
        assertFalse(fit.separation());
        assertEquals(Separation.Status.MLE_EXISTS, fit.separationCheck().status());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
        assertTrue(fit.converged());
    }

    @Test
    void zeroPoissonRatesAreFlagged() {
        double[] g = {1, 1, 1, 1, 0, 0, 0, 0};
        double[] y = {0, 0, 0, 0, 3, 5, 2, 4};
        FittedGlm fit = PoissonRegression.fit(oneColumn(g, y));
        assertTrue(fit.separation(), fit.warnings().toString());
        assertEquals(List.of("x (-Inf)"), fit.separationCheck().divergingCoefficients());
        assertTrue(separationWarning(fit).contains("zero counts"), fit.warnings().toString());
    }

    @Test
    void poissonWithZerosThatNoDirectionIsolatesIsNotFlagged() {
        double[] g = {1, 1, 1, 1, 0, 0, 0, 0};
        double[] y = {0, 0, 1, 0, 3, 0, 2, 4};
        FittedGlm fit = PoissonRegression.fit(oneColumn(g, y));
        assertFalse(fit.separation(), fit.warnings().toString());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
    }

    @Test
    void aliasedColumnIsReportedLikeRsNA() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        CsvTable csv = Fixtures.csv("data/spector.csv");
        double[] gpa = csv.column("gpa");
        double[] tuce = csv.column("tuce");
        double[] both = new double[gpa.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = gpa[i] - 0.5 * tuce[i];
        }
        Dataset d = Dataset.builder().columns(new double[][] {gpa, tuce, both, csv.column("psi")})
                .predictorNames(List.of("gpa", "tuce", "gpa_minus_half_tuce", "psi")).y(csv.column("y")).build();
        FittedGlm fit = LogisticRegression.builder().epsilon(1e-14).build().fit(d);
        assertArrayEquals(new int[] {3}, fit.aliased());
        assertTrue(Double.isNaN(fit.coefficients()[3]));
        assertTrue(Double.isNaN(fit.standardErrors()[3]));
        assertTrue(Double.isNaN(fit.pValues()[3]));
        assertEquals(4, fit.rank());
        assertEquals(28, fit.dfResidual());
        assertTrue(fit.warnings().get(0).contains("gpa_minus_half_tuce"), fit.warnings().toString());
        double[] c = fit.coefficients();
        double[] se = fit.standardErrors();
        double[] rc = Fixtures.doubles(ref.get("coefficients"));
        double[] rse = Fixtures.doubles(ref.get("std_errors_at_mle"));
        int[] map = {0, 1, 2, 4};
        for (int j = 0; j < 4; j++) {
            assertEquals(rc[j], c[map[j]], 1e-9 * Math.abs(rc[j]));
            assertEquals(rse[j], se[map[j]], 1e-8 * rse[j]);
        }
        assertEquals(ref.get("aic").asDouble(), fit.aic(), 1e-10 * fit.aic());
        assertTrue(fit.summary().contains("Coefficients: (1 not defined because of singularities)"));
        assertTrue(fit.summary().contains("gpa_minus_half_tuce        NA         NA      NA       NA"),
                fit.summary());
    }

    @Test
    void aliasedColumnInTheGaussianQrFit() {
        JsonNode ref = Fixtures.json("glm/gaussian_diabetes.json");
        CsvTable csv = Fixtures.csv("data/diabetes.csv");
        double[] bmi = csv.column("bmi");
        double[][] cols = new double[11][];
        String[] names = {"age", "sex", "bmi", "bmi_copy", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};
        for (int j = 0; j < names.length; j++) {
            cols[j] = names[j].equals("bmi_copy") ? bmi.clone() : csv.column(names[j]);
        }
        Dataset d = Dataset.builder().columns(cols).predictorNames(List.of(names)).y(csv.column("y")).build();
        FittedGlm fit = LinearRegression.fit(d);
        assertEquals("qr", fit.solverResult().solver());
        assertArrayEquals(new int[] {4}, fit.aliased());
        assertTrue(fit.warnings().get(0).contains("bmi_copy"));
        assertEquals(ref.get("deviance").asDouble(), fit.deviance(), 1e-10 * fit.deviance());
        double[] rc = Fixtures.doubles(ref.get("coefficients"));
        assertEquals(rc[3], fit.coefficients()[3], 1e-9 * Math.abs(rc[3]));
        // the aliased estimate is NaN (R's NA) like its statistics, in Java and in the summary
        assertTrue(Double.isNaN(fit.coefficients()[4]), "aliased estimate " + fit.coefficients()[4]);
        assertTrue(Double.isNaN(fit.coefficientTable().estimates()[4]));
        assertTrue(Double.isNaN(fit.standardErrors()[4]));
        assertTrue(fit.summary().lines().anyMatch(l -> l.startsWith("bmi_copy") && l.matches("bmi_copy\\s+NA\\s+NA\\s+NA"
                + "\\s+NA\\s*")), fit.summary());
        // predictions still work: the aliased column contributes 0 to eta, as in R's predict
        Dataset without = Dataset.builder().columns(new double[][] {cols[0], cols[1], cols[2], cols[4], cols[5],
                cols[6], cols[7], cols[8], cols[9], cols[10]}).y(csv.column("y")).build();
        FittedGlm reduced = LinearRegression.fit(without);
        double[] withCopy = fit.predict(d).link();
        double[] plain = reduced.predict(without).link();
        for (int i = 0; i < plain.length; i++) {
            assertTrue(Double.isFinite(withCopy[i]));
            assertEquals(plain[i], withCopy[i], 1e-9 * Math.max(1, Math.abs(plain[i])), "prediction " + i);
        }
    }

    @Test
    void moreColumnsThanRowsAliasesTheSurplus() {
        double[][] x = {{1, 2, 3, 4}, {2, 1, 0, 5}, {3, 3, 1, 1}};
        Dataset d = Dataset.builder().x(x).y(new double[] {1, 2, 4}).build();
        FittedGlm fit = LinearRegression.fit(d);
        assertEquals("irls", fit.solverResult().solver());
        assertArrayEquals(new int[] {3, 4}, fit.aliased());
        assertEquals(0, fit.dfResidual());
        assertEquals(0, fit.deviance(), 1e-20);
        assertTrue(fit.warnings().get(0).startsWith("2 coefficients not defined because of singularities"));
        // no residual degrees of freedom: dispersion, standard errors, p-values and intervals undefined
        assertTrue(Double.isNaN(fit.dispersion()));
        assertTrue(Double.isNaN(fit.pValues()[0]));
        assertTrue(Double.isNaN(fit.confidenceIntervals(0.95)[0][0]));
        assertTrue(fit.summary().contains("NA"));
    }

    @Test
    void nonConvergenceIsReportedWithTheLastIterate() {
        JsonNode ref = Fixtures.json("glm/logistic_birthwt.json");
        FittedGlm fit = LogisticRegression.builder().maxIterations(2).build().fit(GlmReferenceTest.data(ref));
        assertFalse(fit.converged());
        assertEquals(2, fit.iterations());
        assertEquals(2, fit.trace().size());
        assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("did not converge")
                && w.contains("MAX_ITERATIONS")), fit.warnings().toString());
        assertTrue(fit.summary().contains("NOT converged"));
        // the last iterate, not the MLE
        assertTrue(Fixtures.maxRelDiff(fit.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0) > 1e-6);
    }

    /**
     * The closed form through L-BFGS then IRLS certified at the standard-error level: coefficients
     * to rounding, standard errors within the certificate's 5e-10 relative.
     */
    @Test
    void poissonWithLogExposureMatchesTheClosedFormByLbfgsThenIrls() {
        Dataset d = groupsWithExposure();
        FittedGlm fit = Glm.builder(Family.poisson()).solver("lbfgs-irls").build().fit(d);
        assertEquals("lbfgs-irls", fit.solverResult().solver());
        double b0 = Math.log(10 / 4.0);
        double b1 = Math.log(18 / 8.5) - b0;
        assertEquals(b0, fit.coefficients()[0], 1e-13);
        assertEquals(b1, fit.coefficients()[1], 1e-13);
        double se0 = Math.sqrt(1 / 10.0);
        double se1 = Math.sqrt(1 / 10.0 + 1 / 18.0);
        assertEquals(se0, fit.standardErrors()[0], 5e-10 * se0 + 1e-15);
        assertEquals(se1, fit.standardErrors()[1], 5e-10 * se1 + 1e-15);
    }

    /**
     * Two groups of Poisson counts with exposures (offset log exposure): group totals Y0 = 10 over
     * exposure 4 and Y1 = 18 over 8.5.
     */
    private static Dataset groupsWithExposure() {
        double[] offset = new double[EXPOSURE.length];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = Math.log(EXPOSURE[i]);
        }
        return Dataset.builder().columns(new double[][] {GROUP.clone()}).predictorNames(List.of("g"))
                .y(COUNTS.clone()).offset(offset).build();
    }

    private static final double[] GROUP = {0, 0, 0, 1, 1, 1, 1};
    private static final double[] COUNTS = {2, 5, 3, 7, 1, 4, 6};
    private static final double[] EXPOSURE = {1.5, 2.0, 0.5, 3.0, 1.0, 2.5, 2.0};

    @Test
    void poissonWithLogExposureMatchesTheClosedForm() {
        // two groups with exposures: the MLE rates are (sum y) / (sum exposure) per group, exactly,
        // with Var(b0) = 1/Y0 and Var(b1) = 1/Y0 + 1/Y1 (Fisher information of the saturated group model)
        double[] g = GROUP;
        double[] y = COUNTS;
        double[] exposure = EXPOSURE;
        Dataset d = groupsWithExposure();
        FittedGlm fit = Glm.builder(Family.poisson()).epsilon(1e-14).build().fit(d);
        double y0 = 10;
        double e0 = 4.0;
        double y1 = 18;
        double e1 = 8.5;
        double b0 = Math.log(y0 / e0);
        double b1 = Math.log(y1 / e1) - b0;
        assertEquals(b0, fit.coefficients()[0], 1e-13);
        assertEquals(b1, fit.coefficients()[1], 1e-13);
        assertEquals(Math.sqrt(1 / y0), fit.standardErrors()[0], 1e-12);
        assertEquals(Math.sqrt(1 / y0 + 1 / y1), fit.standardErrors()[1], 1e-12);
        // null deviance keeps the offset: one rate (sum y)/(sum exposure) for everyone
        double rate = (y0 + y1) / (e0 + e1);
        double nullDev = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = rate * exposure[i];
            nullDev += 2 * (y[i] * Math.log(y[i] / mu) - (y[i] - mu));
        }
        assertEquals(nullDev, fit.nullDeviance(), 1e-12 * nullDev);
        assertTrue(fit.warnings().isEmpty());
        // full log-likelihood with log y!, against commons-math3's Poisson law at the exact MLE
        double loglik = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = (g[i] == 0 ? y0 / e0 : y1 / e1) * exposure[i];
            loglik += new org.apache.commons.math3.distribution.PoissonDistribution(mu).logProbability((int) y[i]);
        }
        assertEquals(loglik, fit.logLikelihood(), 1e-12 * Math.abs(loglik));
        assertEquals(-2 * loglik + 4, fit.aic(), 1e-12 * Math.abs(loglik));
    }

    @Test
    void weightedGaussianLogLikelihoodUsesTheMlVariance() {
        // R: -n/2 (log(2 pi RSS/n) + 1) + 1/2 sum log w, i.e. sum_i log N(y_i; mu_i, sigma^2 / w_i) with
        // sigma^2 = RSS / n; checked against commons-math3's normal density
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1.1, 2.3, 2.9, 4.2, 4.8, 6.3};
        double[] w = {1, 2, 0.5, 1, 3, 1.5};
        Dataset d = Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(y).weights(w)
                .build();
        FittedGlm fit = LinearRegression.fit(d);
        double sigma2 = fit.deviance() / 6;
        double loglik = 0;
        for (int i = 0; i < 6; i++) {
            loglik += new org.apache.commons.math3.distribution.NormalDistribution(fit.fittedValues()[i],
                    Math.sqrt(sigma2 / w[i])).logDensity(y[i]);
        }
        assertEquals(loglik, fit.logLikelihood(), 1e-12 * Math.abs(loglik));
        assertEquals(3, fit.logLikelihoodParameters());
        assertEquals(-2 * loglik + 6, fit.aic(), 1e-12 * Math.abs(loglik));
    }

    @Test
    void binomialProportionsWithTrialsAsWeightsEqualTheExpandedData() {
        // 3 groups: successes / trials = 1/4, 3/5, 4/4 at x = 0, 1, 2; expanded into 13 Bernoulli rows
        double[] x = {0, 1, 2};
        double[] p = {0.25, 0.6, 1.0};
        double[] trials = {4, 5, 4};
        Dataset grouped = Dataset.builder().columns(new double[][] {x}).predictorNames(List.of("x")).y(p)
                .weights(trials).build();
        double[] xe = new double[13];
        double[] ye = new double[13];
        int r = 0;
        int[] succ = {1, 3, 4};
        for (int gIdx = 0; gIdx < 3; gIdx++) {
            for (int t = 0; t < trials[gIdx]; t++) {
                xe[r] = x[gIdx];
                ye[r++] = t < succ[gIdx] ? 1 : 0;
            }
        }
        FittedGlm a = LogisticRegression.builder().epsilon(1e-14).build().fit(grouped);
        FittedGlm b = LogisticRegression.builder().epsilon(1e-14).build().fit(oneColumn(xe, ye));
        for (int j = 0; j < 2; j++) {
            assertEquals(b.coefficients()[j], a.coefficients()[j], 1e-10 * Math.abs(b.coefficients()[j]));
            assertEquals(b.standardErrors()[j], a.standardErrors()[j], 1e-9 * b.standardErrors()[j]);
        }
        // grouped log-likelihood = sum log dbinom(successes, trials, p): commons-math3's binomial law
        double loglik = 0;
        for (int gIdx = 0; gIdx < 3; gIdx++) {
            loglik += new org.apache.commons.math3.distribution.BinomialDistribution((int) trials[gIdx],
                    a.fittedValues()[gIdx]).logProbability(succ[gIdx]);
        }
        assertEquals(loglik, a.logLikelihood(), 1e-12 * Math.abs(loglik));
    }
}
