package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NativeArrays;
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
 * The machine's own limits, measured in the same run as the fits so that every fit can be read
 * as a multiple of them:
 *
 * <ul>
 *   <li>{@link #syrk}: one {@code X' X} by OpenBLAS {@code cblas_dsyrk} on X as it lies in memory
 *       ({@code n p^2} flops, upper triangle): the floor of an IRLS iteration's Gram;</li>
 *   <li>{@link #weightedGram}: the same through argmax's {@link Design#weightedGram} (with the
 *       weights and the intercept column, in row panels);</li>
 *   <li>{@link #pass}: one {@code X' v} by {@code cblas_dgemv}, a streaming read of X
 *       ({@code 8 n p} bytes; GB/s in the report): a gradient needs two such passes;</li>
 *   <li>{@link Dgemm#dgemm}: one square DGEMM of known size ({@code 2 m^3} flops, GFLOP/s in the
 *       report), the machine's peak for dense BLAS-3.</li>
 * </ul>
 *
 * Data are drawn in the set-up (iid N(0, 1) columns; the values do not matter for the speed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class ReferenceBenchmarks {

    @Param({"100000"})
    public int n;

    @Param({"100"})
    public int p;

    private Design design;
    private DoublePointer xp;
    private DoublePointer gram;
    private DoublePointer vector;
    private DoublePointer result;
    private double[] weights;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(n, p, Family.GAUSSIAN, Scenario.IID, 1));
        INDArray x = SyntheticProblems.matrix(prob);
        design = new Design(x, true);
        xp = NativeArrays.pointer(x);
        gram = new DoublePointer((long) p * p);
        vector = new DoublePointer(n);
        vector.put(prob.response(), 0, n);
        vector.position(0);
        result = new DoublePointer(p);
        weights = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
        for (int i = 0; i < n; i++) {
            weights[i] = 0.05 + 0.2 * rng.nextDouble();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gram.close();
        vector.close();
        result.close();
    }

    /** One {@code X' X} by {@code cblas_dsyrk} (upper triangle), X as it is. */
    @Benchmark
    public DoublePointer syrk() {
        openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, p, n, 1.0, xp, n, 0.0, gram, p);
        return gram;
    }

    /** One {@code A' W A} through argmax's {@link Design#weightedGram} (A = [1, X]). */
    @Benchmark
    public Matrix weightedGram() {
        return design.weightedGram(weights);
    }

    /** One streaming pass over X: {@code X' v} by {@code cblas_dgemv}. */
    @Benchmark
    public DoublePointer pass() {
        openblas.cblas_dgemv(CblasColMajor, CblasTrans, n, p, 1.0, xp, n, vector, 1, 0.0, result, 1);
        return result;
    }

    /** A square DGEMM {@code C = A B} of order {@link #m}: {@code 2 m^3} flops. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
    public static class Dgemm {

        @Param({"1000"})
        public int m;

        private DoublePointer a;
        private DoublePointer b;
        private DoublePointer c;

        @Setup(Level.Trial)
        public void setUp() {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
            double[] values = new double[m * m];
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextGaussian();
            }
            a = new DoublePointer(values);
            b = new DoublePointer(values);
            c = new DoublePointer((long) m * m);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            a.close();
            b.close();
            c.close();
        }

        @Benchmark
        public DoublePointer dgemm() {
            openblas.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1.0, a, m, b, m, 0.0, c, m);
            return c;
        }
    }
}
