package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;

/**
 * The smoothly clipped absolute deviation penalty (SCAD, Fan and Li 2001), as in skglm's
 * {@code SCAD} and ncvreg, with per-slope strength {@code l = lambda v_j}:
 *
 * <pre>
 *   P_j(b) = l |b|                                          for |b| &lt;= l
 *          = (2 gamma l |b| - b^2 - l^2) / (2 (gamma - 1))   for l &lt; |b| &lt;= gamma l
 *          = l^2 (gamma + 1) / 2                            for |b| &gt;  gamma l
 * </pre>
 *
 * Lasso-like near 0, constant beyond {@code gamma l}. Non-convex: the coordinate problem with
 * curvature h is convex when {@code h > 1/(gamma - 1)}; for smaller h the exact global minimizer
 * of the 1-D problem is used ({@link PiecewiseQuadraticPenalty}).
 */
public final class ScadPenalty extends PiecewiseQuadraticPenalty {

    private final double gamma;

    /**
     * @param lambda overall strength, {@code >= 0}
     * @param gamma concavity, {@code > 2} (Fan and Li's choice is 3.7)
     * @param factors per-slope penalty factors, or null for all 1
     */
    public ScadPenalty(double lambda, double gamma, double[] factors) {
        super(lambda, factors);
        if (!(gamma > 2) || Double.isInfinite(gamma)) {
            throw new InvalidDataException("SCAD needs a finite gamma > 2, got " + gamma);
        }
        this.gamma = gamma;
    }

    public double gamma() {
        return gamma;
    }

    @Override
    protected Pieces pieces(double l) {
        double g1 = gamma - 1;
        return new Pieces(new double[] {0.0, l, gamma * l},
                new double[] {0.0, -l * l / (2 * g1), 0.5 * l * l * (gamma + 1)},
                new double[] {l, gamma * l / g1, 0.0},
                new double[] {0.0, -1.0 / g1, 0.0});
    }

    @Override
    public ScadPenalty withLambda(double lambda) {
        return new ScadPenalty(lambda, gamma, factors());
    }

    @Override
    public String name() {
        return "SCAD (lambda=" + lambda() + ", gamma=" + gamma + ")";
    }
}
