package dev.argmax.models.penalized;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.NativeArrays;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * glmnet's standardization ({@code standardize = TRUE}): with weights rescaled to sum to n
 * ({@code u_i = w_i / W}), each column is centered at its weighted mean {@code m_j = sum u_i x_ij}
 * and divided by the <b>1/n</b> standard deviation {@code s_j = sqrt(sum u_i (x_ij - m_j)^2)}
 * (not 1/(n-1)). Without an intercept glmnet does not center: {@code m_j = 0} and
 * {@code s_j = sqrt(sum u_i x_ij^2)}. A column with {@code s_j = 0} keeps scale 1 (it is constant,
 * hence zero after centering, and its coefficient stays 0).
 *
 * <p>Coefficients solved on the standardized scale map back to the original scale by
 * {@code b_j = b~_j / s_j} and {@code b0 = b~0 - sum_j m_j b_j}; in original-scale
 * coefficients the lasso penalty becomes {@code lambda sum_j v_j s_j |b_j|}.
 *
 * @param means centering values m_j
 * @param scales scale values s_j
 */
public record Standardization(double[] means, double[] scales) {

    public Standardization {
        means = means.clone();
        scales = scales.clone();
    }

    /** The standardization of a dataset's predictors, glmnet style. */
    public static Standardization of(Dataset data, boolean intercept) {
        int n = data.rows();
        int p = data.columns();
        double[] w = data.weights();
        double ws = 0;
        for (double v : w) {
            ws += v;
        }
        double[] m = new double[p];
        double[] s = new double[p];
        DoublePointer ptr = NativeArrays.pointer(data.x());
        double[] col = new double[n];
        for (int j = 0; j < p; j++) {
            NativeArrays.getColumn(ptr, n, j, col);
            double mean = 0;
            if (intercept) {
                for (int i = 0; i < n; i++) {
                    mean += w[i] * col[i];
                }
                mean /= ws;
            }
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = col[i] - mean;
                ss += w[i] * d * d;
            }
            m[j] = mean;
            s[j] = ss;
        }
        return ofMoments(ws, m, s, intercept);
    }

    /**
     * The standardization from weighted moments, however they were accumulated (two passes on one
     * machine, or per-partition moments merged by Chan's formula on a cluster): the one place that
     * says how glmnet standardizes.
     *
     * @param weightSum {@code W = sum w_i}
     * @param means weighted means {@code sum w_i x_ij / W}
     * @param centeredSquares {@code sum w_i (x_ij - mean_j)^2}, centered at {@code means}, which are
     *     the weighted means (or all 0 for moments about the origin without an intercept)
     * @param intercept whether the model has an intercept (glmnet centers only then)
     */
    public static Standardization ofMoments(double weightSum, double[] means, double[] centeredSquares,
            boolean intercept) {
        int p = means.length;
        double[] m = new double[p];
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            // without an intercept glmnet does not center: the scale is the root mean square
            double squares = intercept ? centeredSquares[j]
                    : centeredSquares[j] + weightSum * means[j] * means[j];
            double sd = Math.sqrt(squares / weightSum);
            m[j] = intercept ? means[j] : 0.0;
            s[j] = sd > 0 ? sd : 1.0;
        }
        return new Standardization(m, s);
    }

    /** The standardized predictors {@code (x_ij - m_j) / s_j} as a new column-major matrix. */
    public INDArray apply(INDArray x) {
        int n = (int) x.rows();
        int p = (int) x.columns();
        INDArray out = NativeArrays.matrix(n, p);
        DoublePointer src = NativeArrays.pointer(x);
        DoublePointer dst = NativeArrays.pointer(out);
        double[] col = new double[n];
        for (int j = 0; j < p; j++) {
            NativeArrays.getColumn(src, n, j, col);
            for (int i = 0; i < n; i++) {
                col[i] = (col[i] - means[j]) / scales[j];
            }
            NativeArrays.putColumn(dst, n, j, col);
        }
        return out;
    }

    /**
     * Coefficients on the original scale from standardized ones (same layout: intercept first
     * when {@code intercept}).
     */
    public double[] toOriginal(double[] standardized, boolean intercept) {
        double[] out = standardized.clone();
        int off = intercept ? 1 : 0;
        double shift = 0;
        for (int j = 0; j < scales.length; j++) {
            out[j + off] = standardized[j + off] / scales[j];
            shift += means[j] * out[j + off];
        }
        if (intercept) {
            out[0] = standardized[0] - shift;
        }
        return out;
    }
}
