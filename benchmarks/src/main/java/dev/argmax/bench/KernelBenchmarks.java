package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.irls.Irls;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work of one iteration, built from argmax's own operators (what every solver's iteration
 * costs at least), to set beside {@link ReferenceBenchmarks}:
 *
 * <ul>
 *   <li>{@link #gradientStep}: {@code eta = A beta}, the datafit's derivative and
 *       {@code A' D'(eta)}, the objective: one gradient-method iteration (two passes over X);</li>
 *   <li>{@link #newtonStep}: {@code eta = A beta}, derivatives, the working response, the weighted
 *       normal equations {@code A' W A}, {@code A' W z} in one pass and their Cholesky solve: one
 *       IRLS iteration (one Gram plus one pass).</li>
 *   <li>{@link #perObservationValueAndGradient} and {@link #perObservationDerivatives}: the
 *       datafit's per-observation work of those two alone (the loss and its derivative, and the
 *       derivatives an IRLS step weights by), without the passes over X: the profile that says
 *       how much of an iteration is the link and loss rather than the linear algebra;</li>
 *   <li>{@link #irlsIteration}: one iteration of the solver itself ({@link Irls} capped at one
 *       iteration from beta): its start, Newton step, step-length check and the gradient at the
 *       new iterate, everything a fit pays per iteration.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class KernelBenchmarks {

    @Param({"binomial"})
    public String family;

    @Param({"100000"})
    public int n;

    @Param({"100"})
    public int p;

    private static final Irls ONE_ITERATION = new Irls(Irls.DEFAULT_EPSILON, 1);

    private Problem problem;
    private Design design;
    private Datafit datafit;
    private double[] beta;
    private double[] eta;
    private double[] gradient;
    private double[] hessian;
    private double[] working;
    private double[] coefficientGradient;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(n, p, Family.parse(family), Scenario.IID,
                1));
        problem = SyntheticProblems.problem(prob, SyntheticProblems.matrix(prob), ElasticNet.none());
        design = problem.design();
        datafit = problem.datafit();
        beta = new double[problem.coefficients()];
        beta[0] = prob.trueIntercept();
        System.arraycopy(prob.trueSlopes(), 0, beta, 1, p);
        eta = new double[n];
        gradient = new double[n];
        hessian = new double[n];
        working = new double[n];
        coefficientGradient = new double[problem.coefficients()];
        problem.linearPredictor(beta, eta);
    }

    /** One gradient-method iteration's work: objective and gradient at beta. */
    @Benchmark
    public double gradientStep() {
        problem.linearPredictor(beta, eta);
        double f = datafit.value(eta);
        datafit.gradient(eta, gradient);
        design.transposeMultiply(gradient, coefficientGradient);
        return f + coefficientGradient[0];
    }

    /** The per-observation part of {@link #gradientStep}: the loss and its derivative at eta. */
    @Benchmark
    public double perObservationValueAndGradient() {
        double f = datafit.value(eta);
        datafit.gradient(eta, gradient);
        return f + gradient[0];
    }

    /** The per-observation part of {@link #newtonStep}: first and second derivatives at eta. */
    @Benchmark
    public double perObservationDerivatives() {
        datafit.derivatives(eta, gradient, hessian);
        return gradient[0] + hessian[0];
    }

    /** One iteration of the IRLS solver, start included (what a fit pays per iteration, and a little more). */
    @Benchmark
    public SolverResult irlsIteration() {
        return ONE_ITERATION.solve(problem, beta);
    }

    /** One IRLS (Newton) iteration's work: the weighted normal equations at beta and their solution. */
    @Benchmark
    public double[] newtonStep() {
        problem.linearPredictor(beta, eta);
        datafit.derivatives(eta, gradient, hessian);
        for (int i = 0; i < n; i++) {
            double h = Math.max(hessian[i], 1e-300);
            working[i] = eta[i] - gradient[i] / h;
        }
        Design.NormalEquations ne = design.weightedNormalEquations(hessian, working);
        return Cholesky.factor(ne.gram()).solve(ne.rhs());
    }
}
