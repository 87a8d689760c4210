package dev.argmax.bench.problems;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic problem to files that other tools read, so that R (glm, glmnet) and
 * scikit-learn can be timed on exactly the doubles argmax's and the peers' benchmarks fit
 * (see {@code benchmarks/peers-scripts}):
 *
 * <ul>
 *   <li>{@code ID.X.f64}: X as raw little-endian float64, column-major (element (i, j) at
 *       {@code j n + i}), no intercept column;</li>
 *   <li>{@code ID.y.f64}: y, n float64;</li>
 *   <li>{@code ID.json}: n, p, family, scenario, seed, the true coefficients;</li>
 *   <li>{@code ID.csv} (with {@code --csv}): header {@code y,x1..xp}, each number in Java's shortest
 *       round-trip form, so it parses back to the same double.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp argmax.jar dev.argmax.bench.problems.Export n,p,family,seed[,scenario] DIR [--csv]};
 * the family {@code multinomial} writes a {@link MultinomialProblem} (K = 5 classes) instead.
 */
public final class Export {

    private Export() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Export n,p,family,seed[,scenario] DIR [--csv]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        boolean csv = args.length > 2 && args[2].equals("--csv");
        if (MultinomialProblem.matches(args[0])) {
            System.out.println(write(MultinomialProblem.parse(args[0]), dir));
            return;
        }
        ProblemSpec spec = ProblemSpec.parse(args[0]);
        System.out.println(write(SyntheticProblem.generate(spec), dir, csv));
    }

    /**
     * Writes a multinomial problem: {@code ID.X.f64} as above, {@code ID.y.f64} the class labels
     * 0..K-1 as float64, {@code ID.json} with n, p, {@code "family": "multinomial"}, classes,
     * scenario, seed and the true intercepts and slopes (K blocks of p); returns the JSON's path.
     */
    public static Path write(MultinomialProblem prob, Path dir) throws IOException {
        Files.createDirectories(dir);
        String id = prob.id();
        writeDoubles(dir.resolve(id + ".X.f64"), prob.x());
        writeDoubles(dir.resolve(id + ".y.f64"), prob.response());
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"id\": \"").append(id).append("\",\n");
        json.append("  \"n\": ").append(prob.n()).append(",\n");
        json.append("  \"p\": ").append(prob.p()).append(",\n");
        json.append("  \"family\": \"multinomial\",\n");
        json.append("  \"classes\": ").append(prob.classes()).append(",\n");
        json.append("  \"scenario\": \"").append(prob.scenario().label()).append("\",\n");
        json.append("  \"seed\": ").append(prob.seed()).append(",\n");
        json.append("  \"layout\": \"X: little-endian float64, column-major n x p, no intercept column; "
                + "y: class labels 0..K-1 as float64\",\n");
        json.append("  \"true_intercepts\": ").append(list(prob.intercepts())).append(",\n");
        json.append("  \"true_slopes\": ").append(list(prob.slopes())).append("\n}\n");
        Path meta = dir.resolve(id + ".json");
        Files.writeString(meta, json.toString());
        return meta;
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int j = 0; j < values.length; j++) {
            s.append(j == 0 ? "" : ", ").append(values[j]);
        }
        return s.append(']').toString();
    }

    /** Writes the files and returns the path of the JSON description. */
    public static Path write(SyntheticProblem prob, Path dir, boolean csv) throws IOException {
        Files.createDirectories(dir);
        String id = prob.spec().id();
        writeDoubles(dir.resolve(id + ".X.f64"), prob.columnMajor());
        writeDoubles(dir.resolve(id + ".y.f64"), prob.response());
        ProblemSpec s = prob.spec();
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"id\": \"").append(id).append("\",\n");
        json.append("  \"n\": ").append(prob.rows()).append(",\n");
        json.append("  \"p\": ").append(prob.predictors()).append(",\n");
        json.append("  \"family\": \"").append(s.family().label()).append("\",\n");
        json.append("  \"scenario\": \"").append(s.scenario().label()).append("\",\n");
        json.append("  \"seed\": ").append(s.seed()).append(",\n");
        json.append("  \"layout\": \"X: little-endian float64, column-major n x p, no intercept column\",\n");
        json.append("  \"true_intercept\": ").append(prob.trueIntercept()).append(",\n");
        json.append("  \"true_slopes\": [");
        double[] b = prob.trueSlopes();
        for (int j = 0; j < b.length; j++) {
            json.append(j == 0 ? "" : ", ").append(b[j]);
        }
        json.append("]\n}\n");
        Path meta = dir.resolve(id + ".json");
        Files.writeString(meta, json.toString());
        if (csv) {
            writeCsv(prob, dir.resolve(id + ".csv"));
        }
        return meta;
    }

    private static void writeDoubles(Path file, double[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (double v : values) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putDouble(v);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    private static void writeCsv(SyntheticProblem prob, Path file) throws IOException {
        int n = prob.rows();
        int p = prob.predictors();
        double[] x = prob.columnMajor();
        double[] y = prob.response();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("y");
            for (int j = 1; j <= p; j++) {
                w.write(",x" + j);
            }
            w.newLine();
            for (int i = 0; i < n; i++) {
                w.write(Double.toString(y[i]));
                for (int j = 0; j < p; j++) {
                    w.write(',');
                    w.write(Double.toString(x[j * n + i]));
                }
                w.newLine();
            }
        }
    }
}
