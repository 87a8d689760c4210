package dev.argmax.optim.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every solver that accepts a vector-valued linear predictor on one multinomial problem (K = 4,
 * simulated, correlated predictors, overlapping classes so that the MLE exists): each reaches the
 * best objective within 1e-8 (coordinate descent among them: proximal Newton on the block Hessian; the objective is O(1), each solver's own stopping rule bounds its
 * suboptimality far below that), and solvers for a scalar predictor refuse the problem, naming
 * what is missing and which solvers handle it.
 */
class MultinomialSolversTest {

    static Problem problem(ElasticNet penalty, MultinomialDatafit.Parametrization parametrization) {
        int n = 400;
        int p = 5;
        int classes = 4;
        Random random = new Random(42);
        double[][] columns = new double[p][n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double common = random.nextGaussian();
            for (int j = 0; j < p; j++) {
                columns[j][i] = 0.6 * common + random.nextGaussian() + (j == 0 ? 3 : 0);
            }
            double[] eta = new double[classes];
            double s = 0;
            for (int k = 0; k < classes; k++) {
                eta[k] = k == 0 ? 0 : 0.3 * k + 0.5 * (k - 2) * columns[k % p][i] - 0.2 * columns[(k + 1) % p][i];
                s += Math.exp(eta[k]);
            }
            double u = random.nextDouble() * s;
            int k = 0;
            while (k < classes - 1 && u > Math.exp(eta[k])) {
                u -= Math.exp(eta[k]);
                k++;
            }
            y[i] = k;
        }
        Design design = new Design(NativeArrays.fromColumns(columns, n), true);
        return new Problem(design, new MultinomialDatafit(y, classes, null, parametrization), penalty);
    }

    @Test
    void everyApplicableSolverReachesTheBestObjective() {
        Problem problem = problem(ElasticNet.none(), MultinomialDatafit.Parametrization.REFERENCE);
        List<Solver> solvers = Solvers.compatibleWith(problem);
        List<String> names = solvers.stream().map(Solver::name).toList();
        assertTrue(names.containsAll(List.of("newton", "lbfgs", "fista", "gd", "cd")), names.toString());
        assertFalse(names.contains("irls") || names.contains("qr"), names.toString());
        double best = Double.POSITIVE_INFINITY;
        double[] objectives = new double[solvers.size()];
        for (int s = 0; s < solvers.size(); s++) {
            SolverResult r = solvers.get(s).solve(problem, null);
            assertTrue(r.converged(), r.solver() + ": " + r.message());
            objectives[s] = r.objective();
            best = Math.min(best, r.objective());
        }
        for (int s = 0; s < solvers.size(); s++) {
            assertEquals(best, objectives[s], 1e-8, solvers.get(s).name());
        }
    }

    @Test
    void ridgePenalizedSymmetricProblemAgreesAcrossSolvers() {
        Problem problem = problem(ElasticNet.ridge(0.05), MultinomialDatafit.Parametrization.SYMMETRIC);
        SolverResult lbfgs = Solvers.byName("lbfgs").solve(problem, null);
        SolverResult fista = Solvers.byName("fista").solve(problem, null);
        SolverResult cd = Solvers.byName("cd").solve(problem, null);
        assertTrue(lbfgs.converged() && fista.converged() && cd.converged(), lbfgs.message() + " / " + fista.message()
                + " / " + cd.message());
        assertEquals(lbfgs.objective(), fista.objective(), 1e-8);
        assertEquals(lbfgs.objective(), cd.objective(), 1e-8);
    }

    /**
     * The grouped lasso (each predictor's K coefficients one group, glmnet's "grouped") and the
     * ungrouped elastic net on the symmetric parametrization: coordinate descent's block updates
     * and coordinate updates agree with FISTA (both stop on a KKT violation of at most 1e-8 on
     * an O(1) objective, so their objectives differ by far less than 1e-8).
     */
    @Test
    void coordinateDescentAgreesWithFistaOnPenalizedSymmetricProblems() {
        Problem template = problem(ElasticNet.none(), MultinomialDatafit.Parametrization.SYMMETRIC);
        int p = template.design().predictors();
        List<dev.argmax.core.objective.Penalty> penalties = List.of(
                new dev.argmax.core.objective.GroupLasso(0.02, 1.0, dev.argmax.core.objective.GroupLasso.byPredictor(p, 4)),
                new dev.argmax.core.objective.GroupLasso(0.02, 0.5, dev.argmax.core.objective.GroupLasso.byPredictor(p, 4)),
                new ElasticNet(0.01, 0.7, null, null, null));
        for (dev.argmax.core.objective.Penalty penalty : penalties) {
            Problem problem = new Problem(template.design(), template.datafit(), penalty);
            SolverResult cd = Solvers.byName("cd").solve(problem, null);
            SolverResult fista = Solvers.byName("fista").solve(problem, null);
            assertTrue(cd.converged() && fista.converged(), cd.message() + " / " + fista.message());
            assertEquals(fista.objective(), cd.objective(), 1e-8, penalty.name());
            assertTrue(cd.optimality() <= 1e-8, cd.message());
        }
    }

    @Test
    void scalarSolversRefuseAVectorPredictor() {
        Problem problem = problem(ElasticNet.none(), MultinomialDatafit.Parametrization.REFERENCE);
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> Solvers.byName("irls").solve(problem, null));
        assertTrue(e.getMessage().contains(Capability.SCALAR_PREDICTOR.description())
                && e.getMessage().contains("newton"), e.getMessage());
    }
}
