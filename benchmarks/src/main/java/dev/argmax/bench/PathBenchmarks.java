package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.Answer;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import dev.argmax.optim.path.RegularizationPath;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full lasso path as glmnet computes it ({@link RegularizationPath}: {@code nlambda} lambdas
 * from lambda_max down to the default ratio, warm starts, strong rule, KKT check), one path per
 * measured operation: the "Gaussian lasso, 100-lambda path, 100,000 x 1,000 (correlated)"
 * and "binomial lasso path 100,000 x 100" at the parameters given (defaults are small). The
 * tear-down leaves the last lambda's coefficients and the total number of passes as an
 * {@link Answer} (model {@code LASSO_PATH_END}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class PathBenchmarks {

    @Param({"gaussian"})
    public String family;

    @Param({"toeplitz"})
    public String scenario;

    @Param({"10000"})
    public int n;

    @Param({"100"})
    public int p;

    @Param({"100"})
    public int nlambda;

    private ProblemSpec spec;
    private Problem problem;
    private PathResult last;

    @Setup(Level.Trial)
    public void setUp() {
        spec = new ProblemSpec(n, p, Family.parse(family), Scenario.parse(scenario), 1);
        SyntheticProblem prob = SyntheticProblem.generate(spec);
        problem = SyntheticProblems.problem(prob, SyntheticProblems.matrix(prob), ElasticNet.lasso(1.0));
    }

    @Benchmark
    public PathResult lassoPath() {
        last = RegularizationPath.fit(problem.design(), problem.datafit(), problem.offset(), ElasticNet.lasso(1.0),
                RegularizationPath.Settings.defaults().withCount(nlambda));
        return last;
    }

    @TearDown(Level.Trial)
    public void leaveAnswer() {
        if (last == null) {
            return;
        }
        List<PathPoint> pts = last.points();
        new Answer("argmax", "cd-path", spec.id(), "LASSO_PATH_END", pts.get(pts.size() - 1).coefficients(),
                (int) Math.min(Integer.MAX_VALUE, last.totalIterations())).writeIfRequested();
    }
}
