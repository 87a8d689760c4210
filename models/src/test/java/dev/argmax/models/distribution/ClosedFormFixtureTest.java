package dev.argmax.models.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.conjugate.Beta;
import dev.argmax.models.conjugate.Dirichlet;
import dev.argmax.models.conjugate.Gamma;
import dev.argmax.models.conjugate.InverseGamma;
import dev.argmax.models.conjugate.Mode;
import dev.argmax.models.conjugate.NegativeBinomial;
import dev.argmax.models.conjugate.Normal;
import dev.argmax.models.conjugate.NormalInverseGamma;
import dev.argmax.models.conjugate.StudentT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the reference {@code closed_form/closed_form.json} (exact rational arithmetic,
 * recomputed in R; see the reference README section 4), to 1e-12 relative. Each expected entry
 * must be computed by the library: an entry this test does not know fails the test, so a case
 * cannot be passed by skipping it. Entries whose value is null with {@code undefined_because}
 * must be reported as non-existent by the library (a mode that is not interior, or a moment that
 * is infinite or NaN).
 */
class ClosedFormFixtureTest {

    private static final double TOLERANCE = 1e-12;
    private static double worst;
    private static String worstWhere = "";

    static Stream<Arguments> cases() {
        JsonNode root = Fixtures.json("closed_form/closed_form.json");
        List<Arguments> out = new ArrayList<>();
        root.get("cases").forEach(c -> out.add(Arguments.of(c.get("id").asText(), c)));
        assertTrue(out.size() >= 15, "fixture has " + out.size() + " cases");
        return out.stream();
    }

    @AfterAll
    static void report() {
        System.out.printf("closed_form.json: worst relative error %.3g at %s%n", worst, worstWhere);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String id, JsonNode c) {
        JsonNode in = c.get("inputs");
        Map<String, Object> computed = compute(id, in);
        JsonNode expected = c.get("expected");
        assertTrue(expected.size() > 0, id + " has no expected values");
        expected.fields().forEachRemaining(e -> check(id, e.getKey(), e.getValue(), computed.get(e.getKey())));
    }

    private static Map<String, Object> compute(String id, JsonNode in) {
        if (id.startsWith("bernoulli_mle")) {
            return bernoulli(Fixtures.doubles(in.get("x")));
        } else if (id.startsWith("gaussian_mle")) {
            return gaussian(Fixtures.doubles(in.get("x")));
        } else if (id.startsWith("poisson_mle")) {
            return poisson(Fixtures.doubles(in.get("x")));
        } else if (id.startsWith("exponential_mle")) {
            return exponential(Fixtures.doubles(in.get("x")));
        } else if (id.startsWith("multinomial_mle")) {
            return multinomial(in);
        } else if (id.startsWith("beta_bernoulli") || id.startsWith("beta_binomial")) {
            return betaBernoulli(in);
        } else if (id.startsWith("dirichlet_multinomial")) {
            return dirichlet(in);
        } else if (id.startsWith("gamma_poisson")) {
            return gammaPoisson(in);
        } else if (id.startsWith("gamma_exponential")) {
            return gammaExponential(in);
        } else if (id.startsWith("normal_mean_known_variance")) {
            return normalKnownVariance(in);
        } else if (id.startsWith("inverse_gamma_variance_known_mean")) {
            return inverseGammaKnownMean(in);
        } else if (id.startsWith("normal_inverse_gamma")) {
            return normalInverseGamma(in);
        }
        fail("no computation for fixture case " + id);
        return Map.of();
    }

    private static Map<String, Object> bernoulli(double[] x) {
        MaximumLikelihoodFit fit = new Bernoulli().fit(x);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (double) fit.n());
        m.put("k", Samples.sum(x));
        m.put("p_hat", fit.estimate("p"));
        m.put("fisher_information_per_obs_at_mle", fit.fisherInformationPerObservation()[0][0]);
        m.put("se_p_hat", fit.standardError("p"));
        m.put("loglik_at_mle", fit.logLikelihood());
        return m;
    }

    private static Map<String, Object> gaussian(double[] x) {
        MaximumLikelihoodFit fit = Gaussian.bothUnknown().fit(x);
        Gaussian.VarianceEstimates v = Gaussian.varianceEstimates(x);
        DerivedEstimate sigma = fit.derive("sigma2", Transformation.SQUARE_ROOT);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (double) fit.n());
        m.put("mean_mu_hat", fit.estimate("mu"));
        m.put("sum_sq_dev", v.sumSquaredDeviations());
        m.put("variance_mle_biased", fit.estimate("sigma2"));
        m.put("variance_unbiased", v.varianceUnbiased());
        m.put("sigma_mle", sigma.estimate());
        m.put("sd_unbiased_variance", v.sdUnbiasedVariance());
        m.put("fisher_information_per_obs_mu_at_mle", fit.fisherInformationPerObservation()[0][0]);
        m.put("fisher_information_per_obs_sigma2_at_mle", fit.fisherInformationPerObservation()[1][1]);
        m.put("fisher_information_per_obs_sigma_at_mle", sigma.fisherInformationPerObservation());
        m.put("se_mu_hat_at_mle", fit.standardError("mu"));
        m.put("se_mu_hat_unbiased", v.seMeanUnbiased());
        m.put("se_sigma2_hat_at_mle", fit.standardError("sigma2"));
        m.put("se_sigma_hat_at_mle", sigma.standardError());
        m.put("loglik_at_mle", fit.logLikelihood());
        assertEquals(0.0, fit.fisherInformationPerObservation()[0][1], "mu-sigma2 cross information");
        assertEquals(v.varianceMle(), fit.estimate("sigma2"));
        return m;
    }

    private static Map<String, Object> poisson(double[] x) {
        MaximumLikelihoodFit fit = new Poisson().fit(x);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (double) fit.n());
        m.put("sum_x", Samples.sum(x));
        m.put("lambda_hat", fit.estimate("lambda"));
        m.put("fisher_information_per_obs_at_mle", fit.fisherInformationPerObservation()[0][0]);
        m.put("se_lambda_hat", fit.standardError("lambda"));
        m.put("loglik_at_mle", fit.logLikelihood());
        return m;
    }

    private static Map<String, Object> exponential(double[] x) {
        MaximumLikelihoodFit fit = new Exponential().fit(x);
        DerivedEstimate mean = fit.derive("rate", Transformation.RECIPROCAL);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (double) fit.n());
        m.put("sum_x", Samples.sum(x));
        m.put("rate_hat", fit.estimate("rate"));
        m.put("mean_hat", mean.estimate());
        m.put("fisher_information_per_obs_rate_at_mle", fit.fisherInformationPerObservation()[0][0]);
        m.put("se_rate_hat", fit.standardError("rate"));
        m.put("fisher_information_per_obs_mean_at_mle", mean.fisherInformationPerObservation());
        m.put("se_mean_hat", mean.standardError());
        m.put("loglik_at_mle", fit.logLikelihood());
        return m;
    }

    private static Map<String, Object> multinomial(JsonNode in) {
        List<String> categories = new ArrayList<>();
        in.get("categories").forEach(n -> categories.add(n.asText()));
        double[] counts = Fixtures.doubles(in.get("counts"));
        MaximumLikelihoodFit fit = new Multinomial(categories).fit(counts);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("N", (double) fit.n());
        m.put("p_hat", fit.estimate());
        m.put("se_p_hat", fit.standardErrors());
        m.put("loglik_at_mle_without_multinomial_coefficient",
                fit.logLikelihood() - Multinomial.logMultinomialCoefficient(counts));
        return m;
    }

    private static Map<String, Object> betaBernoulli(JsonNode in) {
        Beta prior = new Beta(in.get("alpha").asDouble(), in.get("beta").asDouble());
        long k = in.get("k").asLong();
        long n = in.get("n").asLong();
        Beta post = prior.update(k, n - k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posterior_alpha", post.alpha());
        m.put("posterior_beta", post.beta());
        m.put("posterior_mean", post.mean());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_variance", post.variance());
        m.put("laplace_rule_of_succession", Beta.ruleOfSuccession(k, n));
        double[] x = new double[(int) n];
        for (int i = 0; i < k; i++) {
            x[i] = 1;
        }
        m.put("mle", new Bernoulli().fit(x).estimate("p"));
        m.put("log_marginal_likelihood_sequence", prior.logMarginalLikelihood(k, n - k));
        return m;
    }

    private static Map<String, Object> dirichlet(JsonNode in) {
        Dirichlet prior = new Dirichlet(Fixtures.doubles(in.get("alpha")));
        double[] counts = Fixtures.doubles(in.get("counts"));
        Dirichlet post = prior.update(counts);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posterior_alpha", post.alpha());
        m.put("posterior_mean", post.means());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_variance", post.variances());
        m.put("log_marginal_likelihood_sequence", prior.logMarginalLikelihood(counts));
        return m;
    }

    private static Map<String, Object> gammaPoisson(JsonNode in) {
        Gamma post = new Gamma(in.get("shape_a").asDouble(), in.get("rate_b").asDouble())
                .updatePoisson(Fixtures.doubles(in.get("x")));
        NegativeBinomial predictive = post.poissonPredictive();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posterior_shape", post.shape());
        m.put("posterior_rate", post.rate());
        m.put("posterior_scale", post.scale());
        m.put("posterior_mean", post.mean());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_variance", post.variance());
        m.put("posterior_predictive_mean", predictive.mean());
        m.put("posterior_predictive_variance", predictive.variance());
        return m;
    }

    private static Map<String, Object> gammaExponential(JsonNode in) {
        Gamma post = new Gamma(in.get("shape_a").asDouble(), in.get("rate_b").asDouble())
                .updateExponential(Fixtures.doubles(in.get("x")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posterior_shape", post.shape());
        m.put("posterior_rate", post.rate());
        m.put("posterior_mean", post.mean());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_variance", post.variance());
        m.put("posterior_mean_of_mean_parameter", post.meanOfReciprocal());
        return m;
    }

    private static Map<String, Object> normalKnownVariance(JsonNode in) {
        double sigma2 = in.get("sigma_sq").asDouble();
        Normal post = new Normal(in.get("mu0").asDouble(), in.get("tau0_sq").asDouble())
                .updateMean(Fixtures.doubles(in.get("x")), sigma2);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posterior_precision", post.precision());
        m.put("posterior_variance", post.variance());
        m.put("posterior_mean", post.mean());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_predictive_variance", post.predictive(sigma2).variance());
        return m;
    }

    private static Map<String, Object> inverseGammaKnownMean(JsonNode in) {
        double mu = in.get("mu_known").asDouble();
        double[] x = Fixtures.doubles(in.get("x"));
        InverseGamma post = new InverseGamma(in.get("alpha0").asDouble(), in.get("beta0").asDouble())
                .updateVariance(x, mu);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sum_sq_about_mu", Samples.sumSquaresAbout(x, mu));
        m.put("posterior_alpha", post.shape());
        m.put("posterior_beta", post.scale());
        m.put("posterior_mean", post.mean());
        m.put("posterior_mode_map", post.mode());
        m.put("posterior_variance", post.variance());
        m.put("posterior_mean_of_precision", post.meanOfReciprocal());
        return m;
    }

    private static Map<String, Object> normalInverseGamma(JsonNode in) {
        double[] x = Fixtures.doubles(in.get("x"));
        NormalInverseGamma post = new NormalInverseGamma(in.get("mu0").asDouble(), in.get("kappa0").asDouble(),
                in.get("alpha0").asDouble(), in.get("beta0").asDouble()).update(x);
        StudentT mu = post.marginalMean();
        InverseGamma sigma2 = post.marginalVariance();
        StudentT predictive = post.predictive();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("xbar", Samples.mean(x));
        m.put("sum_sq_dev", Samples.sumSquaredDeviations(x, Samples.mean(x)));
        m.put("posterior_kappa", post.kappa());
        m.put("posterior_mu", post.mu());
        m.put("posterior_alpha", post.alpha());
        m.put("posterior_beta", post.beta());
        m.put("marginal_mu_distribution", mu);
        m.put("marginal_mu_t_df", mu.df());
        m.put("marginal_mu_t_scale_sq", mu.scaleSquared());
        m.put("marginal_mu_mean", mu.mean());
        m.put("marginal_mu_mode", mu.mode());
        m.put("marginal_mu_variance", mu.variance());
        m.put("marginal_sigma2_distribution", sigma2);
        m.put("marginal_sigma2_mean", sigma2.mean());
        m.put("marginal_sigma2_mode", sigma2.mode());
        m.put("joint_mode_mu", post.mode().location()[0]);
        m.put("joint_mode_sigma2", post.mode().location()[1]);
        m.put("posterior_predictive_t_df", predictive.df());
        m.put("posterior_predictive_t_scale_sq", predictive.scaleSquared());
        return m;
    }

    private static void check(String id, String key, JsonNode expected, Object actual) {
        String where = id + "." + key;
        assertNotNull(actual, where + ": the library computes no value for this reference entry");
        JsonNode value = expected.get("value");
        if (value == null || value.isNull()) {
            if (expected.has("undefined_because")) {
                String why = expected.get("undefined_because").asText();
                if (actual instanceof Mode mode) {
                    assertFalse(mode.interior(), where + ": reference says no interior mode (" + why
                            + "), library gives " + mode);
                } else {
                    // an undefined moment or information: the library must not give a finite number
                    assertTrue(actual instanceof Double d && !Double.isFinite(d), where + ": reference says undefined ("
                            + why + "), library gives " + actual);
                }
            } else {
                // a distribution named by its formula (e.g. the Student-t marginal): the library must give the object
                assertTrue(actual instanceof StudentT || actual instanceof InverseGamma,
                        where + ": expected a distribution object for '" + expected.get("formula").asText() + "'");
            }
            return;
        }
        if (value.isArray()) {
            double[] want = Fixtures.doubles(value);
            double[] got = actual instanceof Mode mode ? interiorLocation(where, mode) : (double[]) actual;
            assertEquals(want.length, got.length, where + " length");
            for (int i = 0; i < want.length; i++) {
                close(where + "[" + i + "]", want[i], got[i]);
            }
            return;
        }
        double got = actual instanceof Mode mode ? interiorLocation(where, mode)[0] : (Double) actual;
        close(where, value.asDouble(), got);
    }

    private static double[] interiorLocation(String where, Mode mode) {
        assertTrue(mode.exists(), where + ": reference has a mode, library says " + mode.explanation());
        return mode.location();
    }

    private static void close(String where, double want, double got) {
        double err = want == got ? 0 : Math.abs(got - want) / Math.abs(want);
        if (err > worst) {
            worst = err;
            worstWhere = where;
        }
        assertTrue(err <= TOLERANCE, where + ": expected " + want + ", got " + got + " (relative error " + err + ")");
    }
}
