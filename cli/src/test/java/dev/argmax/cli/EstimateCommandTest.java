package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argmax estimate} end to end: the JSON numbers against the reference
 * {@code closed_form/closed_form.json} (exact rational arithmetic, recomputed in R) to 1e-12
 * relative, on CSV files written from the fixture inputs; the bundled datasets; and one-line
 * error messages with exit status 2 for bad options or data.
 */
class EstimateCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode FIXTURE = Fixtures.json("closed_form/closed_form.json");
    private static final Path DATASETS = Path.of("src/main/resources/datasets");

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static JsonNode fixtureCase(String id) {
        for (JsonNode c : FIXTURE.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no fixture case " + id);
    }

    private static double expected(JsonNode c, String key) {
        return c.get("expected").get(key).get("value").asDouble();
    }

    private Path csv(String name, JsonNode values) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("x");
        values.forEach(v -> lines.add(v.asText()));
        Path file = dir.resolve(name + ".csv");
        Files.write(file, lines);
        return file;
    }

    private static void close(double want, JsonNode got, String what) {
        assertTrue(got != null && got.isNumber(), what + " missing: " + got);
        double err = Math.abs(got.asDouble() - want) / Math.abs(want);
        assertTrue(err <= 1e-12, what + ": expected " + want + ", got " + got + " (relative error " + err + ")");
    }

    private JsonNode estimate(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("estimate", "--data", file.toString(), "--column", "x",
                "--format", "json"));
        args.addAll(List.of(more));
        Run r = run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        return r.json();
    }

    @Test
    void poissonWithGammaPriorMatchesTheReference() throws IOException {
        JsonNode mleCase = fixtureCase("poisson_mle");
        JsonNode postCase = fixtureCase("gamma_poisson");
        Path file = csv("poisson", mleCase.get("inputs").get("x"));
        JsonNode json = estimate(file, "--distribution", "poisson", "--prior", "gamma:2,1");
        close(expected(mleCase, "lambda_hat"), json.at("/mle/lambda"), "mle");
        close(expected(mleCase, "se_lambda_hat"), json.at("/std_errors/lambda"), "se");
        close(expected(mleCase, "loglik_at_mle"), json.get("loglik"), "loglik");
        close(expected(mleCase, "fisher_information_per_obs_at_mle"),
                json.at("/fisher_information/per_observation/0/0"), "fisher");
        double z = 1.959963984540054;
        close(expected(mleCase, "lambda_hat") - z * expected(mleCase, "se_lambda_hat"),
                json.at("/conf_int_lower/lambda"), "wald lower");
        close(expected(postCase, "posterior_shape"), json.at("/posterior/shape"), "posterior shape");
        close(expected(postCase, "posterior_rate"), json.at("/posterior/rate"), "posterior rate");
        close(expected(postCase, "posterior_mode_map"), json.at("/map/lambda"), "map");
        close(expected(postCase, "posterior_mean"), json.at("/posterior_mean/lambda"), "posterior mean");
        assertTrue(json.at("/credible_lower/lambda").asDouble() < json.at("/posterior_mean/lambda").asDouble());
        assertTrue(json.at("/credible_upper/lambda").asDouble() > json.at("/posterior_mean/lambda").asDouble());
    }

    @Test
    void bernoulliWithBetaPriorMatchesTheReference() throws IOException {
        JsonNode mleCase = fixtureCase("bernoulli_mle");
        JsonNode postCase = fixtureCase("beta_bernoulli_informative");
        JsonNode json = estimate(csv("bernoulli", mleCase.get("inputs").get("x")), "--distribution", "bernoulli",
                "--prior", "beta:2,3");
        close(expected(mleCase, "p_hat"), json.at("/mle/p"), "mle");
        close(expected(mleCase, "se_p_hat"), json.at("/std_errors/p"), "se");
        close(expected(mleCase, "loglik_at_mle"), json.get("loglik"), "loglik");
        close(expected(postCase, "posterior_alpha"), json.at("/posterior/alpha"), "alpha");
        close(expected(postCase, "posterior_beta"), json.at("/posterior/beta"), "beta");
        close(expected(postCase, "posterior_mode_map"), json.at("/map/p"), "map");
        close(expected(postCase, "posterior_mean"), json.at("/posterior_mean/p"), "mean");
        close(Math.sqrt(expected(postCase, "posterior_variance")), json.at("/posterior_sd/p"), "sd");
        close(Math.log(7.0 / 3.0), json.at("/derived/log_odds/mle"), "log-odds");
    }

    @Test
    void gaussianWithNormalInverseGammaPriorMatchesTheReference() throws IOException {
        JsonNode mleCase = fixtureCase("gaussian_mle");
        JsonNode postCase = fixtureCase("normal_inverse_gamma");
        JsonNode json = estimate(csv("gaussian", mleCase.get("inputs").get("x")), "--distribution", "gaussian",
                "--prior", "normal-inverse-gamma:3,1,2,1");
        close(expected(mleCase, "mean_mu_hat"), json.at("/mle/mu"), "mu");
        close(expected(mleCase, "variance_mle_biased"), json.at("/mle/sigma2"), "sigma2");
        close(expected(mleCase, "variance_unbiased"), json.get("variance_unbiased"), "unbiased");
        close(expected(mleCase, "se_mu_hat_at_mle"), json.at("/std_errors/mu"), "se mu");
        close(expected(mleCase, "se_sigma2_hat_at_mle"), json.at("/std_errors/sigma2"), "se sigma2");
        close(expected(mleCase, "sigma_mle"), json.at("/derived/sigma/mle"), "sigma");
        close(expected(mleCase, "se_sigma_hat_at_mle"), json.at("/derived/sigma/std_error"), "se sigma");
        close(expected(mleCase, "loglik_at_mle"), json.get("loglik"), "loglik");
        close(expected(postCase, "posterior_mu"), json.at("/posterior/mu"), "mu_n");
        close(expected(postCase, "posterior_kappa"), json.at("/posterior/kappa"), "kappa_n");
        close(expected(postCase, "posterior_alpha"), json.at("/posterior/alpha"), "alpha_n");
        close(expected(postCase, "posterior_beta"), json.at("/posterior/beta"), "beta_n");
        close(expected(postCase, "joint_mode_mu"), json.at("/map/mu"), "map mu");
        close(expected(postCase, "joint_mode_sigma2"), json.at("/map/sigma2"), "map sigma2");
        close(expected(postCase, "marginal_mu_mean"), json.at("/posterior_mean/mu"), "mean mu");
        close(expected(postCase, "marginal_sigma2_mean"), json.at("/posterior_mean/sigma2"), "mean sigma2");
        close(Math.sqrt(expected(postCase, "marginal_mu_variance")), json.at("/posterior_sd/mu"), "sd mu");
    }

    @Test
    void knownVarianceAndKnownMeanPriorsMatchTheReference() throws IOException {
        JsonNode normal = fixtureCase("normal_mean_known_variance");
        Path file = csv("gaussian", normal.get("inputs").get("x"));
        JsonNode json = estimate(file, "--distribution", "gaussian", "--known-variance", "2", "--prior", "normal:0,2");
        close(expected(normal, "posterior_mean"), json.at("/posterior_mean/mu"), "posterior mean");
        close(expected(normal, "posterior_variance"), json.at("/posterior/variance"), "posterior variance");
        close(Math.sqrt(2.0 / 8), json.at("/std_errors/mu"), "known-variance se");
        JsonNode ig = fixtureCase("inverse_gamma_variance_known_mean");
        JsonNode json2 = estimate(file, "--distribution", "gaussian", "--known-mean", "3",
                "--prior", "inverse-gamma:3,2");
        close(expected(ig, "posterior_alpha"), json2.at("/posterior/shape"), "shape");
        close(expected(ig, "posterior_beta"), json2.at("/posterior/scale"), "scale");
        close(expected(ig, "posterior_mode_map"), json2.at("/map/sigma2"), "map");
        close(expected(ig, "posterior_mean"), json2.at("/posterior_mean/sigma2"), "mean");
        close(expected(ig, "sum_sq_about_mu") / 8, json2.at("/mle/sigma2"), "known-mean mle");
    }

    @Test
    void multinomialWithDirichletPriorMatchesTheReference() throws IOException {
        JsonNode mleCase = fixtureCase("multinomial_mle");
        JsonNode postCase = fixtureCase("dirichlet_multinomial_informative");
        JsonNode json = estimate(csv("counts", mleCase.get("inputs").get("counts")), "--distribution", "multinomial",
                "--prior", "dirichlet:2,0.5,1,3");
        JsonNode pHat = mleCase.get("expected").get("p_hat").get("value");
        JsonNode se = mleCase.get("expected").get("se_p_hat").get("value");
        JsonNode mode = postCase.get("expected").get("posterior_mode_map").get("value");
        JsonNode mean = postCase.get("expected").get("posterior_mean").get("value");
        for (int k = 0; k < 4; k++) {
            String p = "p_" + (k + 1);
            close(pHat.get(k).asDouble(), json.at("/mle/" + p), "mle " + p);
            close(se.get(k).asDouble(), json.at("/std_errors/" + p), "se " + p);
            close(mode.get(k).asDouble(), json.at("/map/" + p), "map " + p);
            close(mean.get(k).asDouble(), json.at("/posterior_mean/" + p), "mean " + p);
        }
    }

    @Test
    void boundaryCasesAreReportedNotCrashed() throws IOException {
        Path file = dir.resolve("ones.csv");
        Files.write(file, List.of("x", "1", "1", "1"));
        JsonNode json = estimate(file, "--distribution", "bernoulli", "--prior", "beta:1,1");
        assertEquals(1.0, json.at("/mle/p").asDouble());
        assertEquals(0.0, json.at("/std_errors/p").asDouble());
        assertTrue(json.at("/derived/log_odds/mle").isNull(), "infinite log-odds written as null");
        assertTrue(json.get("warnings").get(0).asText().contains("boundary"), json.get("warnings").toString());
        assertEquals("boundary", json.get("map_kind").asText(), "Beta(4, 1) has its mode at p = 1");
        assertEquals(1.0, json.at("/map/p").asDouble());
        Path zeros = dir.resolve("zeros.csv");
        Files.write(zeros, List.of("x", "0", "0"));
        JsonNode beta = estimate(zeros, "--distribution", "bernoulli", "--prior", "beta:0.5,0.5");
        assertTrue(beta.at("/map/p").isNull(), "Beta(0.5, 2.5) has no mode");
        assertEquals("unbounded", beta.get("map_kind").asText());
    }

    @Test
    void bundledDatasetsGiveTheTextbookNumbers() {
        Run r = run("estimate", "--data", DATASETS.resolve("horsekicks.csv").toString(), "--column", "deaths",
                "--distribution", "poisson", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(200, json.get("n").asInt());
        assertEquals(0.61, json.at("/mle/lambda").asDouble(), 1e-15);
        assertEquals(Math.sqrt(0.61 / 200), json.at("/std_errors/lambda").asDouble(), 1e-15);
        Run peas = run("estimate", "--data", DATASETS.resolve("mendel_peas.csv").toString(), "--column", "count",
                "--distribution", "multinomial");
        assertEquals(0, peas.status(), peas.err());
        assertTrue(peas.out().contains("p_1") && peas.out().contains("0.566547"), peas.out());
    }

    @Test
    void badOptionsAndDataGiveOneLineErrors() throws IOException {
        Path file = dir.resolve("counts.csv");
        Files.write(file, List.of("x", "1", "-2", "3"));
        assertError("observation 2 is negative", "estimate", "--data", file.toString(), "--column", "x",
                "--distribution", "poisson");
        assertError("no column named 'y'", "estimate", "--data", file.toString(), "--column", "y",
                "--distribution", "poisson");
        assertError("unknown distribution 'cauchy'", "estimate", "--data", file.toString(), "--column", "x",
                "--distribution", "cauchy");
        assertError("binomial needs --trials N", "estimate", "--data", file.toString(), "--column", "x",
                "--distribution", "binomial");
        assertError("the conjugate prior of the poisson distribution is gamma, not beta", "estimate", "--data",
                file.toString(), "--column", "x", "--distribution", "poisson", "--prior", "beta:1,1");
        assertError("a normal prior on the mean needs --known-variance", "estimate", "--data", file.toString(),
                "--column", "x", "--distribution", "gaussian", "--prior", "normal:0,1");
        assertError("--prior gamma takes 2 numbers, got 3", "estimate", "--data", file.toString(), "--column", "x",
                "--distribution", "poisson", "--prior", "gamma:1,2,3");
        assertError("--level must lie strictly between 0 and 1", "estimate", "--data", file.toString(), "--column",
                "x", "--distribution", "gaussian", "--level", "95");
        assertError("no such file", "estimate", "--data", dir.resolve("missing.csv").toString(), "--column", "x",
                "--distribution", "poisson");
    }

    private static void assertError(String fragment, String... args) {
        Run r = run(args);
        assertEquals(2, r.status(), "exit status for " + String.join(" ", args) + "; stderr " + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
