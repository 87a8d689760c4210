package dev.argmax.optim.cd;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import java.util.Arrays;

/**
 * The history of iterates for Anderson extrapolation (as skglm does for coordinate descent): the
 * affine combination of the last {@value #DEPTH} + 1 iterates that minimizes the norm of the
 * combined iterate-to-iterate differences. The caller keeps an extrapolated point only when it
 * lowers its objective.
 */
final class Anderson {
    static final int DEPTH = 5;
    private final double[][] iterates = new double[DEPTH + 1][];
    private int stored;

    /** Stores a copy of b; true when {@value #DEPTH} + 1 iterates are at hand. */
    boolean record(double[] b) {
        iterates[stored++] = b.clone();
        return stored == DEPTH + 1;
    }

    void reset() {
        stored = 0;
    }

    /**
     * The affine combination {@code sum c_i b_i} ({@code sum c_i = 1}) of the stored iterates
     * that minimizes the norm of the combined pass-to-pass differences, on the active
     * coordinates; null when that small system is singular.
     */
    double[] extrapolate(int[] active, int nActive) {
        double[][] u = new double[DEPTH][nActive];
        for (int k = 0; k < DEPTH; k++) {
            for (int idx = 0; idx < nActive; idx++) {
                int c = active[idx];
                u[k][idx] = iterates[k + 1][c] - iterates[k][c];
            }
        }
        double[] cm = new double[DEPTH * DEPTH];
        double trace = 0;
        for (int a = 0; a < DEPTH; a++) {
            for (int bb = 0; bb <= a; bb++) {
                double v = 0;
                for (int idx = 0; idx < nActive; idx++) {
                    v += u[a][idx] * u[bb][idx];
                }
                cm[a + bb * DEPTH] = v;
                cm[bb + a * DEPTH] = v;
            }
            trace += cm[a + a * DEPTH];
        }
        if (!(trace > 0)) {
            return null;
        }
        for (int a = 0; a < DEPTH; a++) {
            cm[a + a * DEPTH] += 1e-10 * trace;
        }
        double[] z;
        try {
            double[] ones = new double[DEPTH];
            Arrays.fill(ones, 1.0);
            z = Cholesky.factor(Matrix.fromColumnMajor(DEPTH, DEPTH, cm)).solve(ones);
        } catch (NotPositiveDefiniteException e) {
            return null;
        }
        double sum = 0;
        for (double v : z) {
            sum += v;
        }
        if (!(Math.abs(sum) > 0) || !Double.isFinite(sum)) {
            return null;
        }
        double[] out = new double[nActive];
        for (int k = 0; k < DEPTH; k++) {
            double w = z[k] / sum;
            for (int idx = 0; idx < nActive; idx++) {
                out[idx] += w * iterates[k + 1][active[idx]];
            }
        }
        return out;
    }
}
