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
    private final double cancellation;

    private CenteredGram(Matrix gram, double[] rhs, Transform transform, double cancellation) {
        this.gram = gram;
        this.rhs = rhs;
        this.transform = transform;
        this.cancellation = cancellation;
    }

    /**
     * The Gram of every term of an unweighted problem from one read of X as it lies in memory
     * ({@link ExtendedResidual#rawProducts()}: SYRK, column sums and {@code X'b} per row panel),
     * centered afterwards in the small matrix: {@code G_cd = x_c'x_d - n m_c m_d},
     * {@code r_c = x_c'b - m_c 1'b}. The subtraction cancels: each centered entry carries an error
     * of about {@code k u ||x_c|| ||x_d||}, i.e. {@code k u sqrt((1 + q_c)(1 + q_d))} in the scaled
     * Gram with {@code q_c = n m_c^2 / s_c^2}, the share of the column's raw sum of squares that is
     * its mean's; {@link #cancellation()} reports {@code max_c (1 + q_c)}, the factor by which this
     * Gram's error, and so a refinement step's contraction, exceeds the panelled, centered
     * one's. Returns null when the problem is weighted or a centered diagonal entry is not
     * positive (the column is constant to working precision).
     */
    static CenteredGram ofUncentered(ExtendedResidual problem) {
        ExtendedResidual.RawProducts products = problem.rawProducts();
        if (products == null) {
            return null;
        }
        int p = problem.predictors();
        int n = problem.rows();
        boolean center = problem.hasIntercept();
        int kk = p + (center ? 1 : 0);
        int first = center ? 1 : 0;
        double[] raw = products.gram();
        double[] xb = products.xb();
        double[] sums = products.sums();
        double sumB = products.sumB();
        double[] mean = new double[kk];
        double[] scale = new double[kk];
        double worst = 1;
        for (int j = 0; j < p; j++) {
            double m = center ? sums[j] / n : 0.0;
            mean[j + first] = m;
            double centered = raw[j + j * p] - n * m * m;
            if (!(centered > 0)) {
                return null;
            }
            scale[j + first] = Math.sqrt(centered);
            worst = Math.max(worst, raw[j + j * p] / centered);
        }
        if (center) {
            scale[0] = Math.sqrt(n);
        }
        double[] g = new double[kk * kk];
        double[] r = new double[kk];
        for (int j = 0; j < p; j++) {
            for (int l = 0; l <= j; l++) {
                double v = raw[l + j * p] - n * mean[j + first] * mean[l + first];
                v /= scale[j + first] * scale[l + first];
                g[(j + first) + (l + first) * kk] = v;
                g[(l + first) + (j + first) * kk] = v;
            }
            r[j + first] = (xb[j] - mean[j + first] * sumB) / scale[j + first];
        }
        if (center) {
            g[0] = 1.0;
            r[0] = sumB / scale[0];
        }
        return new CenteredGram(Matrix.wrap(kk, kk, g), r, new Transform(mean, scale, center), worst);
    }

    /**
     * The factor by which this Gram's rounding error exceeds that of the panelled, centered Gram
     * (1 for {@link #of}; {@code max_c (1 + q_c)} for {@link #ofUncentered}).
     */
    double cancellation() {
        return cancellation;
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
        return new CenteredGram(Matrix.wrap(kk, kk, g), r, new Transform(mean, scale, center), 1.0);
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
