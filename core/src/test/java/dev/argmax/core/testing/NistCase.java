package dev.argmax.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import java.util.ArrayList;
import java.util.List;

/**
 * One NIST StRD linear least-squares problem: its design columns built from the CSV exactly as
 * NIST defines them (powers as x, x*x, ...), its certified values, and the minimum LRE the
 * reference README suggests for a careful orthogonal-factorization implementation.
 */
public record NistCase(String name, boolean intercept, double[][] columns, List<String> columnNames, double[] y,
                       double[] estimates, double[] sdOfEstimates, double residualSd, double rSquared,
                       double minLreCoefficients, double minLreSd, double minLreResidualSd, double minLreRSquared,
                       double absoluteTolSd) {

    /** The eleven public NIST StRD linear sets. */
    public static final List<String> NAMES = List.of("Norris", "Pontius", "NoInt1", "NoInt2", "Longley",
            "Filip", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5");

    /** Loads {@code nist/NAME.json} and {@code nist/NAME.csv} from test resources. */
    public static NistCase load(String name) {
        JsonNode json = Fixtures.json("nist/" + name + ".json");
        CsvTable csv = Fixtures.csv("nist/" + name + ".csv");
        JsonNode model = json.get("model");
        boolean intercept = model.get("intercept").asBoolean();
        double[] y = csv.column("y");
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (name.equals("Longley")) {
            for (int j = 1; j <= 6; j++) {
                cols.add(csv.column("x" + j));
                names.add("x" + j);
            }
        } else {
            int degree = model.has("degree") ? model.get("degree").asInt() : 1;
            double[] x = csv.column("x");
            for (int d = 1; d <= degree; d++) {
                double[] c = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double v = x[i];
                    for (int e = 1; e < d; e++) {
                        v *= x[i];
                    }
                    c[i] = v;
                }
                cols.add(c);
                names.add(d == 1 ? "x" : "x^" + d);
            }
        }
        JsonNode cert = json.get("certified");
        // suggested minimum LRE (last column of the reference README's table)
        double coef = 12;
        double sd = 12;
        double res = 12;
        double r2 = 12;
        double absSd = 0;
        switch (name) {
            case "Pontius" -> coef = 11;
            case "NoInt1", "NoInt2" -> {
                coef = 13;
                sd = 13;
                res = 13;
                r2 = 13;
            }
            case "Longley" -> {
                coef = 10;
                sd = 10;
                res = 11;
                r2 = 13;
            }
            case "Wampler1" -> {
                coef = 8;
                absSd = 1e-8;
                r2 = 13;
            }
            case "Wampler2" -> {
                coef = 12;
                absSd = 1e-12;
                r2 = 13;
            }
            case "Wampler3" -> {
                coef = 8;
                sd = 12;
                res = 13;
                r2 = 13;
            }
            case "Filip" -> {
                coef = 7;
                sd = 7;
                res = 7;
                r2 = 7;
            }
            case "Wampler4", "Wampler5" -> {
                coef = 10;
                sd = 12;
                res = 13;
                r2 = 13;
            }
            default -> {
            }
        }
        return new NistCase(name, intercept, cols.toArray(new double[0][]), names, y,
                Fixtures.doubles(cert.get("estimates")), Fixtures.doubles(cert.get("sd_of_estimates")),
                cert.get("residual_sd").asDouble(), cert.get("r_squared").asDouble(), coef, sd, res, r2, absSd);
    }

    /** Number of coefficients (including the intercept). */
    public int coefficients() {
        return columns.length + (intercept ? 1 : 0);
    }
}
