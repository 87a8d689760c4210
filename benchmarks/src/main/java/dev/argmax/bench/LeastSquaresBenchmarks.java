package dev.argmax.bench;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.LeastSquares;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.LinearRegression;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
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
 * Ordinary least squares against its floor, in one run on the same data (Gaussian, iid or
 * Toeplitz design from the shared generators):
 *
 * <ul>
 *   <li>{@link #oneGramTwoPasses}: one {@code X'X} by raw {@code cblas_dsyrk} plus two streaming
 *       passes ({@code X v} and {@code X' v} by {@code cblas_dgemv}): the reference for a
 *       least-squares solve;</li>
 *   <li>{@link #leastSquares}: core {@link LeastSquares#solve} with its defaults (means, Gram,
 *       Cholesky, double-double refinement, covariance; or the pivoted-QR fallback);</li>
 *   <li>{@link #linearRegression}: the whole default {@code fit --family gaussian} after the data
 *       are loaded: {@link LinearRegression#fit} with its standard errors, deviances and
 *       log-likelihood.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx8g"})
public class LeastSquaresBenchmarks {

    @Param({"100000"})
    public int n;

    @Param({"100"})
    public int p;

    @Param({"iid"})
    public String scenario;

    private INDArray x;
    private double[] y;
    private Dataset data;
    private DoublePointer xp;
    private DoublePointer gram;
    private DoublePointer rowVector;
    private DoublePointer coefVector;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(n, p, Family.GAUSSIAN,
                Scenario.valueOf(scenario.toUpperCase(java.util.Locale.ROOT)), 1));
        x = SyntheticProblems.matrix(prob);
        y = prob.response();
        data = Dataset.builder().x(x).y(y).build();
        xp = NativeArrays.pointer(x);
        gram = new DoublePointer((long) p * p);
        rowVector = new DoublePointer(n);
        rowVector.put(y, 0, n);
        rowVector.position(0);
        coefVector = new DoublePointer(p);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gram.close();
        rowVector.close();
        coefVector.close();
    }

    /** One {@code X'X} (dsyrk, upper) and two passes over X (dgemv both ways). */
    @Benchmark
    public DoublePointer oneGramTwoPasses() {
        openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, p, n, 1.0, xp, n, 0.0, gram, p);
        openblas.cblas_dgemv(CblasColMajor, CblasTrans, n, p, 1.0, xp, n, rowVector, 1, 0.0, coefVector, 1);
        openblas.cblas_dgemv(CblasColMajor, CblasNoTrans, n, p, 1.0, xp, n, coefVector, 1, 0.0, rowVector, 1);
        return rowVector;
    }

    /** The default least-squares solve, everything included. */
    @Benchmark
    public LeastSquares.Solution leastSquares() {
        return LeastSquares.solve(x, y, null, null, LeastSquares.Options.defaults(true));
    }

    /** The default Gaussian fit with its inference, after loading. */
    @Benchmark
    public FittedGlm linearRegression() {
        return LinearRegression.fit(data);
    }
}
