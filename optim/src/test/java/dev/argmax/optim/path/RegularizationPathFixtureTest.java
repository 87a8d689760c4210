package dev.argmax.optim.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.testing.PenalizedFixture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths with warm starts and the strong rule against every unstandardized penalized fixture
 * (glmnet 4.1-6 polished; closed-form / Newton ridge; reference README section 3): lambda_max to
 * 1e-12 relative (lasso fixtures), coefficients 1e-7 absolute and objective 1e-10 relative at
 * the fixture's lambdas.
 */
class RegularizationPathFixtureTest {

    static Stream<PenalizedFixture> cases() {
        return PenalizedFixture.unstandardized().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pathMatchesReference(PenalizedFixture c) {
        ElasticNet template = c.lasso() ? ElasticNet.lasso(1.0) : ElasticNet.ridge(1.0);
        CoordinateDescent.Settings cd = CoordinateDescent.Settings.defaults().withTolerance(1e-13);
        if (c.lambdaMax() != null) {
            double lmax = RegularizationPath.lambdaMax(c.design(), c.datafit(), null, template, cd);
            assertEquals(c.lambdaMax(), lmax, 1e-12 * c.lambdaMax(), c + " lambda_max");
        }
        PathResult path = RegularizationPath.fit(c.design(), c.datafit(), null, template,
                RegularizationPath.Settings.defaults().withLambdas(c.lambdas()).withSolver(cd));
        for (int k = 0; k < c.lambdas().length; k++) {
            PathPoint pt = path.points().get(k);
            assertTrue(pt.converged(), c + " lambda " + pt.lambda() + ": " + pt.result().message());
            double[] got = pt.coefficients();
            double[] want = c.expected(k);
            double worst = 0;
            for (int j = 0; j < want.length; j++) {
                worst = Math.max(worst, Math.abs(got[j] - want[j]));
            }
            assertTrue(worst <= 1e-7, c + " lambda " + pt.lambda() + ": coefficients differ by " + worst);
            assertEquals(c.expectedObjective(k), pt.objective(), 1e-10 * Math.abs(c.expectedObjective(k)), c + " objective");
            assertTrue(pt.devianceRatio() >= 0 && pt.devianceRatio() <= 1, "deviance ratio " + pt.devianceRatio());
        }
    }
}
