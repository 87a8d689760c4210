package dev.argmax.models.inference;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Matrix;
import java.util.HashMap;
import java.util.Map;

/**
 * Sandwich covariances {@code B M B} of an M-estimator whose score is {@code sum_i r_i x_i}, in
 * the conventions of R's {@code sandwich} package (3.0) for a glm:
 *
 * <ul>
 *   <li>bread {@code B = (X'WX)^-1}, the model-based covariance without the dispersion (the
 *       dispersion cancels between sandwich's bread and score, so it never enters);</li>
 *   <li>score contributions {@code s_i = r_i x_i}, {@code r_i = w_i (y_i - mu_i) mu'(eta_i) / V(mu_i)}
 *       (the working residual times the working weight);</li>
 *   <li>{@code HC0}: {@code M = sum s_i s_i'}; {@code HC1}: times {@code n/(n-k)};
 *       {@code HC2}: {@code s_i s_i' / (1 - h_i)}; {@code HC3}: {@code s_i s_i' / (1 - h_i)^2},
 *       with the GLM hat values {@code h_i = W_i x_i' B x_i};</li>
 *   <li>cluster ({@code vcovCL}): {@code M = G/(G-1) sum_g S_g S_g'}, {@code S_g = sum_{i in g} s_i};
 *       type HC1 multiplies by {@code (n-1)/(n-k)} as well.</li>
 * </ul>
 * n is the number of rows (sandwich's {@code NROW(estfun)}), k the number of estimated
 * coefficients. No other 1/n factors.
 *
 * <p>With frequency weights {@code f_i} (row i stands for {@code f_i} identical observations)
 * every sum runs over the repeated rows: {@code M = sum f_i omega_i s_i s_i'},
 * {@code S_g = sum_{i in g} f_i s_i}, {@code n = sum f_i}; the hat value of a repeated row is
 * its row's {@code h_i} (the bread is already the repeated data's). This is the sandwich of the
 * data with the rows physically repeated, as statsmodels' {@code freq_weights}.
 */
public final class Sandwich {

    private Sandwich() {
    }

    /**
     * The sandwich covariance.
     *
     * @param columns the k estimated columns of the design (intercept as ones), each of length n
     * @param residual {@code r_i}, so that the score contribution is {@code r_i x_i}
     * @param workingWeight {@code W_i} (for the hat values of HC2 / HC3)
     * @param bread {@code (X'WX)^-1} over the k columns
     * @param type the covariance type (not {@link Vcov#model()})
     * @return the k x k covariance
     * @throws InvalidDataException if cluster labels do not match the rows or there is one cluster
     */
    public static Matrix covariance(double[][] columns, double[] residual, double[] workingWeight, Matrix bread,
                                    Vcov type) {
        return covariance(columns, residual, workingWeight, null, bread, type);
    }

    /**
     * The sandwich covariance of data with frequency weights (see the class comment).
     *
     * @param frequency {@code f_i}, the number of observations row i stands for, or null for 1
     */
    public static Matrix covariance(double[][] columns, double[] residual, double[] workingWeight, double[] frequency,
                                    Matrix bread, Vcov type) {
        int k = columns.length;
        int rows = residual.length;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            total += frequency == null ? 1.0 : frequency[i];
        }
        double n = total;
        double[] meat = new double[k * k];
        double[] x = new double[k];
        if (type.isCluster()) {
            double[] ids = type.clusters();
            if (ids.length != rows) {
                throw new InvalidDataException("cluster labels have " + ids.length + " entries, the data " + rows
                        + " rows");
            }
            Map<Double, double[]> sums = new HashMap<>();
            for (int i = 0; i < rows; i++) {
                double f = frequency == null ? 1.0 : frequency[i];
                if (f == 0) {
                    continue;
                }
                double[] s = sums.computeIfAbsent(ids[i] == 0 ? 0.0 : ids[i], key -> new double[k]);
                for (int j = 0; j < k; j++) {
                    s[j] += f * residual[i] * columns[j][i];
                }
            }
            int g = sums.size();
            if (g < 2) {
                throw new InvalidDataException("cluster-robust covariance needs at least 2 clusters, got " + g);
            }
            for (double[] s : sums.values()) {
                addOuter(meat, s, 1.0);
            }
            double adjust = g / (g - 1.0);
            if (type.kind() == Vcov.Kind.CLUSTER_HC1) {
                adjust *= (n - 1.0) / (n - k);
            }
            scale(meat, adjust);
        } else {
            Vcov.Kind kind = type.kind();
            if (kind == Vcov.Kind.MODEL) {
                throw new IllegalArgumentException("the model-based covariance is not a sandwich");
            }
            for (int i = 0; i < rows; i++) {
                double f = frequency == null ? 1.0 : frequency[i];
                if (f == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    x[j] = columns[j][i];
                }
                double omega = f;
                if (kind == Vcov.Kind.HC2 || kind == Vcov.Kind.HC3) {
                    double h = workingWeight[i] * quadraticForm(bread, x);
                    omega = kind == Vcov.Kind.HC2 ? f / (1 - h) : f / ((1 - h) * (1 - h));
                }
                for (int j = 0; j < k; j++) {
                    x[j] *= residual[i];
                }
                addOuter(meat, x, omega);
            }
            if (kind == Vcov.Kind.HC1) {
                scale(meat, n / (n - k));
            }
        }
        Matrix m = Matrix.fromColumnMajor(k, k, meat);
        Matrix v = bread.times(m).times(bread);
        double[] sym = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                sym[a + b * k] = 0.5 * (v.get(a, b) + v.get(b, a));
            }
        }
        return Matrix.fromColumnMajor(k, k, sym);
    }

    /** {@code x' A x}. */
    public static double quadraticForm(Matrix a, double[] x) {
        int k = x.length;
        double s = 0;
        for (int j = 0; j < k; j++) {
            double t = 0;
            for (int i = 0; i < k; i++) {
                t += a.get(i, j) * x[i];
            }
            s += t * x[j];
        }
        return s;
    }

    private static void addOuter(double[] m, double[] s, double c) {
        int k = s.length;
        for (int b = 0; b < k; b++) {
            for (int a = 0; a < k; a++) {
                m[a + b * k] += c * s[a] * s[b];
            }
        }
    }

    private static void scale(double[] m, double c) {
        for (int i = 0; i < m.length; i++) {
            m[i] *= c;
        }
    }
}
