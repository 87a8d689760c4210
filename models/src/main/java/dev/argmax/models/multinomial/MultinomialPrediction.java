package dev.argmax.models.multinomial;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions of a multinomial model for new observations: the class probabilities
 * {@code p_ik = exp(eta_ik) / sum_l exp(eta_il)} ({@code eta_i1 = 0}), the most probable class
 * (the first level on ties, as R's {@code predict(multinom)} with {@code max.col(ties = "first")}),
 * and delta-method standard errors of the probabilities: with {@code a_i = (1, x_i)} and C the
 * covariance of the class-major coefficients,
 * {@code d p_ij / d beta_c = p_ij (delta_jc - p_ic) a_i} (c = 2..K), so
 * {@code se(p_ij) = sqrt(g' C g)} for g that gradient.
 *
 * @param levels the class levels (columns of the probability matrices)
 * @param probabilities {@code n x K}
 * @param standardErrors {@code n x K}, or null when no covariance was given
 * @param classes the predicted class label of each row
 */
public record MultinomialPrediction(List<String> levels, double[][] probabilities, double[][] standardErrors,
                                    List<String> classes) {

    public MultinomialPrediction {
        levels = List.copyOf(levels);
        classes = List.copyOf(classes);
        probabilities = deepCopy(probabilities);
        standardErrors = standardErrors == null ? null : deepCopy(standardErrors);
    }

    @Override
    public double[][] probabilities() {
        return deepCopy(probabilities);
    }

    @Override
    public double[][] standardErrors() {
        return standardErrors == null ? null : deepCopy(standardErrors);
    }

    /**
     * The predictions of coefficients in the reference parametrization ({@code eta_i1 = 0}).
     *
     * @param levels the classes
     * @param design the new data's design (intercept as the model has it)
     * @param beta the {@code (K-1) x k} coefficients flattened class-major
     * @param covariance their covariance, or null for no standard errors
     */
    public static MultinomialPrediction of(ClassLevels levels, Design design, double[] beta, Matrix covariance) {
        int n = design.rows();
        int classes = levels.size();
        int m = classes - 1;
        int k = design.coefficients();
        double[][] eta = new double[m][n];
        double[] block = new double[k];
        for (int c = 0; c < m; c++) {
            System.arraycopy(beta, c * k, block, 0, k);
            design.multiply(block, eta[c]);
        }
        double[][] prob = new double[n][classes];
        double[][] se = covariance == null ? null : new double[n][classes];
        List<String> predicted = new ArrayList<>(n);
        double[] a = new double[k];
        double[] g = new double[m * k];
        int off = design.firstSlope();
        double[][] columns = new double[design.predictors()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = design.x().getColumn(j).toDoubleVector();
        }
        if (off == 1) {
            a[0] = 1.0;
        }
        for (int i = 0; i < n; i++) {
            double max = 0;
            for (int c = 0; c < m; c++) {
                max = Math.max(max, eta[c][i]);
            }
            double sum = Math.exp(-max);
            for (int c = 0; c < m; c++) {
                sum += Math.exp(eta[c][i] - max);
            }
            prob[i][0] = Math.exp(-max) / sum;
            for (int c = 0; c < m; c++) {
                prob[i][c + 1] = Math.exp(eta[c][i] - max) / sum;
            }
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (prob[i][j] > prob[i][best]) {
                    best = j;
                }
            }
            predicted.add(levels.levels().get(best));
            for (int j = 0; j < columns.length; j++) {
                a[j + off] = columns[j][i];
            }
            for (int j = 0; j < classes && se != null; j++) {
                for (int c = 0; c < m; c++) {
                    double d = prob[i][j] * ((j == c + 1 ? 1.0 : 0.0) - prob[i][c + 1]);
                    for (int t = 0; t < k; t++) {
                        g[c * k + t] = d * a[t];
                    }
                }
                double[] cg = covariance.times(g);
                double v = 0;
                for (int t = 0; t < g.length; t++) {
                    v += g[t] * cg[t];
                }
                se[i][j] = Math.sqrt(Math.max(v, 0));
            }
        }
        return new MultinomialPrediction(levels.levels(), prob, se, predicted);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
