package dev.argmax.bench.peers;

import dev.argmax.bench.problems.Answer;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.PeerModel;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
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
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.LASSO;
import smile.regression.LinearModel;
import smile.regression.OLS;
import smile.regression.RidgeRegression;

/**
 * The peers, timed on the problems argmax's {@code dev.argmax.bench.PeerProblemBenchmarks} fits:
 * commons-math3 {@code OLSMultipleLinearRegression} and Smile 3.1.1 {@code OLS},
 * {@code RidgeRegression}, {@code LASSO} and {@code LogisticRegression}. Each full fit, from the
 * library's own input format (built in the set-up, outside the measured region), is one
 * measured operation. The tear-down leaves each library's coefficients as an {@link Answer}, so
 * the report can print the largest coefficient difference from argmax's answer beside the times.
 *
 * <p>Smile's penalties are translated to argmax's by {@link PeerModel}; Smile's lasso is an
 * interior-point method whose default relative duality-gap tolerance is 1e-4, given here as
 * 1e-8 so that its answer can be compared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx6g"})
public class PeerBenchmarks {

    /** Rows. */
    @Param({"10000"})
    public int n;

    /** Predictors. */
    @Param({"10"})
    public int p;

    /** Design scenario ({@link Scenario}). */
    @Param({"iid"})
    public String scenario;

    /** Seed of the problem. */
    @Param({"1"})
    public long seed;

    private SyntheticProblem gaussian;
    private SyntheticProblem binomial;
    private double[][] gaussianRows;
    private double[][] binomialRows;
    private int[] binomialLabels;
    private DataFrame gaussianFrame;
    private final Formula formula = Formula.lhs("y");

    private Answer lastCommonsOls;
    private Answer lastSmileOls;
    private Answer lastSmileRidge;
    private Answer lastSmileLasso;
    private Answer lastSmileLogistic;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario sc = Scenario.parse(scenario);
        gaussian = SyntheticProblem.generate(new ProblemSpec(n, p, Family.GAUSSIAN, sc, seed));
        binomial = SyntheticProblem.generate(new ProblemSpec(n, p, Family.BINOMIAL, sc, seed));
        gaussianRows = gaussian.rowsArray();
        binomialRows = binomial.rowsArray();
        double[] yb = binomial.response();
        binomialLabels = new int[yb.length];
        for (int i = 0; i < yb.length; i++) {
            binomialLabels[i] = (int) yb[i];
        }
        gaussianFrame = frame(gaussian);
    }

    /** The problem's X and y as a Smile data frame with columns y, x1..xp. */
    static DataFrame frame(SyntheticProblem prob) {
        int rows = prob.rows();
        int cols = prob.predictors();
        double[][] data = new double[rows][cols + 1];
        double[] x = prob.columnMajor();
        double[] y = prob.response();
        for (int i = 0; i < rows; i++) {
            data[i][0] = y[i];
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                data[i][j + 1] = x[j * rows + i];
            }
        }
        String[] names = new String[cols + 1];
        names[0] = "y";
        for (int j = 0; j < cols; j++) {
            names[j + 1] = "x" + (j + 1);
        }
        return DataFrame.of(data, names);
    }

    @Benchmark
    public double[] commonsMath3Ols() {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(gaussian.response(), gaussianRows);
        double[] beta = ols.estimateRegressionParameters();
        lastCommonsOls = new Answer("commons-math3", "OLSMultipleLinearRegression", gaussian.spec().id(),
                PeerModel.OLS.name(), beta, 0);
        return beta;
    }

    @Benchmark
    public LinearModel smileOls() {
        LinearModel m = OLS.fit(formula, gaussianFrame, "qr", false, false);
        lastSmileOls = linear("OLS", PeerModel.OLS, m);
        return m;
    }

    @Benchmark
    public LinearModel smileRidge() {
        LinearModel m = RidgeRegression.fit(formula, gaussianFrame, PeerModel.RIDGE.peerLambda(gaussian.rows()));
        lastSmileRidge = linear("RidgeRegression", PeerModel.RIDGE, m);
        return m;
    }

    @Benchmark
    public LinearModel smileLasso() {
        LinearModel m = LASSO.fit(formula, gaussianFrame, PeerModel.LASSO.peerLambda(gaussian.rows()), 1e-8, 1000);
        lastSmileLasso = linear("LASSO", PeerModel.LASSO, m);
        return m;
    }

    @Benchmark
    public LogisticRegression smileLogistic() {
        LogisticRegression.Binomial m = LogisticRegression.binomial(binomialRows, binomialLabels, 0.0, 1e-10, 1000);
        // Smile's binomial model keeps (w_1..w_p, b): the intercept last
        double[] w = m.coefficients();
        double[] beta = new double[w.length];
        beta[0] = w[w.length - 1];
        System.arraycopy(w, 0, beta, 1, w.length - 1);
        lastSmileLogistic = new Answer("smile", "LogisticRegression", binomial.spec().id(), PeerModel.LOGISTIC.name(),
                beta, -1);
        return m;
    }

    private Answer linear(String method, PeerModel model, LinearModel m) {
        double[] w = m.coefficients();
        double[] beta = new double[w.length + 1];
        beta[0] = m.intercept();
        System.arraycopy(w, 0, beta, 1, w.length);
        return new Answer("smile", method, gaussian.spec().id(), model.name(), beta, -1);
    }

    @TearDown(Level.Trial)
    public void leaveAnswers() {
        for (Answer a : new Answer[] {lastCommonsOls, lastSmileOls, lastSmileRidge, lastSmileLasso,
            lastSmileLogistic}) {
            if (a != null) {
                a.writeIfRequested();
            }
        }
    }
}
