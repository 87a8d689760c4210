package dev.argmax.core.linalg;

/**
 * The reparametrization {@code x = T z} between the coefficients x of the original terms and
 * the coefficients z of the centered, scaled design {@code A'' = A T} that {@link LeastSquares}
 * factors: {@code x_c = z_c / scale_c} for the slopes and, when centered,
 * {@code x_0 = z_0 / scale_0 - sum_c mean_c x_c} for the intercept (term 0). Column c of A'' is
 * {@code sqrt(w) (a_c - mean_c) / scale_c}; the intercept's column is {@code sqrt(w) / scale_0}.
 *
 * @param mean the centering of each kept term (0 for the intercept and when not centered)
 * @param scale the scaling of each kept term
 * @param centered whether term 0 is the intercept and the others are centered
 */
record Transform(double[] mean, double[] scale, boolean centered) {

    /** {@code x = T z}. */
    double[] toOriginal(double[] z) {
        double[] x = new double[z.length];
        double shift = 0;
        for (int c = 0; c < z.length; c++) {
            x[c] = z[c] / scale[c];
            if (c > 0) {
                shift += mean[c] * x[c];
            }
        }
        if (centered) {
            x[0] -= shift;
        }
        return x;
    }

    /**
     * {@code |T| (e, ..., e)}: a bound on each {@code |x_c|} error when every z error is at most e.
     */
    double[] absoluteBound(double e) {
        double[] out = new double[scale.length];
        double shift = 0;
        for (int c = 0; c < scale.length; c++) {
            out[c] = e / scale[c];
            if (c > 0) {
                shift += Math.abs(mean[c]) * out[c];
            }
        }
        if (centered) {
            out[0] += shift;
        }
        return out;
    }

    /** {@code T' g}. */
    double[] transposeT(double[] g) {
        double[] out = new double[g.length];
        for (int c = 0; c < g.length; c++) {
            out[c] = g[c] / scale[c];
            if (centered && c > 0) {
                out[c] -= mean[c] / scale[c] * g[0];
            }
        }
        return out;
    }

    /**
     * For a centered fit, {@code (1/W + |m'| |G| |m'|) / (1/W + m' G m')} with
     * {@code m'_c = mean_c / scale_c} over the slopes and G the inverse Gram of A'': how many
     * times larger the terms of the intercept variance are than their sum (1 = no cancellation).
     */
    double interceptCancellation(Matrix g, double sumOfWeights) {
        if (!centered) {
            return 1;
        }
        double signed = 1 / sumOfWeights;
        double absolute = 1 / sumOfWeights;
        for (int a = 1; a < scale.length; a++) {
            for (int b = 1; b < scale.length; b++) {
                double t = mean[a] / scale[a] * g.get(a, b) * mean[b] / scale[b];
                signed += t;
                absolute += Math.abs(t);
            }
        }
        return absolute / signed;
    }

    /**
     * {@code T G T'} for the inverse Gram G of A''. When centered, the intercept column of A'' is
     * orthogonal to the centered columns, so G is block diagonal with
     * {@code G_00 = scale_0^2 / sum w}; setting those entries exactly (instead of the rounding
     * noise a factorization leaves there) keeps the intercept variance {@code 1/W + m' G m} free
     * of cancellation.
     */
    Matrix covariance(Matrix g, double sumOfWeights) {
        int kk = scale.length;
        if (centered) {
            double[][] exact = g.toArray();
            exact[0][0] = scale[0] * scale[0] / sumOfWeights;
            for (int c = 1; c < kk; c++) {
                exact[0][c] = 0;
                exact[c][0] = 0;
            }
            g = Matrix.of(exact);
        }
        double[][] t = new double[kk][kk];
        for (int c = 0; c < kk; c++) {
            t[c][c] = 1 / scale[c];
            if (centered && c > 0) {
                t[0][c] = -mean[c] / scale[c];
            }
        }
        Matrix tm = Matrix.of(t);
        return tm.times(g).times(tm.transpose());
    }
}
