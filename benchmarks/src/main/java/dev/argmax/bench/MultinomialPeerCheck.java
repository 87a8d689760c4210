package dev.argmax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.GroupLasso;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.core.objective.Penalty;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.newton.BlockNewton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures a peer's multinomial lasso path with argmax's yardstick: for each lambda of the path
 * written by {@code benchmarks/peers-scripts/time_multinomial.R} (glmnet), the KKT violation
 * {@link Problem#kktViolation} of the peer's coefficients and the objective
 * {@code (1/n) nll + lambda P} (glmnet's convention, symmetric parametrization), so that argmax's
 * path can be timed at the same KKT tolerance ({@code MultinomialBenchmarks}' {@code tolerance}
 * parameter is relative to {@code lambda_max} of the ungrouped lasso, printed here as
 * {@code gradient_scale}).
 *
 * With TYPE {@code mle} it measures scikit-learn's MLE instead (see {@link #mle}).
 *
 * <p>Usage: {@code java -cp argmax-benchmarks.jar dev.argmax.bench.MultinomialPeerCheck DIR ID TYPE}
 * with TYPE {@code ungrouped}, {@code grouped} or {@code mle}; reads {@code DIR/ID.json}, {@code ID.X.f64},
 * {@code ID.y.f64}, {@code ID.glmnet-TYPE.coef.f64} and {@code ID.glmnet-TYPE.lambda.f64}; prints one
 * JSON line: the largest and the median KKT violation over the path, both absolute and relative
 * to the gradient scale, and the objective at the last lambda.
 */
public final class MultinomialPeerCheck {

    private MultinomialPeerCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !(args[2].equals("ungrouped") || args[2].equals("grouped") || args[2].equals("mle"))) {
            System.err.println("usage: MultinomialPeerCheck DIR ID ungrouped|grouped|mle");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String id = args[1];
        boolean grouped = args[2].equals("grouped");
        JsonNode meta = new ObjectMapper().readTree(dir.resolve(id + ".json").toFile());
        int n = meta.get("n").asInt();
        int p = meta.get("p").asInt();
        int classes = meta.get("classes").asInt();
        double[] x = read(dir.resolve(id + ".X.f64"), (long) n * p);
        double[] labels = read(dir.resolve(id + ".y.f64"), n);
        if (args[2].equals("mle")) {
            mle(dir, id, n, p, classes, x, labels);
            return;
        }
        String stem = id + ".glmnet-" + args[2];
        double[] lambdas = read(dir.resolve(stem + ".lambda.f64"), -1);
        int block = classes * (p + 1);
        double[] coef = read(dir.resolve(stem + ".coef.f64"), (long) lambdas.length * block);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (int) labels[i];
        }
        Design design = design(n, p, x);
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, null,
                MultinomialDatafit.Parametrization.SYMMETRIC);
        double[] kkt = new double[lambdas.length];
        double lastObjective = Double.NaN;
        double scale = Double.NaN;
        for (int l = 0; l < lambdas.length; l++) {
            double[] beta = new double[block];
            int at = l * block;
            for (int c = 0; c < classes; c++) {
                beta[c * (p + 1)] = coef[at + c];
                System.arraycopy(coef, at + classes + c * p, beta, c * (p + 1) + 1, p);
            }
            Penalty penalty = grouped ? new GroupLasso(lambdas[l], 1.0, GroupLasso.byPredictor(p, classes))
                    : ElasticNet.lasso(lambdas[l]);
            Problem problem = new Problem(design, datafit, penalty);
            double[] eta = new double[problem.predictorLength()];
            problem.linearPredictor(beta, eta);
            kkt[l] = problem.kktViolation(beta, eta);
            lastObjective = problem.objective(beta, eta);
            if (l == 0) {
                scale = gradientScale(problem, n);
            }
        }
        double[] sorted = kkt.clone();
        java.util.Arrays.sort(sorted);
        double max = sorted[sorted.length - 1];
        double median = sorted[sorted.length / 2];
        System.out.println(String.format(Locale.ROOT, "{\"tool\": \"R glmnet\", \"problem\": \"%s\", \"type\": \"%s\", "
                        + "\"lambdas\": %d, \"max_kkt\": %.6g, \"median_kkt\": %.6g, \"gradient_scale\": %.10g, "
                        + "\"max_kkt_relative\": %.6g, \"median_kkt_relative\": %.6g, \"last_objective\": %.15g}", id,
                args[2], lambdas.length, max, median, scale, max / scale, median / scale, lastObjective));
    }

    /**
     * scikit-learn's MLE ({@code ID.sklearn.coef.f64}, symmetric parametrization) measured in
     * argmax's reference parametrization (class 0 subtracted from every class, which leaves the
     * likelihood unchanged): its objective, its KKT violation ({@link Problem#kktViolation}, the
     * tolerance at which {@code MultinomialBenchmarks.mle} is then timed), the optimum by Newton's
     * method on the block information (decrement 1e-20) and the suboptimality.
     */
    private static void mle(Path dir, String id, int n, int p, int classes, double[] x, double[] labels)
            throws IOException {
        double[] coef = read(dir.resolve(id + ".sklearn.coef.f64"), (long) classes * (p + 1));
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (int) labels[i];
        }
        Design design = design(n, p, x);
        Problem problem = new Problem(design, new MultinomialDatafit(y, classes, null,
                MultinomialDatafit.Parametrization.REFERENCE), ElasticNet.none());
        int k = p + 1;
        double[] beta = new double[(classes - 1) * k];
        for (int c = 1; c < classes; c++) {
            beta[(c - 1) * k] = coef[c] - coef[0];
            for (int j = 0; j < p; j++) {
                beta[(c - 1) * k + 1 + j] = coef[classes + c * p + j] - coef[classes + j];
            }
        }
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(beta, eta);
        double objective = problem.objective(beta, eta);
        double kkt = problem.kktViolation(beta, eta);
        SolverResult best = new BlockNewton().solve(problem, beta);
        System.out.println(String.format(Locale.ROOT, "{\"tool\": \"scikit-learn\", \"problem\": \"%s\", "
                        + "\"objective\": %.17g, \"kkt\": %.6g, \"optimum\": %.17g, \"suboptimality\": %.6g}", id,
                objective, kkt, best.objective(), objective - best.objective()));
    }

    private static Design design(int n, int p, double[] x) {
        INDArray matrix = NativeArrays.matrix(n, p);
        DoublePointer ptr = NativeArrays.pointer(matrix);
        ptr.put(x, 0, n * p);
        ptr.position(0);
        return new Design(matrix, true);
    }

    /**
     * The scale of argmax's relative KKT tolerance for this problem: {@code max_{c,j} |sum_i
     * (x_ij - xbar_j) g_ic|} at eta = 0 (for the multinomial, lambda_max of the ungrouped lasso).
     */
    private static double gradientScale(Problem problem, int n) {
        double[] eta = new double[problem.predictorLength()];
        double[] g = problem.datafitGradient(eta);
        int k = problem.design().coefficients();
        int p = problem.design().predictors();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0 / n);
        double[] means = new double[k];
        problem.design().transposeMultiply(ones, means);
        double best = 0;
        for (int c = 0; c < problem.predictorColumns(); c++) {
            for (int j = 0; j < p; j++) {
                best = Math.max(best, Math.abs(g[c * k + 1 + j] - means[1 + j] * g[c * k]));
            }
        }
        return best;
    }

    /** Little-endian float64 values; {@code count < 0} for the whole file. */
    private static double[] read(Path file, long count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long expected = count < 0 ? bytes.length / 8 : count;
        if (bytes.length != expected * 8) {
            throw new IOException(file + " has " + bytes.length + " bytes, expected " + expected * 8);
        }
        double[] out = new double[(int) expected];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
