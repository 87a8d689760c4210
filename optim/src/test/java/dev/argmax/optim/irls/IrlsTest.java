package dev.argmax.optim.irls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IRLS on the solver contracts alone, against R 4.2.2 {@code glm} (fixture
 * {@code glm/logistic_spector.json}: Spector & Mazzeo, binomial / logit).
 */
class IrlsTest {

    private static Problem spector(ElasticNet penalty) {
        CsvTable csv = Fixtures.csv("data/spector.csv");
        Dataset d = csv.toDataset("y");
        return new Problem(new Design(d.x(), true), new LogisticDatafit(d.response(), null), penalty);
    }

    @Test
    void matchesRGlmOnSpector() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        Problem problem = spector(ElasticNet.none());
        IrlsFit fit = new Irls(1e-14, 100).fit(problem, null, null);
        SolverResult r = fit.result();
        assertTrue(r.converged(), r.message());
        double err = Fixtures.maxRelDiff(r.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        assertTrue(err < 1e-12, "coefficients vs R: max relative error " + err);
        assertEquals(r.iterations(), r.trace().size());
        assertTrue(r.optimality() < 1e-12, "KKT " + r.optimality());
        // information at the estimate: (W * info)^-1 is R's covariance at the MLE
        double[][] cov = Fixtures.matrix(ref.get("covariance_at_mle"));
        Matrix inv = dev.argmax.core.linalg.Cholesky.factor(fit.information()).inverse().scale(1.0 / 32);
        for (int i = 0; i < 4; i++) {
            double se = Math.sqrt(inv.get(i, i));
            double seRef = Math.sqrt(cov[i][i]);
            assertEquals(seRef, se, 1e-10 * seRef, "SE " + i);
        }
        System.out.printf("irls spector: %d iterations, coef max rel err %.1e%n", r.iterations(), err);
    }

    @Test
    void startsFromALinearPredictorLikeR() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        Problem problem = spector(ElasticNet.none());
        double[] y = Fixtures.csv("data/spector.csv").column("y");
        double[] eta0 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double mu = (y[i] + 0.5) / 2;
            eta0[i] = Math.log(mu / (1 - mu));
        }
        IrlsFit fit = new Irls(1e-14, 100).fit(problem, null, eta0);
        assertTrue(fit.result().converged());
        double err = Fixtures.maxRelDiff(fit.result().coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        assertTrue(err < 1e-12, "coefficients vs R: " + err);
        // R counts 6 Fisher-scoring iterations from mustart at epsilon 1e-14; the count is informative only
        assertTrue(Math.abs(fit.result().iterations() - ref.get("iterations").asInt()) <= 1,
                "iterations " + fit.result().iterations());
    }

    @Test
    void reportsNonConvergenceWithTheLastIterate() {
        SolverResult r = new Irls(1e-8, 2).solve(spector(ElasticNet.none()), null);
        assertFalse(r.converged());
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(2, r.iterations());
        assertEquals(2, r.trace().size());
        assertTrue(r.message().contains("not converged"), r.message());
    }

    @Test
    void findsAliasedColumnsOnTheFirstGram() {
        CsvTable csv = Fixtures.csv("data/spector.csv");
        double[] gpa = csv.column("gpa");
        double[] tuce = csv.column("tuce");
        double[] sum = new double[gpa.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = gpa[i] + 2 * tuce[i];
        }
        Dataset d = Dataset.builder().columns(new double[][] {gpa, tuce, sum, csv.column("psi")})
                .y(csv.column("y")).build();
        Problem p = new Problem(new Design(d.x(), true), new LogisticDatafit(d.response(), null), ElasticNet.none());
        IrlsFit fit = new Irls(1e-14, 100).fit(p, null, null);
        assertArrayEquals(new int[] {3}, fit.aliased());
        assertTrue(fit.result().converged());
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        double[] c = fit.result().coefficients();
        double[] expected = Fixtures.doubles(ref.get("coefficients"));
        double[] got = {c[0], c[1], c[2], c[4]};
        assertTrue(Fixtures.maxRelDiff(got, expected, 0) < 1e-10);
        assertEquals(0.0, c[3]);
        assertNotNull(fit.information());
    }

    @Test
    void rejectsTheLassoNamingTheCapability() {
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> new Irls().solve(spector(ElasticNet.lasso(0.1)), null));
        assertTrue(e.getMessage().contains("a smooth (differentiable) penalty"), e.getMessage());
    }

    @Test
    void ridgePenaltyReachesItsOptimum() {
        Problem p = spector(ElasticNet.ridge(0.05));
        SolverResult r = new Irls(1e-14, 100).solve(p, null);
        assertTrue(r.converged());
        assertTrue(r.optimality() < 1e-12, "KKT " + r.optimality());
    }

    @Test
    void halvesTheStepWhenTheLinearPredictorLeavesTheDomain() {
        // counts near 1000 from beta = 0 (mu = 1): the first Newton step for the log link moves eta by
        // about y / mu = 1000, where e^eta overflows; step-halving must bring it back. The MLE of a
        // Poisson model with intercept and one binary covariate is the pair of group means (exact).
        double[] g = {0, 0, 0, 1, 1, 1};
        double[] y = {1000, 1010, 990, 2000, 1990, 2030};
        Dataset d = Dataset.builder().columns(new double[][] {g}).y(y).build();
        Problem p = new Problem(new Design(d.x(), true), new dev.argmax.core.objective.PoissonDatafit(y, null),
                ElasticNet.none());
        SolverResult r = new Irls(1e-14, 100).solve(p, null);
        assertTrue(r.converged(), r.message());
        assertTrue(r.trace().entries().get(0).stepSize() < 1, "first step " + r.trace().entries().get(0));
        assertEquals(Math.log(1000), r.coefficients()[0], 1e-13);
        assertEquals(Math.log(2006.6666666666667 / 1000), r.coefficients()[1], 1e-13);
    }

    /**
     * Penalized IRLS (the ridge Hessian added to the Gram) against the reference ridge-logistic
     * path ({@code penalized/ridge_logistic_birthwt.json}: Newton's method to machine precision,
     * cross-checked with glmnet and scikit-learn), at the README's 1e-8 relative.
     */
    @Test
    void ridgeLogisticMatchesTheReferencePath() {
        JsonNode ref = Fixtures.json("penalized/ridge_logistic_birthwt.json");
        Dataset d = Fixtures.csv("data/birthwt.csv").toDataset("y");
        double[] lambdas = Fixtures.doubles(ref.get("lambdas"));
        double[] intercepts = Fixtures.doubles(ref.get("intercepts"));
        double[][] slopes = Fixtures.matrix(ref.get("coefficients"));
        double[] objectives = Fixtures.doubles(ref.get("objective_values"));
        for (int l = 0; l < lambdas.length; l++) {
            Problem p = new Problem(new Design(d.x(), true), new LogisticDatafit(d.response(), null),
                    ElasticNet.ridge(lambdas[l]));
            SolverResult r = new Irls(1e-15, 100).solve(p, null);
            assertTrue(r.converged(), r.message());
            double[] expected = new double[slopes[l].length + 1];
            expected[0] = intercepts[l];
            System.arraycopy(slopes[l], 0, expected, 1, slopes[l].length);
            double err = Fixtures.maxRelDiff(r.coefficients(), expected, 0);
            System.out.printf("ridge logistic lambda %g: %d iterations, max rel err %.1e%n", lambdas[l], r.iterations(), err);
            assertTrue(err <= 1e-8, "lambda " + lambdas[l] + ": " + err);
            assertEquals(objectives[l], r.objective(), 1e-12 * objectives[l]);
        }
    }

    @Test
    void isRegistered() {
        assertEquals("irls", Solvers.byName("IRLS").name());
    }
}
