package dev.argmax.optim.newton;

import dev.argmax.core.objective.Datafit;

/**
 * The intercept-only model {@code eta = o + b0} fitted by Newton's method on the scalar b0, in
 * O(n) per iteration with no pass over X: the step is {@code -sum_i l'_i / sum_i c_i}, with
 * {@code c_i} the observed curvature {@link Datafit#observedHessianDiagonal} when its sum is
 * positive (Newton's method proper, quadratic convergence for any link) and the expected one
 * otherwise, halved until the datafit does not increase beyond its rounding
 * ({@code 1e-15 |F|}). It stops at the rounding level: once a step no longer decreases F or
 * moves b0 by at most {@code 1e-15 max(1, |b0|)}.
 */
public final class InterceptOnlyNewton {

    private static final int MAX_ITERATIONS = 200;
    private static final int MAX_HALVINGS = 60;

    private InterceptOnlyNewton() {
    }

    /**
     * @param datafit the loss over the n rows
     * @param offset {@code o}, length n
     * @param start the first b0 (its {@code o + b0} must be in the datafit's domain)
     * @param eta receives {@code o + b0} at the returned b0
     * @return b0
     */
    public static double fit(Datafit datafit, double[] offset, double start, double[] eta) {
        int n = offset.length;
        double[] g = new double[n];
        double[] h = new double[n];
        double[] observed = new double[n];
        double[] trial = new double[n];
        double b0 = start;
        for (int i = 0; i < n; i++) {
            eta[i] = offset[i] + b0;
        }
        double value = datafit.value(eta);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            datafit.derivatives(eta, g, h);
            datafit.observedHessianDiagonal(eta, observed);
            double gs = 0;
            double hs = 0;
            double os = 0;
            for (int i = 0; i < n; i++) {
                gs += g[i];
                hs += h[i];
                os += observed[i];
            }
            double curvature = os > 0 ? os : hs;
            if (!(curvature > 0)) {
                break;
            }
            double step = -gs / curvature;
            double limit = value + 1e-15 * Math.abs(value);
            double t = 1;
            double next = Double.NaN;
            for (int half = 0; half < MAX_HALVINGS; half++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = offset[i] + b0 + t * step;
                }
                next = datafit.value(trial);
                if (next <= limit) {
                    break;
                }
                t *= 0.5;
            }
            if (!(next <= limit)) {
                break;
            }
            b0 += t * step;
            boolean decreased = next < value;
            value = next;
            System.arraycopy(trial, 0, eta, 0, n);
            // Newton converges quadratically: stop at rounding level, or once a step no longer decreases F
            if (!decreased || Math.abs(t * step) <= 1e-15 * Math.max(1, Math.abs(b0))) {
                break;
            }
        }
        return b0;
    }
}
