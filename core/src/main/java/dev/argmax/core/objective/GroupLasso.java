package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The group elastic net of glmnet's grouped multinomial family:
 *
 * <pre>
 *   P(b) = lambda sum_g [ (1 - alpha)/2 ||b_g||_2^2 + alpha ||b_g||_2 ]
 * </pre>
 *
 * over disjoint groups g (for the multinomial, the K coefficients of one predictor). The prox of
 * a group is block soft-thresholding followed by ridge shrinkage:
 * {@code prox_{tP_g}(z) = max(0, 1 - t lambda alpha / ||z||) z / (1 + t lambda (1 - alpha))}.
 */
public final class GroupLasso implements GroupSeparablePenalty {

    private final double lambda;
    private final double alpha;
    private final int[][] groups;
    private final int size;

    /**
     * @param lambda penalty weight, finite and {@code >= 0}
     * @param alpha lasso share in [0, 1]
     * @param groups disjoint groups of slope indices covering 0..size-1
     */
    public GroupLasso(double lambda, double alpha, int[][] groups) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidDataException("lambda must be finite and >= 0, got " + lambda);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidDataException("alpha must lie in [0, 1], got " + alpha);
        }
        int count = 0;
        for (int[] g : groups) {
            count += g.length;
        }
        boolean[] seen = new boolean[count];
        int[][] copy = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            copy[g] = groups[g].clone();
            for (int j : copy[g]) {
                if (j < 0 || j >= count || seen[j]) {
                    throw new InvalidDataException("groups must be disjoint and cover 0.." + (count - 1)
                            + "; index " + j + " in group " + g + " is not");
                }
                seen[j] = true;
            }
        }
        this.lambda = lambda;
        this.alpha = alpha;
        this.groups = copy;
        this.size = count;
    }

    /** Groups of the multinomial: for each of p predictors, its coefficients in m classes ({@code c p + j}). */
    public static int[][] byPredictor(int p, int m) {
        int[][] out = new int[p][m];
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < m; c++) {
                out[j][c] = c * p + j;
            }
        }
        return out;
    }

    public double lambda() {
        return lambda;
    }

    public double alpha() {
        return alpha;
    }

    /** Number of slopes covered. */
    public int size() {
        return size;
    }

    @Override
    public int[][] groups() {
        int[][] out = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            out[g] = groups[g].clone();
        }
        return out;
    }

    @Override
    public double value(double[] slopes) {
        if (slopes.length != size) {
            throw new IllegalArgumentException("penalty covers " + size + " slopes, got " + slopes.length);
        }
        double total = 0;
        for (int[] g : groups) {
            double sq = 0;
            for (int j : g) {
                sq += slopes[j] * slopes[j];
            }
            total += (1 - alpha) / 2 * sq + alpha * Math.sqrt(sq);
        }
        return lambda * total;
    }

    @Override
    public void prox(int group, double[] z, double step) {
        double sq = 0;
        for (double v : z) {
            sq += v * v;
        }
        double norm = Math.sqrt(sq);
        double threshold = step * lambda * alpha;
        double factor = norm <= threshold ? 0.0 : (1 - threshold / norm) / (1 + step * lambda * (1 - alpha));
        for (int i = 0; i < z.length; i++) {
            z[i] *= factor;
        }
    }

    @Override
    public double subdifferentialDistance(int group, double[] b, double[] gradient) {
        double bn = 0;
        for (double v : b) {
            bn += v * v;
        }
        bn = Math.sqrt(bn);
        double worst = 0;
        if (bn > 0) {
            double s = 0;
            for (int i = 0; i < b.length; i++) {
                double r = gradient[i] + lambda * (1 - alpha) * b[i] + lambda * alpha * b[i] / bn;
                s += r * r;
            }
            return Math.sqrt(s);
        }
        double gn = 0;
        for (double v : gradient) {
            gn += v * v;
        }
        return Math.max(worst, Math.sqrt(gn) - lambda * alpha);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GROUP_PROX);
    }

    @Override
    public String name() {
        return "group lasso (lambda=" + lambda + ", alpha=" + alpha + ", " + groups.length + " groups)";
    }
}
