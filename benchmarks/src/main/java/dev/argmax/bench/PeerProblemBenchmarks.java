package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.Answer;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.PeerModel;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.linalg.LeastSquares;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * argmax on exactly the problems and objectives that {@code dev.argmax.bench.peers.PeerBenchmarks}
 * (its own jar, its own classpath) times commons-math3 and Smile on: same generator, same seed,
 * the peers' ridge and lasso penalties translated by {@link PeerModel}. The tear-down leaves
 * argmax's coefficients as {@link Answer}s; the report prints the largest coefficient difference
 * between each peer and argmax beside the two times.
 *
 * <p>OLS is argmax's NIST-grade {@link LeastSquares}; the others use the named solvers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class PeerProblemBenchmarks {

    @Param({"10000"})
    public int n;

    @Param({"10"})
    public int p;

    @Param({"iid"})
    public String scenario;

    @Param({"1"})
    public long seed;

    /** Solver for the logistic MLE. */
    @Param({"irls"})
    public String logisticSolver;

    /** Solver for ridge and lasso. */
    @Param({"cd"})
    public String penalizedSolver;

    private SyntheticProblem gaussian;
    private INDArray gaussianX;
    private Problem logistic;
    private Problem ridge;
    private Problem lasso;
    private ProblemSpec binomialSpec;
    private Answer ols;
    private Answer logisticAnswer;
    private Answer ridgeAnswer;
    private Answer lassoAnswer;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario sc = Scenario.parse(scenario);
        gaussian = SyntheticProblem.generate(new ProblemSpec(n, p, Family.GAUSSIAN, sc, seed));
        gaussianX = SyntheticProblems.matrix(gaussian);
        binomialSpec = new ProblemSpec(n, p, Family.BINOMIAL, sc, seed);
        SyntheticProblem binomial = SyntheticProblem.generate(binomialSpec);
        logistic = SyntheticProblems.problem(binomial, SyntheticProblems.matrix(binomial), ElasticNet.none());
        double[] sd = gaussian.columnSds();
        int rows = gaussian.rows();
        ridge = SyntheticProblems.problem(gaussian, gaussianX, new ElasticNet(PeerModel.RIDGE.argmaxLambda(rows),
                PeerModel.RIDGE.argmaxAlpha(), PeerModel.RIDGE.argmaxPenaltyFactors(sd), null, null));
        lasso = SyntheticProblems.problem(gaussian, gaussianX, new ElasticNet(PeerModel.LASSO.argmaxLambda(rows),
                PeerModel.LASSO.argmaxAlpha(), PeerModel.LASSO.argmaxPenaltyFactors(sd), null, null));
    }

    @Benchmark
    public double[] ols() {
        LeastSquares.Solution s = LeastSquares.solve(gaussianX, gaussian.response(), null, null,
                LeastSquares.Options.defaults(true));
        ols = new Answer("argmax", "LeastSquares", gaussian.spec().id(), PeerModel.OLS.name(), s.coefficients(), 0);
        return s.coefficients();
    }

    @Benchmark
    public SolverResult logistic() {
        SolverResult r = solve(logisticSolver, logistic);
        logisticAnswer = new Answer("argmax", logisticSolver, binomialSpec.id(), PeerModel.LOGISTIC.name(),
                r.coefficients(), r.iterations());
        return r;
    }

    @Benchmark
    public SolverResult ridge() {
        SolverResult r = solve(penalizedSolver, ridge);
        ridgeAnswer = new Answer("argmax", penalizedSolver, gaussian.spec().id(), PeerModel.RIDGE.name(),
                r.coefficients(), r.iterations());
        return r;
    }

    @Benchmark
    public SolverResult lasso() {
        SolverResult r = solve(penalizedSolver, lasso);
        lassoAnswer = new Answer("argmax", penalizedSolver, gaussian.spec().id(), PeerModel.LASSO.name(),
                r.coefficients(), r.iterations());
        return r;
    }

    private static SolverResult solve(String name, Problem problem) {
        Solver s = Solvers.byName(name);
        s.requireSupported(problem, Solvers.all());
        return s.solve(problem, null);
    }

    @TearDown(Level.Trial)
    public void leaveAnswers() {
        for (Answer a : new Answer[] {ols, logisticAnswer, ridgeAnswer, lassoAnswer}) {
            if (a != null) {
                a.writeIfRequested();
            }
        }
    }
}
