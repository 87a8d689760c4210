package dev.argmax.optim.gradient;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One reference optimum from the external fixtures (copied unchanged from
 * the project's reference set into core's test resources): an R {@code glm} fit
 * ({@code glm/*.json}) or one lambda of a glmnet / closed-form / Newton penalized fit
 * ({@code penalized/*.json}), as a {@link Problem} with the reference coefficients and objective.
 *
 * <p>Reference objective: for GLM fixtures R reports the deviance, not F; F at the reference
 * coefficients is {@code Datafit.value(eta_ref)} (= deviance/(2n) + the saturated constant), which
 * is what is compared. For penalized fixtures it is the JSON's {@code objective_values} (checked
 * against F at the reference coefficients). Standardized penalized fixtures are solved on
 * {@code x_j / s_j} (s_j the 1/n standard deviation, glmnet's standardization; the intercept absorbs
 * the centering), and the slopes are mapped back with {@code b_j = c_j / s_j}.
 *
 * @param label fixture name and lambda index
 * @param problem the problem to solve (on the scaled design for standardized fixtures)
 * @param scales s_j to divide the problem's slopes by (all 1 when not standardized)
 * @param coefficients reference coefficients on the original scale, intercept first
 * @param objective reference objective
 * @param jsonObjective the fixture's own objective value (NaN for GLMs)
 */
record ReferenceCase(String label, Problem problem, double[] scales, double[] coefficients, double objective,
                     double jsonObjective) {

    /** Coefficients of {@link #problem} mapped to the original scale. */
    double[] toOriginal(double[] c) {
        double[] out = c.clone();
        int off = problem.design().firstSlope();
        for (int j = 0; j < scales.length; j++) {
            out[j + off] = c[j + off] / scales[j];
        }
        return out;
    }

    /** Every fixture in a test-resource folder, e.g. {@code "glm"}; every lambda of a path. */
    static List<ReferenceCase> all(String folder) {
        Path dir = Fixtures.path(folder);
        List<ReferenceCase> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.addAll(load(folder + "/" + f.getFileName(), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no fixtures in " + folder);
        }
        return out;
    }

    private static List<ReferenceCase> load(String resource, Path file) {
        JsonNode d = Fixtures.json(resource);
        String name = d.get("fixture").asText();
        CsvTable table = CsvTable.read(file.getParent().resolve(d.get("data_file").asText()).normalize());
        double[] y = table.column(d.get("response").asText());
        int n = y.length;
        List<String> columns = new ArrayList<>();
        d.get("design_columns").forEach(c -> columns.add(c.asText()));
        int p = columns.size();
        double[] weights = d.hasNonNull("weights_column") ? table.column(d.get("weights_column").asText()) : null;
        double[] offset = d.hasNonNull("offset_column") ? table.column(d.get("offset_column").asText()) : null;
        Datafit datafit = switch (d.get("family").asText()) {
            case "gaussian" -> new QuadraticDatafit(y, weights);
            case "binomial" -> new LogisticDatafit(y, weights);
            case "poisson" -> new PoissonDatafit(y, weights);
            default -> throw new IllegalArgumentException("unknown family " + d.get("family"));
        };
        boolean penalized = d.has("lambdas");
        boolean standardize = penalized && d.path("standardize").asBoolean(false);
        double[] scales = new double[p];
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] c = table.column(columns.get(j));
            scales[j] = 1.0;
            if (standardize) {
                double mean = 0;
                for (double v : c) {
                    mean += v;
                }
                mean /= n;
                double ss = 0;
                for (double v : c) {
                    ss += (v - mean) * (v - mean);
                }
                scales[j] = Math.sqrt(ss / n);
                c = c.clone();
                for (int i = 0; i < n; i++) {
                    c[i] /= scales[j];
                }
            }
            cols[j] = c;
        }
        boolean intercept = penalized || d.path("add_intercept").asBoolean(true);
        Design design = new Design(NativeArrays.fromColumns(cols, n), intercept);
        List<ReferenceCase> out = new ArrayList<>();
        if (!penalized) {
            double[] ref = Fixtures.doubles(d.get("coefficients"));
            Problem problem = new Problem(design, datafit, ElasticNet.none(), offset);
            out.add(new ReferenceCase(name, problem, scales, ref, problem.objective(ref), Double.NaN));
            return out;
        }
        double alpha = d.has("alpha") ? d.get("alpha").asDouble()
                : d.get("kind").asText().startsWith("ridge") ? 0.0 : 1.0;
        double[] lambdas = Fixtures.doubles(d.get("lambdas"));
        double[] intercepts = Fixtures.doubles(d.get("intercepts"));
        double[][] slopes = Fixtures.matrix(d.get("coefficients"));
        double[] objectives = Fixtures.doubles(d.get("objective_values"));
        for (int l = 0; l < lambdas.length; l++) {
            Problem problem = new Problem(design, datafit, new ElasticNet(lambdas[l], alpha, null, null, null), offset);
            double[] ref = new double[p + 1];
            ref[0] = intercepts[l];
            System.arraycopy(slopes[l], 0, ref, 1, p);
            double[] scaled = ref.clone();
            for (int j = 0; j < p; j++) {
                scaled[j + 1] = ref[j + 1] * scales[j];
            }
            out.add(new ReferenceCase(name + "[" + l + "] lambda=" + lambdas[l], problem, scales, ref,
                    objectives[l], problem.objective(scaled)));
        }
        return out;
    }
}
