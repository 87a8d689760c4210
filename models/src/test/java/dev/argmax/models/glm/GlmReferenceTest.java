package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.DatasetColumns;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GLM fixture of the reference set (R 4.2.2 {@code glm}, cross-checked with statsmodels;
 * {@code glm/*.json}) through the public API, at the reference README's tolerances:
 * coefficients 1e-9 relative, standard errors 1e-8 relative of {@code std_errors_at_mle},
 * statistics 1e-8, deviance / null deviance / loglik / AIC / BIC / Pearson chi-square 1e-10
 * relative, p-values 1e-6 relative. The exact digits are checked at the optimum: fitted with the
 * fixtures' own stopping rule (R's, epsilon 1e-14, as recorded in each fixture's
 * {@code method.call}) against the {@code *_at_mle} fields.
 *
 * <p>At R's default epsilon 1e-8 an iterative fit is only as exact as the stopping rule makes it,
 * and which iteration the rule fires at depends on the last bits of {@code X'WX} (so on the BLAS
 * kernel). Those fits are checked with the README's tolerances plus the error the rule allows,
 * derived in {@link StoppingRuleSlack}; nothing assumes a particular iteration path.
 */
class GlmReferenceTest {

    /** Every {@code glm/*.json} fixture in the test resources (the public three, or any set in the same format). */
    static List<String> fixtures() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Fixtures.path("glm"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
            assertTrue(names.size() >= 3, "fixtures: " + names);
            return names;
        }
    }

    static Dataset data(JsonNode ref) {
        String file = ref.get("data_file").asText().replace("../", "");
        CsvTable csv = Fixtures.csv(file);
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        String offset = ref.hasNonNull("offset_column") ? ref.get("offset_column").asText() : null;
        List<String> exclude = new ArrayList<>();
        for (String name : csv.names()) {
            if (!name.equals(ref.get("response").asText()) && !design.contains(name) && !name.equals(offset)) {
                exclude.add(name);
            }
        }
        Dataset d = csv.toDataset(DatasetColumns.of(ref.get("response").asText())
                .withOffset(offset).withExcluded(exclude));
        assertEquals(design, d.predictorNames());
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesR(String name) {
        check(name, 1e-14, null);
    }

    @ParameterizedTest(name = "{0} at R's default epsilon")
    @MethodSource("fixtures")
    void matchesRAtDefaultSettings(String name) {
        check(name, 1e-8, null);
    }

    /** The Gaussian fixture through IRLS too (normal equations refined by Newton steps). */
    @ParameterizedTest(name = "{0} by irls")
    @MethodSource("fixtures")
    void matchesRByIrls(String name) {
        check(name, 1e-14, "irls");
    }

    /**
     * Every fixture through the default rule's other solver, L-BFGS then IRLS certified at the
     * standard-error level ({@code LbfgsWarmStart}), forced on these small data: the same
     * tolerances (its certificate bounds the standard errors' change by 5e-10 relative, inside the 1e-8).
     */
    @ParameterizedTest(name = "{0} by lbfgs-irls")
    @MethodSource("fixtures")
    void matchesRByLbfgsThenIrls(String name) {
        check(name, 1e-8, "lbfgs-irls");
    }

    private static void check(String name, double epsilon, String solver) {
        JsonNode ref = Fixtures.json("glm/" + name + ".json");
        Family family = Family.of(ref.get("family").asText());
        boolean intercept = !ref.has("add_intercept") || ref.get("add_intercept").asBoolean();
        Dataset data = data(ref);
        FittedGlm fit = Glm.builder(family).intercept(intercept).epsilon(epsilon).solver(solver).build().fit(data);
        assertTrue(fit.converged(), fit.solverResult().message());
        assertEquals(ref.get("link").asText(), fit.link().label());
        List<String> names = new ArrayList<>();
        ref.get("coefficient_names").forEach(c -> names.add(c.asText()));
        assertEquals(names, fit.coefficientNames());
        StoppingRuleSlack slack = StoppingRuleSlack.of(ref, data, intercept, fit, epsilon);

        double[] refCoef = Fixtures.doubles(ref.get("coefficients"));
        double[] refSe = Fixtures.doubles(ref.get("std_errors_at_mle"));
        double[] refStat = Fixtures.doubles(ref.get("test_statistics"));
        double[] refP = Fixtures.doubles(ref.get("p_values"));
        double coef = Fixtures.maxRelDiff(fit.coefficients(), refCoef, 0);
        double se = Fixtures.maxRelDiff(fit.standardErrors(), refSe, 0);
        double seR = Fixtures.maxRelDiff(fit.standardErrors(), Fixtures.doubles(ref.get("std_errors")), 0);
        double stat = Fixtures.maxRelDiff(fit.statistics(), refStat, 0);
        double pv = Fixtures.maxRelDiff(fit.pValues(), refP, 0);
        System.out.printf("%-18s eps %.0e (%s, %d it, rule radius %.1e): coef %.1e  se(at mle) %.1e  se(R) %.1e"
                        + "  stat %.1e  p %.1e  dev %.1e  null %.1e  loglik %.1e  aic %.1e  bic %.1e  pearson %.1e%n",
                name, epsilon, fit.solverResult().solver(), fit.iterations(), slack.radius(), coef, se, seR, stat,
                pv, rel(fit.deviance(), ref.get("deviance")), rel(fit.nullDeviance(), ref.get("null_deviance")),
                rel(fit.logLikelihood(), ref.get("loglik")), rel(fit.aic(), ref.get("aic")),
                rel(fit.bic(), ref.get("bic")), rel(fit.pearsonChiSquare(), ref.get("pearson_chi2")));
        for (int j = 0; j < refCoef.length; j++) {
            String what = " of " + names.get(j);
            assertEquals(refCoef[j], fit.coefficients()[j], 1e-9 * Math.abs(refCoef[j]) + slack.coefficient(j),
                    "coefficient" + what);
            assertEquals(refSe[j], fit.standardErrors()[j], (1e-8 + slack.relativeCurvature()) * refSe[j],
                    "standard error" + what);
            double statTolerance = (1e-8 + slack.relativeCurvature()) * Math.abs(refStat[j]) + slack.radius();
            assertEquals(refStat[j], fit.statistics()[j], statTolerance, "statistic" + what);
            double density = Math.exp(-0.5 * refStat[j] * refStat[j]) / Math.sqrt(2 * Math.PI);
            assertEquals(refP[j], fit.pValues()[j], 1e-6 * refP[j] + 2 * density * statTolerance,
                    "p-value" + what);
        }
        // deviance, log-likelihood, AIC, BIC: the excess over the optimum is quadratic in the error
        double excess = slack.devianceExcess();
        assertEquals(ref.get("deviance").asDouble(), fit.deviance(), tolerance(ref.get("deviance"), excess),
                "deviance");
        assertTrue(rel(fit.nullDeviance(), ref.get("null_deviance")) <= 1e-10, "null deviance");
        assertEquals(ref.get("loglik").asDouble(), fit.logLikelihood(), tolerance(ref.get("loglik"), excess / 2),
                "loglik");
        assertEquals(ref.get("aic").asDouble(), fit.aic(), tolerance(ref.get("aic"), excess), "aic");
        assertEquals(ref.get("bic").asDouble(), fit.bic(), tolerance(ref.get("bic"), excess), "bic");
        assertEquals(ref.get("pearson_chi2").asDouble(), fit.pearsonChiSquare(),
                tolerance(ref.get("pearson_chi2"), slack.pearsonChiSquare()), "pearson chi2");
        assertTrue(rel(fit.dispersion(), ref.get("dispersion")) <= 1e-10, "dispersion");
        assertEquals(ref.get("df_residual").asInt(), fit.dfResidual());
        assertEquals(ref.get("df_null").asInt(), fit.dfNull());
        assertEquals(ref.get("loglik_df").asInt(), fit.logLikelihoodParameters());
        assertEquals(ref.get("statistic_name").asText(), fit.statisticName());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
        double[][] cov = Fixtures.matrix(ref.get("covariance_at_mle"));
        for (int i = 0; i < cov.length; i++) {
            for (int j = 0; j < cov.length; j++) {
                double scale = Math.sqrt(cov[i][i] * cov[j][j]);
                assertEquals(cov[i][j], fit.covariance().get(i, j), (1e-8 + 2 * slack.relativeCurvature()) * scale,
                        "covariance " + i + "," + j);
            }
        }
        double[] eta5 = Fixtures.doubles(ref.get("linear_predictor_first5"));
        double[] mu5 = Fixtures.doubles(ref.get("fitted_mean_first5"));
        for (int i = 0; i < 5; i++) {
            assertEquals(eta5[i], fit.linearPredictor()[i],
                    1e-9 * Math.max(1, Math.abs(eta5[i])) + slack.linearPredictor(i));
            assertEquals(mu5[i], fit.fittedValues()[i], (1e-9 + 2 * slack.linearPredictor(i)) * Math.abs(mu5[i]));
        }
    }

    /** The README's 1e-10 relative agreement plus an absolute allowance. */
    private static double tolerance(JsonNode ref, double allowance) {
        return 1e-10 * Math.abs(ref.asDouble()) + allowance;
    }

    /**
     * How far R's stopping rule lets an IRLS fit of a binomial (logit) or Poisson (log) GLM stop
     * from the MLE {@code beta*}, and what that does to every reported quantity.
     *
     * <p>Notation: {@code H* = X'W(beta*)X} (the Fisher information; {@code covariance_at_mle =
     * phi H*^-1}), {@code ||d|| = sqrt(d'H*d)}, {@code e_k = beta_k - beta*}, {@code h_i = x_i'H*^-1
     * x_i}, {@code c = sqrt(max_i h_i)}, {@code m_k = max_i |x_i'e_k| <= c ||e_k||}.
     *
     * <ol>
     *   <li>Curvature: for these two canonical links the weight {@code w(eta) = mu(1 - mu)} or
     *       {@code e^eta} has {@code |w'| <= w}, so {@code W(beta* + d)} lies between
     *       {@code e^-m W*} and {@code e^m W*} with {@code m = max_i |x_i'd|} (the self-concordance
     *       of the logistic and Poisson losses, Bach 2010).</li>
     *   <li>Deviance: {@code D = -2 loglik + const} has Hessian {@code 2 X'W X}, so
     *       {@code D(beta* + d) - D*} lies between {@code e^-m ||d||^2} and {@code e^m ||d||^2}.</li>
     *   <li>Newton contraction: the IRLS step from {@code beta_{k-1}} (Fisher scoring = Newton for a
     *       canonical link, full step) leaves {@code e_k = H_{k-1}^-1 int_0^1 (H_{k-1} - H(beta* + t
     *       e_{k-1})) e_{k-1} dt}; by 1 each weight difference is at most {@code (1 - t) m e^m w*},
     *       so {@code ||e_k|| <= (c/2) e^{2m} ||e_{k-1}||^2}.</li>
     *   <li>The rule fires at iteration k when {@code D_{k-1} - D_k < epsilon (|D_k| + 0.1)}. By 2,
     *       {@code D_{k-1} - D_k >= e^-m ||e_{k-1}||^2 - e^m ||e_k||^2}, and by 3 the second term is at
     *       most 0.4% of the first while {@code m <= 0.1}; so {@code ||e_{k-1}||^2 <= 1.11 epsilon (|D|
     *       + 0.1)} and {@code ||e_k|| <= (c/2) 1.22 * 1.11 epsilon (|D| + 0.1) <= r = c epsilon (|D| +
     *       0.1)}. The condition {@code m <= 0.1} is checked: {@code c sqrt(1.11 epsilon (|D| + 0.1))
     *       <= 0.1}. The rule says nothing about how much smaller {@code D_{k-1} - D_k} actually was,
     *       nor at which k it fires (that depends on rounding, hence on the BLAS kernel); an extra
     *       Newton step after it (IRLS's final step) only makes the error smaller.</li>
     *   <li>Consequences, with {@code ||e|| <= r} and {@code m <= c r}: {@code |e_j| <= sqrt(H*^-1_jj) r
     *       = SE_j r / sqrt(phi)}; {@code |Delta eta_i| <= sqrt(h_i) r}; the information matrix and
     *       the covariance move by a factor within {@code e^{+-m}} (standard errors by half that);
     *       {@code D - D* <= e^m r^2}; the Pearson statistic {@code X^2 = sum (y - mu)^2 / V(mu)}
     *       moves by at most {@code sum_i |dX_i^2/deta_i| sqrt(h_i) r} to first order, where for a
     *       canonical link {@code dX_i^2/deta = -2(y - mu) - (y - mu)^2 V'(mu) / V(mu)}; twice that
     *       covers the second-order term at these radii.</li>
     * </ol>
     * Direct solves (QR) and Gaussian IRLS (constant weights: one Newton step is exact) have no
     * stopping-rule error: radius 0.
     */
    record StoppingRuleSlack(double radius, double[] coefficientScale, double[] leverageRoot,
                             double pearsonSensitivity) {

        static StoppingRuleSlack of(JsonNode ref, Dataset data, boolean intercept, FittedGlm fit, double epsilon) {
            double dispersion = ref.get("dispersion").asDouble();
            double[][] cov = Fixtures.matrix(ref.get("covariance_at_mle"));
            int k = cov.length;
            int n = data.rows();
            double[] scale = new double[k];
            for (int j = 0; j < k; j++) {
                scale[j] = Math.sqrt(cov[j][j] / dispersion);
            }
            String family = ref.get("family").asText();
            boolean iterative = !fit.solverResult().solver().equals("qr") && !family.equals("gaussian");
            if (!iterative) {
                return new StoppingRuleSlack(0, scale, new double[n], 0);
            }
            assertTrue(family.equals("binomial") && ref.get("link").asText().equals("logit")
                    || family.equals("poisson") && ref.get("link").asText().equals("log"),
                    "the stopping-rule bound is derived for canonical binomial and Poisson fits, not " + family);
            double[] beta = Fixtures.doubles(ref.get("coefficients"));
            double[] y = data.response();
            double[] offset = data.hasOffset() ? data.offset() : new double[n];
            double[] root = new double[n];
            double maxLeverage = 0;
            double sensitivity = 0;
            for (int i = 0; i < n; i++) {
                double[] x = new double[k];
                int off = 0;
                if (intercept) {
                    x[off++] = 1;
                }
                for (int j = 0; j < data.columns(); j++) {
                    x[off + j] = data.x().getDouble(i, j);
                }
                double hi = 0;
                double eta = offset[i];
                for (int a = 0; a < k; a++) {
                    eta += x[a] * beta[a];
                    for (int b = 0; b < k; b++) {
                        hi += x[a] * cov[a][b] * x[b] / dispersion;
                    }
                }
                root[i] = Math.sqrt(hi);
                maxLeverage = Math.max(maxLeverage, hi);
                boolean binomial = family.equals("binomial");
                double mu = binomial ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta);
                double variance = binomial ? mu * (1 - mu) : mu;
                double varianceSlope = binomial ? 1 - 2 * mu : 1;
                double residual = y[i] - mu;
                double pearsonSlope = -2 * residual - residual * residual * varianceSlope / variance;
                sensitivity += Math.abs(pearsonSlope) * root[i];
            }
            double c = Math.sqrt(maxLeverage);
            double scaleOfRule = epsilon * (Math.abs(ref.get("deviance").asDouble()) + 0.1);
            assertTrue(c * Math.sqrt(1.11 * scaleOfRule) <= 0.1,
                    "the derivation needs max |x_i'e| <= 0.1 before the last step");
            return new StoppingRuleSlack(c * scaleOfRule, scale, root, sensitivity);
        }

        /** Allowed absolute error of coefficient j. */
        double coefficient(int j) {
            return coefficientScale[j] * radius;
        }

        /** Bound on {@code max_i |Delta eta_i|}, the relative change of any weight to first order. */
        double relativeCurvature() {
            double m = 0;
            for (double r : leverageRoot) {
                m = Math.max(m, r);
            }
            return m * radius;
        }

        /** Allowed absolute error of the linear predictor of training row i. */
        double linearPredictor(int i) {
            return leverageRoot[i] * radius;
        }

        /** Bound on {@code D - D*}. */
        double devianceExcess() {
            return 1.2 * radius * radius;
        }

        /** Allowed absolute error of the Pearson statistic. */
        double pearsonChiSquare() {
            return 2 * pearsonSensitivity * radius;
        }
    }

    static double rel(double value, JsonNode ref) {
        double r = ref.asDouble();
        return Math.abs(value - r) / Math.abs(r);
    }
}
