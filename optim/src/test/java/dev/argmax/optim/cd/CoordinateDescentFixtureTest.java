package dev.argmax.optim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.testing.PenalizedFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coordinate descent against every penalized fixture (glmnet 4.1-6 polished to the exact optimum,
 * closed-form ridge, Newton-solved logistic ridge; reference README section 3): coefficients to
 * 1e-7 absolute and the objective to 1e-10 relative at every given lambda, each from a cold
 * start, with naive updates and with updates on a Gram (covariance updates for the Gaussian,
 * proximal Newton on the strong-set Gram otherwise). Standardized fixtures are solved on
 * x_j / s_j (1/n standard deviation, as glmnet) and mapped back by b_j = b~_j / s_j.
 */
class CoordinateDescentFixtureTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (PenalizedFixture f : PenalizedFixture.all()) {
            out.add(Arguments.of(f, CoordinateDescent.Mode.NAIVE));
            out.add(Arguments.of(f, CoordinateDescent.Mode.COVARIANCE));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesReferenceAtEveryLambda(PenalizedFixture f, CoordinateDescent.Mode mode) {
        int p = f.columns().length;
        int n = f.y().length;
        double[] scale = new double[p];
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] c = f.columns()[j];
            double m = 0;
            for (double v : c) {
                m += v;
            }
            m /= n;
            double ss = 0;
            for (double v : c) {
                ss += (v - m) * (v - m);
            }
            scale[j] = f.standardized() ? Math.sqrt(ss / n) : 1.0;
            cols[j] = new double[n];
            for (int i = 0; i < n; i++) {
                cols[j][i] = c[i] / scale[j];
            }
        }
        Design design = new Design(NativeArrays.fromColumns(cols, n), true);
        CoordinateDescent cd = new CoordinateDescent(CoordinateDescent.Settings.defaults().withTolerance(1e-13)
                .withMode(mode));
        double[] lambdas = f.lambdas();
        for (int k = 0; k < lambdas.length; k++) {
            ElasticNet pen = f.lasso() ? ElasticNet.lasso(lambdas[k]) : ElasticNet.ridge(lambdas[k]);
            SolverResult r = cd.solve(new Problem(design, f.datafit(), pen), null);
            assertTrue(r.converged(), f + " lambda " + lambdas[k] + ": " + r.message());
            double[] got = r.coefficients();
            for (int j = 0; j < p; j++) {
                got[j + 1] /= scale[j];
            }
            double[] want = f.expected(k);
            double worst = 0;
            for (int j = 0; j < want.length; j++) {
                worst = Math.max(worst, Math.abs(got[j] - want[j]));
            }
            assertTrue(worst <= 1e-7, f + " lambda " + lambdas[k] + ": coefficients differ by " + worst);
            assertEquals(f.expectedObjective(k), r.objective(), 1e-10 * Math.abs(f.expectedObjective(k)),
                    f + " lambda " + lambdas[k] + " objective");
        }
    }
}
