package dev.argmax.bench.problems;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The coefficients one benchmark arrived at, left in a folder by the benchmark's tear-down so
 * that the report can put a peer's answer beside argmax's for the same problem and model, and
 * compare times only where the answers agree.
 *
 * @param library "argmax", "smile", "commons-math3", ...
 * @param method the solver or class, e.g. "irls", "OLS"
 * @param problem {@link ProblemSpec#id()}
 * @param model the model fitted ({@link PeerModel} name, or another label)
 * @param coefficients intercept first
 * @param iterations iterations the fit took (0 for a direct method, -1 if unknown)
 */
public record Answer(String library, String method, String problem, String model, double[] coefficients,
                     int iterations) {

    /** The system property naming the folder answers are written to (nothing is written when unset). */
    public static final String FOLDER_PROPERTY = "argmax.bench.answers";

    public Answer {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Largest absolute difference between the coefficients of two answers. */
    public double maxDifference(Answer other) {
        if (other.coefficients.length != coefficients.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < coefficients.length; i++) {
            worst = Math.max(worst, Math.abs(coefficients[i] - other.coefficients[i]));
        }
        return worst;
    }

    /** Writes this answer into the folder named by {@value #FOLDER_PROPERTY}, if it is set. */
    public void writeIfRequested() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            write(Path.of(folder));
        }
    }

    /** Writes this answer as {@code library-method-model-problem.answer} in {@code folder}. */
    public void write(Path folder) {
        Properties props = new Properties();
        props.setProperty("library", library);
        props.setProperty("method", method);
        props.setProperty("problem", problem);
        props.setProperty("model", model);
        props.setProperty("iterations", Integer.toString(iterations));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < coefficients.length; i++) {
            sb.append(i == 0 ? "" : " ").append(coefficients[i]);
        }
        props.setProperty("coefficients", sb.toString());
        String name = (library + "-" + method + "-" + model + "-" + problem).replaceAll("[^A-Za-z0-9._-]", "_")
                + ".answer";
        try {
            Files.createDirectories(folder);
            try (Writer w = Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8)) {
                props.store(w, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write answer " + name + " to " + folder, e);
        }
    }

    /** Every answer in {@code folder} (empty if it does not exist). */
    public static List<Answer> readAll(Path folder) {
        List<Answer> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".answer")).sorted().toList()) {
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    props.load(r);
                }
                double[] c = Arrays.stream(props.getProperty("coefficients", "").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
                out.add(new Answer(props.getProperty("library"), props.getProperty("method"),
                        props.getProperty("problem"), props.getProperty("model"), c,
                        Integer.parseInt(props.getProperty("iterations", "-1"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read answers from " + folder, e);
        }
        return out;
    }
}
