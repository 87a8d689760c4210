package dev.argmax.bench;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.bench.problems.Family;
import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.optim.Problem;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import dev.argmax.optim.path.RegularizationPath;
import dev.argmax.optim.stopping.KktTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * argmax's lasso path side by side with glmnet's on a problem written by
 * {@link dev.argmax.bench.problems.Export}, at the same lambdas and the same KKT violation
 * (driven by {@code benchmarks/peers-scripts/path_side_by_side.sh}).
 *
 * <ul>
 *   <li>{@code lambdas DIR ID OUT}: writes argmax's default sequence (100 lambdas from lambda_max
 *       down to 1e-4 lambda_max when n > p) to OUT, one per line, for glmnet's {@code lambda=}.</li>
 *   <li>{@code compare DIR ID FIT...}: for each glmnet fit {@code FIT} (files {@code FIT.lambda.f64},
 *       L lambdas, and {@code FIT.beta.f64}, the (1 + p) x L coefficients column-major, intercept
 *       first, written by {@code glmnet_path.R}), the KKT violation of glmnet's answer at each of its
 *       lambdas by {@link Problem#kktViolation} (glmnet's objective convention,
 *       {@code (1/n) sum nll_i + lambda ||b||_1}, unit weights, intercept unpenalized); then
 *       argmax's path on the same lambdas stopped at glmnet's largest violation
 *       ({@link CoordinateDescent.Settings#withKktTarget}: the same guarantee over all lambdas),
 *       and again at glmnet's median violation (tighter than glmnet's answer at about half its
 *       lambdas) and at its smallest violation below lambda_max (at least as tight as glmnet's
 *       answer at every lambda), each timed with glmnet's protocol (one warm-up, median of 3, data in memory).
 *       One JSON line per fit and target on stdout, with both tools' violations per lambda.</li>
 * </ul>
 *
 * <p>Lasso ({@code alpha = 1}), no standardization, unit weights, intercept, as
 * {@code glmnet(X, y, family, standardize = FALSE)}.
 */
public final class PathSideBySide {

    private static final int REPEATS = 3;

    private PathSideBySide() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("lambdas") && args.length == 4 || args[0].equals("compare"))) {
            System.err.println("usage: PathSideBySide lambdas DIR ID OUT | compare DIR ID FIT...");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        String id = args[2];
        Problem base = load(dir, id);
        if (args[0].equals("lambdas")) {
            double[] lambdas = defaultLambdas(base);
            StringBuilder out = new StringBuilder();
            for (double l : lambdas) {
                out.append(Double.toString(l)).append('\n');
            }
            Files.writeString(Path.of(args[3]), out.toString());
            return;
        }
        for (int f = 3; f < args.length; f++) {
            compare(base, id, args[f]);
        }
    }

    /** The exported problem: X column-major in native memory, the family's datafit, an intercept. */
    static Problem load(Path dir, String id) throws IOException {
        String meta = Files.readString(dir.resolve(id + ".json"));
        int n = Integer.parseInt(field(meta, "n"));
        int p = Integer.parseInt(field(meta, "p"));
        Family family = Family.parse(field(meta, "family").replace("\"", ""));
        double[] x = readDoubles(dir.resolve(id + ".X.f64"), (long) n * p);
        double[] y = readDoubles(dir.resolve(id + ".y.f64"), n);
        INDArray matrix = NativeArrays.matrix(n, p);
        DoublePointer ptr = NativeArrays.pointer(matrix);
        ptr.put(x, 0, x.length);
        ptr.position(0);
        return new Problem(new Design(matrix, true), SyntheticProblems.datafit(family, y), ElasticNet.lasso(1.0));
    }

    private static double[] defaultLambdas(Problem base) {
        CoordinateDescent.Settings cd = CoordinateDescent.Settings.defaults();
        double lmax = RegularizationPath.lambdaMax(base.design(), base.datafit(), base.offset(), ElasticNet.lasso(1.0),
                cd);
        Design d = base.design();
        return RegularizationPath.geometric(lmax, RegularizationPath.defaultMinRatio(d.rows(), d.predictors()),
                RegularizationPath.Settings.defaults().count());
    }

    private static void compare(Problem base, String id, String fit) throws IOException {
        Design design = base.design();
        int k = design.coefficients();
        double[] lambdas = readDoubles(Path.of(fit + ".lambda.f64"), -1);
        double[] betas = readDoubles(Path.of(fit + ".beta.f64"), (long) k * lambdas.length);
        double[] eta = new double[design.rows()];
        double[] glmnetKkt = new double[lambdas.length];
        double worst = 0;
        for (int l = 0; l < lambdas.length; l++) {
            double[] beta = Arrays.copyOfRange(betas, l * k, (l + 1) * k);
            Problem at = new Problem(design, base.datafit(), ElasticNet.lasso(lambdas[l]), base.offset());
            at.linearPredictor(beta, eta);
            glmnetKkt[l] = at.kktViolation(beta, eta);
            worst = Math.max(worst, glmnetKkt[l]);
        }
        double[] sorted = glmnetKkt.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        run(base, id, fit, lambdas, betas, glmnetKkt, "glmnet's largest violation", worst);
        run(base, id, fit, lambdas, betas, glmnetKkt, "glmnet's median violation", median);
        double smallest = Double.POSITIVE_INFINITY;
        for (int l = 1; l < lambdas.length; l++) {
            smallest = Math.min(smallest, glmnetKkt[l]);
        }
        if (smallest > 0 && smallest < median) {
            run(base, id, fit, lambdas, betas, glmnetKkt, "glmnet's smallest violation below lambda_max", smallest);
        }
    }

    /** argmax's path on {@code lambdas} stopped at KKT violation {@code target}, timed, against glmnet's answers. */
    private static void run(Problem base, String id, String fit, double[] lambdas, double[] betas, double[] glmnetKkt,
                            String targetName, double target) {
        Design design = base.design();
        int k = design.coefficients();
        CoordinateDescent.Settings solver = CoordinateDescent.Settings.defaults().withKktTarget(KktTarget.of(target));
        RegularizationPath.Settings settings = RegularizationPath.Settings.defaults().withLambdas(lambdas)
                .withSolver(solver);
        fitPath(base, settings);
        long[] times = new long[REPEATS];
        PathResult last = null;
        for (int r = 0; r < REPEATS; r++) {
            System.gc();
            long t0 = System.nanoTime();
            last = fitPath(base, settings);
            times[r] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        double[] eta = new double[design.rows()];
        double[] argmaxKkt = new double[lambdas.length];
        double argmaxWorst = 0;
        double objectiveExcess = Double.NEGATIVE_INFINITY;
        int atLeastAsAccurate = 0;
        int[] passes = new int[lambdas.length];
        for (int l = 0; l < lambdas.length; l++) {
            PathPoint pt = last.points().get(l);
            Problem at = new Problem(design, base.datafit(), ElasticNet.lasso(lambdas[l]), base.offset());
            at.linearPredictor(pt.coefficients(), eta);
            argmaxKkt[l] = at.kktViolation(pt.coefficients(), eta);
            argmaxWorst = Math.max(argmaxWorst, argmaxKkt[l]);
            if (argmaxKkt[l] <= glmnetKkt[l]) {
                atLeastAsAccurate++;
            }
            double[] beta = Arrays.copyOfRange(betas, l * k, (l + 1) * k);
            objectiveExcess = Math.max(objectiveExcess, at.objective(pt.coefficients()) - at.objective(beta));
            passes[l] = pt.iterations();
        }
        System.out.println(String.format(Locale.ROOT, "{\"tool\": \"argmax path\", \"problem\": \"%s\", "
                        + "\"against\": \"%s\", \"lambdas\": %d, \"target\": \"%s\", \"seconds\": %.4f, "
                        + "\"kkt_target\": %.4g, \"kkt_max\": %.4g, \"glmnet_kkt_max\": %.4g, "
                        + "\"lambdas_at_least_as_accurate_as_glmnet\": %d, "
                        + "\"max_objective_minus_glmnet\": %.3g, \"passes\": %d, \"strong_rule_violations\": %d, "
                        + "\"converged\": %b, \"glmnet_kkt\": %s, \"argmax_kkt\": %s, \"argmax_passes\": %s}",
                id, Path.of(fit).getFileName(), lambdas.length, targetName, times[REPEATS / 2] / 1e9, target,
                argmaxWorst, Arrays.stream(glmnetKkt).max().orElse(0), atLeastAsAccurate, objectiveExcess,
                last.totalIterations(), last.strongRuleViolations(), last.converged(), format(glmnetKkt),
                format(argmaxKkt), Arrays.toString(passes)));
    }

    private static PathResult fitPath(Problem base, RegularizationPath.Settings settings) {
        return RegularizationPath.fit(base.design(), base.datafit(), base.offset(), ElasticNet.lasso(1.0), settings);
    }

    private static String format(double[] v) {
        List<String> s = new ArrayList<>();
        for (double d : v) {
            s.add(String.format(Locale.ROOT, "%.3g", d));
        }
        return "[" + String.join(", ", s) + "]";
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"[^\"]*\"|[^,\\s}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("field " + name + " missing from the problem description");
        }
        return m.group(1);
    }

    /** Little-endian float64 values; {@code count < 0} reads the whole file. */
    private static double[] readDoubles(Path file, long count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (count >= 0 && bytes.length != count * 8) {
            throw new IllegalArgumentException(file + " has " + bytes.length + " bytes, expected " + count * 8);
        }
        double[] out = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
