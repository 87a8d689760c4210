package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.Answer;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full fit, one per measured operation, for every family x scenario x size x solver asked for
 * (solvers by their registry name, {@link Solvers#byName}): maximum likelihood by default, an
 * elastic net with {@code -p lambda=L -p alpha=A}. The problem is
 * drawn in the set-up; each fit starts from the solver's own start. The tear-down leaves the
 * coefficients and the iteration count as an {@link Answer}, from which the report derives the
 * time per iteration (to set beside {@link ReferenceBenchmarks}) and checks that the solvers
 * agree. A combination that a solver cannot handle, or a size beyond
 * {@link ProblemSpec#MAX_ENTRIES}, fails in the set-up with a message and JMH moves on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class FitBenchmarks {

    private static final Logger LOG = LoggerFactory.getLogger(FitBenchmarks.class);

    @Param({"binomial"})
    public String family;

    @Param({"iid"})
    public String scenario;

    @Param({"100000"})
    public int n;

    @Param({"10"})
    public int p;

    @Param({"irls"})
    public String solver;

    /** Penalty strength in glmnet's convention; 0 (default) for maximum likelihood. */
    @Param({"0"})
    public double lambda;

    /** Elastic-net mixing when lambda > 0 (1 lasso, 0 ridge). */
    @Param({"1"})
    public double alpha;

    private ProblemSpec spec;
    private Problem problem;
    private Solver method;
    private SolverResult last;

    @Setup(Level.Trial)
    public void setUp() {
        spec = new ProblemSpec(n, p, Family.parse(family), Scenario.parse(scenario), 1);
        method = Solvers.byName(solver);
        SyntheticProblem prob = SyntheticProblem.generate(spec);
        problem = SyntheticProblems.problem(prob, SyntheticProblems.matrix(prob),
                lambda == 0 ? ElasticNet.none() : new ElasticNet(lambda, alpha, null, null, null));
        method.requireSupported(problem, Solvers.all());
    }

    @Benchmark
    public SolverResult fit() {
        last = method.solve(problem, null);
        return last;
    }

    @TearDown(Level.Trial)
    public void leaveAnswer() {
        if (last == null) {
            return;
        }
        if (!last.converged()) {
            LOG.warn("{} on {} did not converge: {}", solver, spec.id(), last.message());
        }
        new Answer("argmax", solver, spec.id(), modelLabel(lambda, alpha), last.coefficients(), last.iterations())
                .writeIfRequested();
    }

    /** "MLE", or the elastic net's parameters, e.g. "EN(lambda=0.01,alpha=1.0)". */
    public static String modelLabel(double lambda, double alpha) {
        return lambda == 0 ? "MLE" : "EN(lambda=" + lambda + ",alpha=" + alpha + ")";
    }
}
