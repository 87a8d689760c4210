package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.family.Family;
import dev.argmax.models.inference.Vcov;
import dev.argmax.models.penalized.PenalizedRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frequency weights: a fit where row i has frequency {@code f_i} is the fit of the data with row
 * i physically repeated {@code f_i} times (statsmodels' {@code freq_weights} definition), in
 * every number the fit reports; and prior weights differ from frequency weights exactly in the
 * counts (n, degrees of freedom) and what is built from them.
 *
 * <p>Tolerances. Both fits stop by R's rule {@code |D - D_old| / (|D| + 0.1) < epsilon} (here
 * {@link #EPSILON}); IRLS converges at least linearly with a small rate, so each fit's deviance
 * is within {@code gap = epsilon (|D| + 0.1)} of the minimum, and near the minimum
 * {@code D(beta) - D(beta_hat) = delta' (X'WX) delta}, so each coefficient is within
 * {@code sqrt(gap [(X'WX)^-1]_jj)} of the MLE: two fits differ by at most twice that. The
 * standard errors, dispersion and Pearson statistic are smooth in beta; they move by at most
 * their own size times {@code |delta| max|x|} relative (the working weights change by the factor
 * {@code exp(O(x'delta))}), and a factor 10 covers the constant. Counts (n, degrees of freedom)
 * are exact. The Gaussian identity fit is a direct least-squares solve: agreement to rounding
 * (1e-10 relative covers the condition number of these designs).
 */
class FrequencyWeightsTest {

    private static final double EPSILON = 1e-12;
    private static final int ROWS = 40;

    /** Deterministic data: x1 ~ N(0,1), x2 ~ U(0,2), frequencies 0..3, a response of the family. */
    private static final class Data {
        final double[] x1 = new double[ROWS];
        final double[] x2 = new double[ROWS];
        final double[] y = new double[ROWS];
        final double[] prior = new double[ROWS];
        final double[] freq = new double[ROWS];

        Data(String family, long seed) {
            Random rnd = new Random(seed);
            for (int i = 0; i < ROWS; i++) {
                x1[i] = rnd.nextGaussian();
                x2[i] = 2 * rnd.nextDouble();
                freq[i] = rnd.nextInt(4);
                double eta = 0.3 + 0.5 * x1[i] - 0.4 * x2[i];
                switch (family) {
                    case "gaussian" -> {
                        y[i] = eta + rnd.nextGaussian();
                        prior[i] = 0.5 + rnd.nextDouble();
                    }
                    case "binomial" -> {
                        int trials = 1 + rnd.nextInt(5);
                        int s = 0;
                        double p = 1 / (1 + Math.exp(-eta));
                        for (int t = 0; t < trials; t++) {
                            s += rnd.nextDouble() < p ? 1 : 0;
                        }
                        y[i] = s / (double) trials;
                        prior[i] = trials;
                    }
                    case "poisson", "negbin" -> {
                        double mu = Math.exp(eta + 1);
                        if (family.equals("negbin")) {
                            // gamma-mixed Poisson (shape 2): negative binomial with theta = 2
                            mu *= (-Math.log(1 - rnd.nextDouble()) - Math.log(1 - rnd.nextDouble())) / 2;
                        }
                        int k = 0;
                        double l = Math.exp(-mu);
                        double prod = rnd.nextDouble();
                        while (prod > l) {
                            k++;
                            prod *= rnd.nextDouble();
                        }
                        y[i] = k;
                        prior[i] = 1;
                    }
                    case "gamma" -> {
                        double mu = Math.exp(eta);
                        // shape 4: sum of 4 exponentials, scale mu/4
                        double g = 0;
                        for (int t = 0; t < 4; t++) {
                            g -= Math.log(1 - rnd.nextDouble());
                        }
                        y[i] = mu * g / 4;
                        prior[i] = 0.5 + rnd.nextDouble();
                    }
                    default -> throw new IllegalArgumentException(family);
                }
            }
            freq[0] = 2;
        }

        Dataset weighted(boolean withPrior) {
            return Dataset.builder().columns(new double[][] {x1, x2}).predictorNames(List.of("x1", "x2")).y(y)
                    .weights(withPrior ? prior : null).frequencyWeights(freq).build();
        }

        Dataset replicated(boolean withPrior) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                for (int r = 0; r < (int) freq[i]; r++) {
                    rows.add(i);
                }
            }
            int m = rows.size();
            double[][] cols = new double[2][m];
            double[] yy = new double[m];
            double[] ww = new double[m];
            for (int a = 0; a < m; a++) {
                int i = rows.get(a);
                cols[0][a] = x1[i];
                cols[1][a] = x2[i];
                yy[a] = y[i];
                ww[a] = prior[i];
            }
            return Dataset.builder().columns(cols).predictorNames(List.of("x1", "x2")).y(yy)
                    .weights(withPrior ? ww : null).build();
        }

        double[] clusters() {
            double[] c = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                c[i] = i % 7;
            }
            return c;
        }

        double[] replicatedClusters() {
            List<Double> c = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                for (int r = 0; r < (int) freq[i]; r++) {
                    c.add((double) (i % 7));
                }
            }
            return c.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static Glm model(Family family) {
        return Glm.builder(family).epsilon(EPSILON).maxIterations(100).build();
    }

    @Test
    void gaussianEqualsTheReplicatedData() {
        Data d = new Data("gaussian", 17);
        for (boolean prior : new boolean[] {false, true}) {
            FittedGlm a = model(Family.gaussian()).fit(d.weighted(prior));
            FittedGlm b = model(Family.gaussian()).fit(d.replicated(prior));
            assertSame(a, b, 1e-10, 1e-10, "gaussian" + (prior ? " with prior weights" : ""));
        }
    }

    @Test
    void binomialEqualsTheReplicatedData() {
        Data d = new Data("binomial", 23);
        for (boolean prior : new boolean[] {false, true}) {
            Data use = d;
            if (!prior) {
                // Bernoulli responses without trials
                for (int i = 0; i < ROWS; i++) {
                    use.y[i] = use.y[i] >= 0.5 ? 1 : 0;
                }
            }
            FittedGlm a = model(Family.binomial()).fit(use.weighted(prior));
            FittedGlm b = model(Family.binomial()).fit(use.replicated(prior));
            double[] tol = coefficientTolerance(b);
            assertSame(a, b, tol, stateTolerance(b, tol), "binomial" + (prior ? " with trials" : ""));
        }
    }

    @Test
    void poissonEqualsTheReplicatedData() {
        Data d = new Data("poisson", 29);
        FittedGlm a = model(Family.poisson()).fit(d.weighted(false));
        FittedGlm b = model(Family.poisson()).fit(d.replicated(false));
        double[] tol = coefficientTolerance(b);
        assertSame(a, b, tol, stateTolerance(b, tol), "poisson");
    }

    /**
     * Negative binomial with theta estimated (glm.nb): theta's Newton iterations stop at a
     * relative change below 1e-13, far below the IRLS tolerance of the alternating fits, so the
     * same bounds hold; theta itself agrees to the coefficients' relative tolerance.
     */
    @Test
    void negativeBinomialEqualsTheReplicatedData() {
        Data d = new Data("negbin", 53);
        FittedGlm a = model(Family.negativeBinomial()).fit(d.weighted(false));
        FittedGlm b = model(Family.negativeBinomial()).fit(d.replicated(false));
        double[] tol = coefficientTolerance(b);
        double rel = stateTolerance(b, tol);
        assertSame(a, b, tol, rel, "negative binomial");
        double tb = b.theta().orElseThrow().theta();
        assertEquals(tb, a.theta().orElseThrow().theta(), rel * tb, "theta");
        double sb = b.theta().orElseThrow().standardError();
        assertEquals(sb, a.theta().orElseThrow().standardError(), rel * sb, "theta SE");
    }

    @Test
    void gammaEqualsTheReplicatedData() {
        Data d = new Data("gamma", 31);
        Family gamma = Family.gamma().withLink("log");
        for (boolean prior : new boolean[] {false, true}) {
            FittedGlm a = model(gamma).fit(d.weighted(prior));
            FittedGlm b = model(gamma).fit(d.replicated(prior));
            double[] tol = coefficientTolerance(b);
            assertSame(a, b, tol, stateTolerance(b, tol), "Gamma" + (prior ? " with prior weights" : ""));
        }
    }

    /** Twice {@code sqrt(gap [(X'WX)^-1]_jj)}, gap = epsilon (|D| + 0.1), plus rounding. */
    private static double[] coefficientTolerance(FittedGlm fit) {
        double gap = EPSILON * (Math.abs(fit.deviance()) + 0.1);
        double[] tol = new double[fit.coefficients().length];
        for (int j = 0; j < tol.length; j++) {
            tol[j] = 2 * Math.sqrt(gap * fit.unscaledCovariance().get(j, j))
                    + 1e-12 * Math.abs(fit.coefficients()[j]);
        }
        return tol;
    }

    /** 10 |delta|_max max|x| (|x| <= 4 here: x1 standard normal in 40 draws, x2 in [0, 2]), at least rounding. */
    private static double stateTolerance(FittedGlm fit, double[] coefficientTolerance) {
        double delta = 0;
        for (double t : coefficientTolerance) {
            delta = Math.max(delta, t);
        }
        return Math.max(10 * delta * 4, 1e-10);
    }

    private static void assertSame(FittedGlm a, FittedGlm b, double coefficientTol, double relTol, String what) {
        double[] tol = new double[a.coefficients().length];
        for (int j = 0; j < tol.length; j++) {
            tol[j] = coefficientTol * Math.max(1, Math.abs(b.coefficients()[j]));
        }
        assertSame(a, b, tol, relTol, what);
    }

    private static void assertSame(FittedGlm a, FittedGlm b, double[] coefficientTol, double relTol, String what) {
        assertEquals(b.observations(), a.observations(), what + ": n");
        assertEquals(b.dfResidual(), a.dfResidual(), what + ": df residual");
        assertEquals(b.dfNull(), a.dfNull(), what + ": df null");
        assertEquals(b.rank(), a.rank(), what + ": rank");
        for (int j = 0; j < coefficientTol.length; j++) {
            assertEquals(b.coefficients()[j], a.coefficients()[j], coefficientTol[j], what + ": coefficient " + j);
            assertRelative(b.standardErrors()[j], a.standardErrors()[j], relTol, what + ": SE " + j);
        }
        assertRelative(b.dispersion(), a.dispersion(), relTol, what + ": dispersion");
        assertRelative(b.pearsonChiSquare(), a.pearsonChiSquare(), relTol, what + ": Pearson");
        double devTol = 2 * EPSILON * (Math.abs(b.deviance()) + 0.1) + 1e-10 * Math.abs(b.deviance());
        assertEquals(b.deviance(), a.deviance(), devTol, what + ": deviance");
        assertEquals(b.nullDeviance(), a.nullDeviance(), 1e-10 * Math.abs(b.nullDeviance()), what + ": null deviance");
        // AIC, BIC: -2 loglik, whose change is the deviance change over the dispersion at most
        double icTol = devTol / Math.min(1, b.dispersion()) + relTol * Math.abs(b.aic());
        assertEquals(b.aic(), a.aic(), icTol, what + ": AIC");
        assertEquals(b.bic(), a.bic(), icTol, what + ": BIC");
        for (Vcov type : new Vcov[] {Vcov.hc(Vcov.Kind.HC0), Vcov.hc(Vcov.Kind.HC1), Vcov.hc(Vcov.Kind.HC3)}) {
            double[] sa = a.withVcov(type).standardErrors();
            double[] sb = b.withVcov(type).standardErrors();
            for (int j = 0; j < sa.length; j++) {
                assertRelative(sb[j], sa[j], relTol, what + ": " + type + " SE " + j);
            }
        }
    }

    private static void assertRelative(double expected, double actual, double rel, String message) {
        assertEquals(expected, actual, rel * Math.abs(expected), message);
    }

    /**
     * Profile intervals and drop1 (whose Gaussian statistic uses n) of the frequency-weighted fit
     * are those of the repeated rows. Profile limits are solved to 1e-10 standard errors on refits
     * at their own tolerance, so they agree to the coefficient bound plus that; drop1's deviances,
     * AIC and statistics to 1e-9 relative, which covers the bound {@code 2 epsilon (|D| + 0.1)}
     * (about 1e-12 relative here) of both refits and the rounding of the sums.
     */
    @Test
    void profileIntervalsAndDrop1CountTheRepeatedRows() {
        for (String family : new String[] {"gaussian", "binomial"}) {
            Data d = new Data(family, 59);
            if (family.equals("binomial")) {
                for (int i = 0; i < ROWS; i++) {
                    d.y[i] = d.y[i] >= 0.5 ? 1 : 0;
                }
            }
            Family fam = family.equals("gaussian") ? Family.gaussian() : Family.binomial();
            FittedGlm a = model(fam).fit(d.weighted(false));
            FittedGlm b = model(fam).fit(d.replicated(false));
            double[] tol = coefficientTolerance(b);
            double[][] pa = ProfileLikelihood.confidenceIntervals(a, 0.95);
            double[][] pb = ProfileLikelihood.confidenceIntervals(b, 0.95);
            for (int j = 0; j < pa.length; j++) {
                double t = 2 * tol[j] + 1e-9 * b.standardErrors()[j];
                assertEquals(pb[j][0], pa[j][0], t, family + " profile lower " + j);
                assertEquals(pb[j][1], pa[j][1], t, family + " profile upper " + j);
            }
            var da = AnalysisOfDeviance.drop1(a).rows();
            var db = AnalysisOfDeviance.drop1(b).rows();
            double rel = 1e-9;
            for (int r = 0; r < da.size(); r++) {
                assertEquals(db.get(r).residualDeviance(), da.get(r).residualDeviance(),
                        rel * db.get(r).residualDeviance(), family + " drop1 deviance " + r);
                assertEquals(db.get(r).aic(), da.get(r).aic(), rel * Math.abs(db.get(r).aic()), family + " drop1 AIC " + r);
                if (r > 0) {
                    assertEquals(db.get(r).statistic(), da.get(r).statistic(), rel * db.get(r).statistic() + 1e-9,
                            family + " drop1 statistic " + r);
                }
            }
        }
    }

    @Test
    void clusterSandwichSumsTheRepeatedRows() {
        Data d = new Data("poisson", 37);
        FittedGlm a = model(Family.poisson()).fit(d.weighted(false));
        FittedGlm b = model(Family.poisson()).fit(d.replicated(false));
        double rel = stateTolerance(b, coefficientTolerance(b));
        double[] sa = a.withVcov(Vcov.clusterHC1(d.clusters(), "g")).standardErrors();
        double[] sb = b.withVcov(Vcov.clusterHC1(d.replicatedClusters(), "g")).standardErrors();
        for (int j = 0; j < sa.length; j++) {
            assertRelative(sb[j], sa[j], rel, "cluster HC1 SE " + j);
        }
    }

    /**
     * The same numbers as prior weights and as frequency weights: the same estimates and
     * deviance (the likelihood's weights are equal), but n and the degrees of freedom count rows
     * in one case and frequencies in the other, so the Gaussian dispersion is
     * {@code RSS / (n_rows - k)} against {@code RSS / (sum f - k)} and the standard errors scale
     * by the square root of their ratio; BIC takes log n of each count.
     */
    @Test
    void priorAndFrequencyWeightsDifferOnlyInTheCounts() {
        Data d = new Data("gaussian", 41);
        Dataset asPrior = Dataset.builder().columns(new double[][] {d.x1, d.x2}).y(d.y).weights(d.freq).build();
        Dataset asFreq = Dataset.builder().columns(new double[][] {d.x1, d.x2}).y(d.y).frequencyWeights(d.freq).build();
        FittedGlm p = model(Family.gaussian()).fit(asPrior);
        FittedGlm f = model(Family.gaussian()).fit(asFreq);
        int rows = 0;
        int total = 0;
        for (double v : d.freq) {
            rows += v > 0 ? 1 : 0;
            total += (int) v;
        }
        assertTrue(total > rows, "some row has frequency above 1");
        assertEquals(rows, p.observations());
        assertEquals(total, f.observations());
        assertEquals(rows - 3, p.dfResidual());
        assertEquals(total - 3, f.dfResidual());
        assertEquals(rows - 1, p.dfNull());
        assertEquals(total - 1, f.dfNull());
        for (int j = 0; j < 3; j++) {
            assertEquals(p.coefficients()[j], f.coefficients()[j], 1e-12 * Math.max(1, Math.abs(p.coefficients()[j])));
        }
        assertEquals(p.deviance(), f.deviance(), 1e-12 * p.deviance());
        double ratio = (rows - 3.0) / (total - 3.0);
        assertEquals(p.dispersion() * ratio, f.dispersion(), 1e-12 * p.dispersion());
        for (int j = 0; j < 3; j++) {
            assertEquals(p.standardErrors()[j] * Math.sqrt(ratio), f.standardErrors()[j],
                    1e-12 * p.standardErrors()[j]);
        }

        Data c = new Data("poisson", 43);
        Dataset cp = Dataset.builder().columns(new double[][] {c.x1, c.x2}).y(c.y).weights(c.freq).build();
        Dataset cf = Dataset.builder().columns(new double[][] {c.x1, c.x2}).y(c.y).frequencyWeights(c.freq).build();
        FittedGlm pp = model(Family.poisson()).fit(cp);
        FittedGlm pf = model(Family.poisson()).fit(cf);
        // Poisson: the prior weight multiplies the log-density, so the log-likelihood and AIC agree;
        // the dispersion is 1 either way; BIC differs by log(sum f / rows) times the parameters
        assertEquals(pp.logLikelihood(), pf.logLikelihood(), 1e-10 * Math.abs(pp.logLikelihood()));
        assertEquals(pp.aic(), pf.aic(), 1e-10 * pp.aic());
        int rowsC = 0;
        int totalC = 0;
        for (double v : c.freq) {
            rowsC += v > 0 ? 1 : 0;
            totalC += (int) v;
        }
        assertEquals(pp.bic() + 3 * Math.log(totalC / (double) rowsC), pf.bic(), 1e-10 * pp.bic());
        assertEquals(1.0, pf.dispersion());
        assertEquals(totalC - 3, pf.dfResidual());
    }

    @Test
    void badFrequencyWeightsAreRefusedNamingTheRow() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 0, 1, 1};
        InvalidDataException negative = assertThrows(InvalidDataException.class, () -> Dataset.builder()
                .columns(new double[][] {x}).y(y).frequencyWeights(new double[] {1, -1, 2, 1}).build());
        assertTrue(negative.getMessage().contains("negative value (-1.0) at row 2"), negative.getMessage());
        InvalidDataException fractional = assertThrows(InvalidDataException.class, () -> Dataset.builder()
                .columns(new double[][] {x}).y(y).frequencyWeights(new double[] {1, 1, 2.5, 1}).build());
        assertTrue(fractional.getMessage().contains("fractional value (2.5) at row 3"), fractional.getMessage());
        assertTrue(fractional.getMessage().contains("whole number"), fractional.getMessage());
        InvalidDataException nan = assertThrows(InvalidDataException.class, () -> Dataset.builder()
                .columns(new double[][] {x}).y(y).frequencyWeights(new double[] {1, Double.NaN, 2, 1}).build());
        assertTrue(nan.getMessage().contains("non-finite value (NaN) at row 2"), nan.getMessage());
        InvalidDataException zero = assertThrows(InvalidDataException.class, () -> Dataset.builder()
                .columns(new double[][] {x}).y(y).frequencyWeights(new double[4]).build());
        assertTrue(zero.getMessage().contains("all zero"), zero.getMessage());
        InvalidDataException length = assertThrows(InvalidDataException.class, () -> Dataset.builder()
                .columns(new double[][] {x}).y(y).frequencyWeights(new double[] {1, 2}).build());
        assertTrue(length.getMessage().contains("frequency weights has length 2"), length.getMessage());
    }

    @Test
    void modelsWithoutFrequencyWeightsRefuseThem() {
        Dataset data = Dataset.builder().columns(new double[][] {{1, 2, 3, 4, 5}}).y(new double[] {0, 1, 0, 1, 1})
                .frequencyWeights(new double[] {1, 2, 1, 1, 3}).build();
        InvalidDataException penalized = assertThrows(InvalidDataException.class,
                () -> PenalizedRegression.builder().family(Family.binomial()).lambda(0.1).build().fit(data));
        assertTrue(penalized.getMessage().contains("does not support frequency weights"), penalized.getMessage());
        InvalidDataException firth = assertThrows(InvalidDataException.class,
                () -> FirthRegression.of(Family.binomial(), true).fit(data));
        assertTrue(firth.getMessage().contains("does not support frequency weights"), firth.getMessage());
    }
}
