package dev.argmax.bench;

import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import java.util.Locale;
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
 * The default maximum-likelihood fit a user gets, {@code Glm.builder(family).build().fit(data)}
 * (the default solver, the Newton finish, standard errors, deviances and the rest of the
 * statistics), on the shared synthetic problems once the data are loaded: the row "the default
 * fit (with inference)" of the performance table, to set beside the peers' scripts on the same
 * exported problem. {@code -p solver=default,irls,lbfgs-irls} sets the default beside the same
 * fit with each solver the default rule chooses between, named: the benchmark of the rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx10g"})
public class GlmFitBenchmarks {

    @Param({"binomial"})
    public String family;

    @Param({"iid"})
    public String scenario;

    @Param({"1000000"})
    public int n;

    @Param({"100"})
    public int p;

    /** "default" (the rule), or a solver name for {@code Glm.Builder#solver}. */
    @Param({"default"})
    public String solver;

    private Dataset data;
    private Glm model;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(n, p,
                dev.argmax.bench.problems.Family.valueOf(family.toUpperCase(Locale.ROOT)),
                Scenario.valueOf(scenario.toUpperCase(Locale.ROOT)), 1));
        data = Dataset.builder().x(SyntheticProblems.matrix(prob)).y(prob.response()).build();
        model = Glm.builder(Family.of(family)).solver(solver.equals("default") ? null : solver).build();
    }

    /** The default fit with its inference. */
    @Benchmark
    public double[] defaultFit() {
        FittedGlm fit = model.fit(data);
        return fit.standardErrors();
    }
}
