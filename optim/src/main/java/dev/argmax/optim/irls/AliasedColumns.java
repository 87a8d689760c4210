package dev.argmax.optim.irls;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import java.util.Arrays;

/**
 * Finds the aliased columns of a design from its weighted Gram matrix {@code G = A' W A}, so
 * that IRLS detects rank deficiency on the Gram it computes anyway, without another pass over
 * the data.
 *
 * <p>Column j is aliased (R's {@code NA}) when the part of {@code sqrt(W) a_j} orthogonal to the
 * non-aliased columns before it has squared norm at most {@code tau * ||sqrt(W) a_j||^2}. That
 * squared norm is the Schur complement {@code s_j = G_jj - g_j' G_SS^-1 g_j}, which an
 * up-looking Cholesky factorization that skips aliased columns produces as its pivot: this is
 * the Gram form of R's QR test (a column is dropped when its residual is small against its own
 * norm), applied in column order so that, as in R, the later of two collinear columns is the
 * one reported.
 *
 * <p>Tolerance: the Gram holds squares, so its Schur complements carry a rounding error of about
 * {@code k * eps * G_jj}; residual ratios below {@code sqrt(k eps)} cannot be resolved from it.
 * The test uses {@code tau = max(tolerance^2, 16 k eps)} with {@code tolerance} = 1e-7 (R's
 * {@code lm}) by default; a column that close to the span of the others could not be estimated
 * to any useful accuracy from the normal equations anyway.
 */
public final class AliasedColumns {

    private AliasedColumns() {
    }

    /**
     * @param gram symmetric positive semi-definite {@code k x k} Gram
     * @param tolerance relative residual below which a column counts as aliased
     * @return indices (ascending) of the aliased columns
     */
    public static int[] find(Matrix gram, double tolerance) {
        int k = gram.rows();
        double tau = Math.max(tolerance * tolerance, 16.0 * k * Math.ulp(1.0));
        double[] g = gram.toColumnMajor();
        double[] d = new double[k];
        for (int j = 0; j < k; j++) {
            d[j] = g[j + j * k] > 0 ? Math.sqrt(g[j + j * k]) : 0.0;
        }
        // r[i][j] (i kept, j > i): upper Cholesky factor of the correlation-scaled Gram on kept columns
        double[][] r = new double[k][];
        int[] kept = new int[k];
        int nKept = 0;
        int[] aliased = new int[k];
        int nAliased = 0;
        for (int j = 0; j < k; j++) {
            if (d[j] == 0) {
                aliased[nAliased++] = j;
                continue;
            }
            double[] col = new double[nKept];
            double s = 1.0;
            for (int a = 0; a < nKept; a++) {
                int i = kept[a];
                double v = g[i + j * k] / (d[i] * d[j]);
                for (int b = 0; b < a; b++) {
                    v -= r[b][a] * col[b];
                }
                v /= r[a][a];
                col[a] = v;
                s -= v * v;
            }
            if (s <= tau) {
                aliased[nAliased++] = j;
                continue;
            }
            // append column j as kept: its entries in the factor are col[0..nKept-1] and sqrt(s)
            for (int a = 0; a < nKept; a++) {
                r[a] = Arrays.copyOf(r[a], nKept + 1);
                r[a][nKept] = col[a];
            }
            r[nKept] = new double[nKept + 1];
            r[nKept][nKept] = Math.sqrt(s);
            kept[nKept++] = j;
        }
        return Arrays.copyOf(aliased, nAliased);
    }

    /**
     * The unscaled covariance {@code (W * information)^-1} over the non-aliased coefficients, with
     * NaN rows and columns for the aliased ones (R's {@code vcov} with NA), from an information
     * matrix in glmnet's scaling ({@code A' W A / W}, plus the penalty's curvature for a MAP fit);
     * all NaN when it is singular on the kept columns. Null when the information is null.
     *
     * @param information k x k, or null
     * @param aliased ascending indices of the aliased coefficients
     * @param weightSum the weight sum W
     */
    public static Matrix inverseInformation(Matrix information, int[] aliased, double weightSum) {
        if (information == null) {
            return null;
        }
        int k = information.rows();
        boolean[] drop = new boolean[k];
        for (int a : aliased) {
            drop[a] = true;
        }
        int[] kept = java.util.stream.IntStream.range(0, k).filter(j -> !drop[j]).toArray();
        double[][] sub = new double[kept.length][kept.length];
        for (int a = 0; a < kept.length; a++) {
            for (int b = 0; b < kept.length; b++) {
                sub[a][b] = information.get(kept[a], kept[b]) * weightSum;
            }
        }
        double[] full = new double[k * k];
        Arrays.fill(full, Double.NaN);
        try {
            Matrix inv = Cholesky.factor(Matrix.of(sub)).inverse();
            for (int a = 0; a < kept.length; a++) {
                for (int b = 0; b < kept.length; b++) {
                    full[kept[a] + kept[b] * k] = inv.get(a, b);
                }
            }
        } catch (NotPositiveDefiniteException e) {
            // left NaN: the information matrix is singular at the estimate
        }
        return Matrix.fromColumnMajor(k, k, full);
    }
}
