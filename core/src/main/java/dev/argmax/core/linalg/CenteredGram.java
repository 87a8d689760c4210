package dev.argmax.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The Gram {@code G = A''' A''} of the centered, scaled design of {@link Transform} and the
 * right-hand side {@code A''' b}, formed in one pass of panelled SYRK over X.
 *
 * <p>The weighted means {@code m} come from a first pass. Each row panel
 * {@code [sqrt(w), sqrt(w) (X - 1 m'), b]} of about 2 MB is written into a reused native buffer
 * and {@code cblas_dsyrk} accumulates its cross products. The first row of the result holds
 * {@code sum_i w_i (x_ic - m_c) = W delta_c}, the rounding error of the means; the centering is then
 * corrected exactly to {@code m + delta} in the small matrix
 * ({@code G_cd - W delta_c delta_d}, {@code G_0c = 0}), which saves the second pass over X that
 * an accurate two-pass mean would cost. Finally every column, the intercept's included, is
 * scaled to unit norm ({@code scale_c = sqrt(G_cc)}), so that the condition estimate of G
 * measures the design's collinearity, not its units.
 */
final class CenteredGram {

    private final Matrix gram;
    private final double[] rhs;
    private final Transform transform;

    private CenteredGram(Matrix gram, double[] rhs, Transform transform) {
        this.gram = gram;
        this.rhs = rhs;
        this.transform = transform;
    }

    /** The scaled Gram of the kept terms of {@code problem}. */
    static CenteredGram of(ExtendedResidual problem, int[] keep) {
        int n = problem.rows();
        int kk = keep.length;
        double[] sqrtW = problem.sqrtWeights();
        double sumW = problem.sumOfWeights();
        boolean center = problem.hasIntercept() && kk > 0 && keep[0] == 0;
        double[] mean = new double[kk];
        int b = problem.panelRows(kk + 1);
        double[] segment = new double[b];
        if (center) {
            for (int c = 1; c < kk; c++) {
                double s = 0;
                for (int r0 = 0; r0 < n; r0 += b) {
                    int rows = Math.min(b, n - r0);
                    problem.term(keep[c], r0, rows, segment);
                    for (int i = 0; i < rows; i++) {
                        s += sqrtW[r0 + i] * sqrtW[r0 + i] * segment[i];
                    }
                }
                mean[c] = s / sumW;
            }
        }
        int m = kk + 1;
        double[] full = new double[m * m];
        DoublePointer panel = new DoublePointer((long) b * m);
        DoublePointer product = new DoublePointer((long) m * m);
        try {
            for (int r0 = 0; r0 < n; r0 += b) {
                int rows = Math.min(b, n - r0);
                for (int c = 0; c < kk; c++) {
                    problem.term(keep[c], r0, rows, segment);
                    double mc = mean[c];
                    for (int i = 0; i < rows; i++) {
                        segment[i] = sqrtW[r0 + i] * (segment[i] - mc);
                    }
                    panel.position((long) c * rows).put(segment, 0, rows);
                }
                problem.response(r0, rows, segment);
                for (int i = 0; i < rows; i++) {
                    segment[i] *= sqrtW[r0 + i];
                }
                panel.position((long) kk * rows).put(segment, 0, rows);
                panel.position(0);
                openblas.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, m, rows, 1.0, panel, rows,
                        r0 == 0 ? 0.0 : 1.0, product, m);
            }
            product.get(full);
        } finally {
            panel.close();
            product.close();
        }
        for (int j = 0; j < m; j++) {
            for (int i = j + 1; i < m; i++) {
                full[i + j * m] = full[j + i * m];
            }
        }
        if (center) {
            double w = full[0];
            double[] delta = new double[kk];
            for (int c = 1; c < kk; c++) {
                delta[c] = full[c * m] / w;
                mean[c] += delta[c];
            }
            for (int c = 1; c < kk; c++) {
                for (int d = 1; d < kk; d++) {
                    full[c + d * m] -= w * delta[c] * delta[d];
                }
                double rc = full[c + kk * m] - delta[c] * full[kk * m];
                full[c + kk * m] = rc;
                full[kk + c * m] = rc;
                full[c * m] = 0;
                full[c] = 0;
            }
        }
        double[] scale = new double[kk];
        for (int c = 0; c < kk; c++) {
            double d = full[c + c * m];
            scale[c] = d > 0 ? Math.sqrt(d) : 1.0;
        }
        double[] g = new double[kk * kk];
        double[] r = new double[kk];
        for (int c = 0; c < kk; c++) {
            for (int d = 0; d < kk; d++) {
                g[c + d * kk] = full[c + d * m] / (scale[c] * scale[d]);
            }
            r[c] = full[c + kk * m] / scale[c];
        }
        return new CenteredGram(Matrix.wrap(kk, kk, g), r, new Transform(mean, scale, center));
    }

    /** {@code A''' A''} (unit diagonal). */
    Matrix gram() {
        return gram;
    }

    /** {@code A''' b}. */
    double[] rhs() {
        return rhs;
    }

    /** The map back to the original coefficients. */
    Transform transform() {
        return transform;
    }
}
