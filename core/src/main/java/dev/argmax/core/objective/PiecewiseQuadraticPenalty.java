package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A separable penalty whose coordinate terms are even and piecewise quadratic in {@code |b|}:
 * on region r, {@code [k_r, k_{r+1})} of {@code |b|} ({@code k_0 = 0}, the last region unbounded),
 * {@code P_j(b) = c0_r + c1_r |b| + (c2_r / 2) b^2}, continuous, with a possibly negative
 * curvature {@code c2_r} (a concave penalty such as MCP or SCAD). A subclass gives the regions of
 * each slope ({@link #pieces}); everything else follows from them:
 *
 * <ul>
 *   <li><b>Coordinate minimizer</b> {@code argmin_b (h/2) b^2 - g b + P_j(b)}, exact for every
 *       {@code h > 0}: the minimizer has the sign of g, and on each region the objective in
 *       {@code |b|} is a quadratic, whose minimum over the region is its stationary point
 *       {@code (|g| - c1_r) / (h + c2_r)} when that lies inside and {@code h + c2_r > 0}, else an end
 *       of the region. The candidates (every knot and every interior stationary point) are
 *       compared by value (ties go to the smaller |b|). When {@code h} exceeds every
 *       {@code -c2_r} (for MCP {@code h > 1/gamma}, for SCAD {@code h > 1/(gamma - 1)}) the 1-D
 *       problem is convex and this is the usual closed form; below that it is still the exact
 *       global minimizer of the non-convex 1-D problem, where a closed-form "firm thresholding"
 *       formula would be wrong.</li>
 *   <li><b>Subdifferential</b> (Clarke's, the KKT measure of a non-convex penalty): at
 *       {@code b = 0} the interval {@code [-c1_0, c1_0]}; elsewhere the derivative
 *       {@code sign(b) (c1_r + c2_r |b|)}.</li>
 *   <li><b>Zero threshold</b> {@code c1_0}, the slope at 0.</li>
 * </ul>
 */
public abstract class PiecewiseQuadraticPenalty implements SeparablePenalty {

    /**
     * The regions of slope j's term, in increasing order of their start: {@code knots[r]} (the
     * first 0) and the coefficients {@code c0[r], c1[r], c2[r]}.
     */
    protected record Pieces(double[] knots, double[] c0, double[] c1, double[] c2) {
    }

    private final double lambda;
    private final double[] factors;

    /**
     * @param lambda overall strength, {@code >= 0}
     * @param factors per-slope penalty factors {@code v_j >= 0} (the slope's lambda is
     *     {@code lambda v_j}), or null for all 1
     */
    protected PiecewiseQuadraticPenalty(double lambda, double[] factors) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidDataException("lambda must be finite and >= 0, got " + lambda);
        }
        if (factors != null) {
            for (int j = 0; j < factors.length; j++) {
                if (!(factors[j] >= 0) || Double.isInfinite(factors[j])) {
                    throw new InvalidDataException("penalty factor " + (j + 1) + " must be finite and >= 0, got "
                            + factors[j]);
                }
            }
        }
        this.lambda = lambda;
        this.factors = factors == null ? null : factors.clone();
    }

    /** The regions of slope j, for its own strength {@code lambdaJ = lambda v_j > 0}. */
    protected abstract Pieces pieces(double lambdaJ);

    @Override
    public double lambda() {
        return lambda;
    }

    /** Penalty factor v_j. */
    public double factor(int j) {
        return factors == null ? 1.0 : factors[j];
    }

    /** The factors (a copy), or null when all are 1. */
    protected double[] factors() {
        return factors == null ? null : factors.clone();
    }

    @Override
    public boolean penalizes(int j) {
        return factor(j) > 0;
    }

    @Override
    public void requireSize(int p) {
        if (factors != null && factors.length != p) {
            throw new InvalidDataException(factors.length + " penalty factors given for " + p + " predictors");
        }
    }

    private Pieces piecesOf(int j) {
        double lj = lambda * factor(j);
        return lj > 0 ? pieces(lj) : null;
    }

    private static int region(Pieces pc, double a) {
        int r = 0;
        while (r + 1 < pc.knots().length && a >= pc.knots()[r + 1]) {
            r++;
        }
        return r;
    }

    @Override
    public double value(double[] slopes) {
        double s = 0;
        for (int j = 0; j < slopes.length; j++) {
            s += value(j, slopes[j]);
        }
        return s;
    }

    @Override
    public double value(int j, double b) {
        Pieces pc = piecesOf(j);
        if (pc == null) {
            return 0.0;
        }
        double a = Math.abs(b);
        int r = region(pc, a);
        return pc.c0()[r] + pc.c1()[r] * a + 0.5 * pc.c2()[r] * a * a;
    }

    @Override
    public double coordinateMinimizer(int j, double g, double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("the coordinate curvature must be > 0, got " + h);
        }
        Pieces pc = piecesOf(j);
        if (pc == null) {
            return g / h;
        }
        double a = Math.abs(g);
        double best = 0.0;
        double bestValue = 0.0;
        double[] k = pc.knots();
        for (int r = 0; r < k.length; r++) {
            double lo = k[r];
            double hi = r + 1 < k.length ? k[r + 1] : Double.POSITIVE_INFINITY;
            double curvature = h + pc.c2()[r];
            if (lo > 0) {
                double v = objective(pc, r, lo, a, h);
                if (v < bestValue) {
                    best = lo;
                    bestValue = v;
                }
            }
            if (curvature > 0) {
                double x = (a - pc.c1()[r]) / curvature;
                if (x > lo && x < hi) {
                    double v = objective(pc, r, x, a, h);
                    if (v < bestValue) {
                        best = x;
                        bestValue = v;
                    }
                }
            }
        }
        return g >= 0 ? best : -best;
    }

    /** {@code (h/2) x^2 - a x + P(x)} for {@code x >= 0} in region r. */
    private static double objective(Pieces pc, int r, double x, double a, double h) {
        return 0.5 * h * x * x - a * x + pc.c0()[r] + pc.c1()[r] * x + 0.5 * pc.c2()[r] * x * x;
    }

    @Override
    public double prox(int j, double z, double step) {
        return coordinateMinimizer(j, z / step, 1.0 / step);
    }

    @Override
    public double subdifferentialDistance(int j, double b, double gradient) {
        Pieces pc = piecesOf(j);
        double target = -gradient;
        if (pc == null) {
            return Math.abs(target);
        }
        if (b == 0) {
            double t = pc.c1()[0];
            return Math.max(0.0, Math.abs(target) - t);
        }
        double a = Math.abs(b);
        int r = region(pc, a);
        double d = Math.signum(b) * (pc.c1()[r] + pc.c2()[r] * a);
        return Math.abs(target - d);
    }

    @Override
    public double zeroThreshold(int j) {
        Pieces pc = piecesOf(j);
        return pc == null ? 0.0 : pc.c1()[0];
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SEPARABLE_PROX);
    }

    @Override
    public String toString() {
        return name();
    }
}
