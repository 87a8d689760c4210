package dev.argmax.bench;

import dev.argmax.bench.problems.MultinomialProblem;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupLasso;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.core.objective.Penalty;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.newton.BlockNewton;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import dev.argmax.optim.path.RegularizationPath;
import dev.argmax.optim.stopping.KktTarget;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
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
 * Multinomial logistic regression (issue 15's speed goals) on a {@link MultinomialProblem}
 * (K = 5 classes, iid or Toeplitz design), the same doubles {@code Export} writes for glmnet and
 * scikit-learn ({@code benchmarks/peers-scripts/run_multinomial.sh} runs all three):
 *
 * <ul>
 *   <li>{@link #mle}: the multinomial MLE (reference parametrization, as {@code MultinomialRegression}
 *       fits it) by the solver {@code mleSolver} to the KKT violation {@code mleTolerance}
 *       (absolute, {@link Problem#kktViolation}), from the intercept-only start
 *       {@code log(N_k / N_1)}; the fit only (no inference), as scikit-learn's {@code fit};</li>
 *   <li>{@link #path}: the {@code nlambda}-lambda lasso path of glmnet's multinomial family
 *       (symmetric parametrization, {@code type} ungrouped or grouped, {@code standardize = FALSE}:
 *       {@link RegularizationPath#fitBlocks} with strong rules and KKT checks) to the KKT tolerance
 *       {@code tolerance}, relative to the ungrouped lambda_max as
 *       {@link CoordinateDescent.Settings} takes it.</li>
 * </ul>
 *
 * The tear-down prints one line {@code MULTINOMIAL-RESULT {json}} with the answer's objective and
 * KKT violation (the MLE) or the largest KKT violation over the path, so that the script can
 * check that argmax stopped no earlier than the peer it is compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class MultinomialBenchmarks {

    @Param({"iid"})
    public String scenario;

    @Param({"10000"})
    public int n;

    @Param({"20"})
    public int p;

    @Param({"100"})
    public int nlambda;

    @Param({"ungrouped"})
    public String type;

    /** Path KKT tolerance relative to the ungrouped lambda_max (the library default is 1e-9). */
    @Param({"1e-9"})
    public double tolerance;

    @Param({"lbfgs"})
    public String mleSolver;

    /** Absolute KKT tolerance of the MLE. */
    @Param({"1e-8"})
    public double mleTolerance;

    private MultinomialProblem prob;
    private Design design;
    private Problem mleProblem;
    private double[] mleStart;
    private SolverResult lastFit;
    private PathResult lastPath;

    @Setup(Level.Trial)
    public void setUp() {
        prob = MultinomialProblem.generate(n, p, MultinomialProblem.DEFAULT_CLASSES, Scenario.parse(scenario), 1);
        INDArray x = NativeArrays.matrix(prob.n(), prob.p());
        DoublePointer ptr = NativeArrays.pointer(x);
        ptr.put(prob.x(), 0, prob.n() * prob.p());
        ptr.position(0);
        design = new Design(x, true);
        int classes = prob.classes();
        mleProblem = new Problem(design, new MultinomialDatafit(prob.y(), classes, null,
                MultinomialDatafit.Parametrization.REFERENCE), ElasticNet.none());
        double[] counts = new double[classes];
        for (int label : prob.y()) {
            counts[label]++;
        }
        int k = design.coefficients();
        mleStart = new double[(classes - 1) * k];
        for (int c = 0; c < classes - 1; c++) {
            mleStart[c * k] = Math.log(counts[c + 1] / counts[0]);
        }
    }

    @Benchmark
    public SolverResult mle() {
        Solver solver = Solvers.byName(mleSolver).withKktTarget(KktTarget.of(mleTolerance));
        lastFit = solver.solve(mleProblem, mleStart);
        return lastFit;
    }

    @Benchmark
    public PathResult path() {
        int classes = prob.classes();
        MultinomialDatafit datafit = new MultinomialDatafit(prob.y(), classes, null,
                MultinomialDatafit.Parametrization.SYMMETRIC);
        Penalty template = type.equals("grouped")
                ? new GroupLasso(1.0, 1.0, GroupLasso.byPredictor(prob.p(), classes)) : ElasticNet.lasso(1.0);
        RegularizationPath.Settings settings = RegularizationPath.Settings.defaults().withCount(nlambda)
                .withSolver(CoordinateDescent.Settings.defaults().withTolerance(tolerance));
        lastPath = RegularizationPath.fitBlocks(design, datafit, null, template, settings, System.nanoTime());
        return lastPath;
    }

    @TearDown(Level.Trial)
    public void report() {
        String id = prob.id();
        if (lastFit != null) {
            SolverResult best = new BlockNewton().solve(mleProblem, lastFit.coefficients());
            System.out.println(String.format(Locale.ROOT, "MULTINOMIAL-RESULT {\"problem\": \"%s\", \"fit\": \"mle\", "
                            + "\"solver\": \"%s\", \"tolerance\": %.6g, \"objective\": %.17g, \"kkt\": %.6g, "
                            + "\"iterations\": %d, \"converged\": %s, \"optimum\": %.17g, \"suboptimality\": %.6g}",
                    id, mleSolver, mleTolerance, lastFit.objective(), lastFit.optimality(), lastFit.iterations(),
                    lastFit.converged(), best.objective(), lastFit.objective() - best.objective()));
        }
        if (lastPath != null) {
            double worst = 0;
            long passes = 0;
            for (PathPoint pt : lastPath.points()) {
                worst = Math.max(worst, pt.result().optimality());
                passes += pt.result().iterations();
            }
            PathPoint end = lastPath.points().get(lastPath.points().size() - 1);
            System.out.println(String.format(Locale.ROOT, "MULTINOMIAL-RESULT {\"problem\": \"%s\", \"fit\": \"path\", "
                            + "\"type\": \"%s\", \"tolerance\": %.6g, \"lambdas\": %d, \"lambda_max\": %.10g, "
                            + "\"max_kkt\": %.6g, \"passes\": %d, \"converged\": %s, \"last_objective\": %.15g}", id, type,
                    tolerance, lastPath.points().size(), lastPath.lambdaMax(), worst, passes, lastPath.converged(),
                    end.result().objective()));
        }
    }
}
