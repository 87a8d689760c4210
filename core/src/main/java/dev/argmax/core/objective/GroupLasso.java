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

    @Override
    public double lambda() {
        return lambda;
    }

    @Override
    public GroupLasso withLambda(double newLambda) {
        return new GroupLasso(newLambda, alpha, groups);
    }

    /** {@code lambda * alpha}, the same for every group. */
    @Override
    public double zeroThreshold(int group) {
        return lambda * alpha;
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

    /**
     * {@inheritDoc}
     *
     * <p>With {@code a = lambda alpha} and {@code c = lambda (1 - alpha)}: u = 0 when
     * {@code ||r|| <= a}; otherwise u solves {@code (H + (c + a/s) I) u = r} with {@code s = ||u|| > 0}.
     * In the eigenbasis {@code H = Q diag(d) Q'}, {@code rho = Q'r}, that is
     * {@code u = Q diag(s / ((d_i + c) s + a)) rho} with s the root of the secular equation
     * {@code sum_i rho_i^2 / ((d_i + c) s + a)^2 = 1}, whose left side decreases in s from
     * {@code ||r||^2 / a^2 > 1}; it is found by safeguarded Newton steps on
     * {@code psi(s) = F(s)^(-1/2) - 1} (exact in one step for a multiple of the identity) inside
     * the bracket {@code [(||r|| - a)/max(d + c), (||r|| - a)/min(d + c)]}, to rounding.
     */
    @Override
    public void blockMinimizer(int group, double[] hessian, double[] r, double[] out) {
        int s = r.length;
        if (hessian.length != s * s || out.length != s) {
            throw new IllegalArgumentException("block of size " + s + " needs a " + s + " x " + s
                    + " Hessian and an output of length " + s);
        }
        double a = lambda * alpha;
        double c = lambda * (1 - alpha);
        double rn = 0;
        for (double v : r) {
            rn += v * v;
        }
        rn = Math.sqrt(rn);
        if (rn <= a) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        double[][] h = new double[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                h[i][j] = 0.5 * (hessian[i * s + j] + hessian[j * s + i]);
            }
        }
        org.apache.commons.math3.linear.EigenDecomposition eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(h, false));
        double[] d = eig.getRealEigenvalues();
        double[][] q = eig.getV().getData();
        double[] beta = new double[s];
        double[] rho = new double[s];
        double bMax = 0;
        double bMin = Double.POSITIVE_INFINITY;
        double flat = 0;
        for (int i = 0; i < s; i++) {
            beta[i] = Math.max(d[i], 0.0) + c;
            double v = 0;
            for (int k = 0; k < s; k++) {
                v += q[k][i] * r[k];
            }
            rho[i] = v;
            bMax = Math.max(bMax, beta[i]);
            if (beta[i] > 0) {
                bMin = Math.min(bMin, beta[i]);
            } else {
                flat += v * v;
            }
        }
        if (!(bMax > 0) || flat >= a * a) {
            throw new IllegalArgumentException("the block subproblem of group " + group + " is unbounded below: "
                    + "the model has no curvature along a direction in which its gradient exceeds the penalty");
        }
        double lo = (rn - a) / bMax;
        double hi = Double.isFinite(bMin) && flat == 0 ? (rn - a) / bMin : Math.max(lo, 1.0);
        while (psi(hi, beta, rho, a)[0] < 0) {
            lo = hi;
            hi *= 2;
        }
        double root = lo;
        for (int it = 0; it < 200; it++) {
            double[] f = psi(root, beta, rho, a);
            if (f[0] == 0) {
                break;
            }
            if (f[0] < 0) {
                lo = root;
            } else {
                hi = root;
            }
            double next = f[1] > 0 ? root - f[0] / f[1] : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (next == root || hi - lo <= 2 * Math.ulp(hi)) {
                root = next;
                break;
            }
            root = next;
        }
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < s; i++) {
            double coef = rho[i] * root / (beta[i] * root + a);
            for (int k = 0; k < s; k++) {
                out[k] += q[k][i] * coef;
            }
        }
    }

    /** {@code psi(s) = F(s)^(-1/2) - 1} and its derivative, {@code F(s) = sum rho_i^2 / (beta_i s + a)^2}. */
    private static double[] psi(double s, double[] beta, double[] rho, double a) {
        double f = 0;
        double df = 0;
        for (int i = 0; i < beta.length; i++) {
            double den = beta[i] * s + a;
            double t = rho[i] * rho[i] / (den * den);
            f += t;
            df -= 2 * t * beta[i] / den;
        }
        double inv = 1 / Math.sqrt(f);
        return new double[] {inv - 1, -0.5 * inv * df / f};
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
