package dev.argmax.core.objective;

import dev.argmax.core.data.InvalidDataException;

/**
 * The minimax concave penalty (MCP, Zhang 2010), as in skglm's {@code MCPenalty} and ncvreg, with
 * per-slope strength {@code l = lambda v_j}:
 *
 * <pre>
 *   P_j(b) = l |b| - b^2 / (2 gamma)     for |b| &lt;= gamma l
 *          = gamma l^2 / 2               for |b| &gt;  gamma l
 * </pre>
 *
 * Its derivative falls linearly from l at 0 to 0 at {@code gamma l}, so large coefficients are
 * not shrunk (unlike the lasso); {@code gamma -> infinity} gives the lasso. Non-convex: the
 * coordinate problem with curvature h is convex when {@code h > 1/gamma} (firm thresholding
 * {@code S(g, l) / (h - 1/gamma)} inside, {@code g / h} beyond); for smaller h the exact global
 * minimizer of the 1-D problem is used ({@link PiecewiseQuadraticPenalty}).
 */
public final class McpPenalty extends PiecewiseQuadraticPenalty {

    private final double gamma;

    /**
     * @param lambda overall strength, {@code >= 0}
     * @param gamma concavity, {@code > 1} (ncvreg's default is 3)
     * @param factors per-slope penalty factors, or null for all 1
     */
    public McpPenalty(double lambda, double gamma, double[] factors) {
        super(lambda, factors);
        if (!(gamma > 1) || Double.isInfinite(gamma)) {
            throw new InvalidDataException("MCP needs a finite gamma > 1, got " + gamma);
        }
        this.gamma = gamma;
    }

    public double gamma() {
        return gamma;
    }

    @Override
    protected Pieces pieces(double l) {
        return new Pieces(new double[] {0.0, gamma * l}, new double[] {0.0, 0.5 * gamma * l * l},
                new double[] {l, 0.0}, new double[] {-1.0 / gamma, 0.0});
    }

    @Override
    public McpPenalty withLambda(double lambda) {
        return new McpPenalty(lambda, gamma, factors());
    }

    @Override
    public String name() {
        return "MCP (lambda=" + lambda() + ", gamma=" + gamma + ")";
    }
}
