package dev.argmax.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MCP and SCAD against their published formulas (Zhang 2010; Fan and Li 2001; skglm's
 * {@code MCPenalty} and {@code SCAD}), the coordinate minimizer against a brute-force 1-D
 * minimization (for curvatures on both sides of the convexity bound 1/gamma, resp. 1/(gamma - 1)),
 * and the minimizer's first-order condition through the Clarke subdifferential.
 */
class ConcavePenaltyTest {

    private static double mcp(double b, double l, double gamma) {
        double a = Math.abs(b);
        return a <= gamma * l ? l * a - a * a / (2 * gamma) : gamma * l * l / 2;
    }

    private static double scad(double b, double l, double gamma) {
        double a = Math.abs(b);
        if (a <= l) {
            return l * a;
        }
        if (a <= gamma * l) {
            return (2 * gamma * l * a - a * a - l * l) / (2 * (gamma - 1));
        }
        return l * l * (gamma + 1) / 2;
    }

    @Test
    void valuesFollowThePublishedFormulas() {
        McpPenalty m = new McpPenalty(0.7, 3.0, new double[] {1.0, 2.0});
        ScadPenalty s = new ScadPenalty(0.7, 3.7, new double[] {1.0, 2.0});
        for (double b = -6; b <= 6; b += 0.0625) {
            assertEquals(mcp(b, 0.7, 3.0), m.value(0, b), 1e-15);
            assertEquals(mcp(b, 1.4, 3.0), m.value(1, b), 1e-15);
            assertEquals(scad(b, 0.7, 3.7), s.value(0, b), 1e-14);
            assertEquals(scad(b, 1.4, 3.7), s.value(1, b), 1e-14);
        }
        assertEquals(0.7, m.zeroThreshold(0));
        assertEquals(1.4, s.zeroThreshold(1));
    }

    /** {@code min_b (h/2) b^2 - g b + P(b)} by a fine grid, refined by golden sections around the best cell. */
    private static double bruteForce(SeparablePenalty p, double g, double h) {
        double radius = 2 * Math.abs(g) / h + 10;
        int cells = 400_000;
        double step = 2 * radius / cells;
        double best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= cells; i++) {
            double b = -radius + i * step;
            double v = 0.5 * h * b * b - g * b + p.value(0, b);
            if (v < bestValue) {
                bestValue = v;
                best = b;
            }
        }
        double lo = best - step;
        double hi = best + step;
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 200; it++) {
            double x1 = hi - phi * (hi - lo);
            double x2 = lo + phi * (hi - lo);
            double f1 = 0.5 * h * x1 * x1 - g * x1 + p.value(0, x1);
            double f2 = 0.5 * h * x2 * x2 - g * x2 + p.value(0, x2);
            if (f1 <= f2) {
                hi = x2;
            } else {
                lo = x1;
            }
        }
        double x = 0.5 * (lo + hi);
        double fx = 0.5 * h * x * x - g * x + p.value(0, x);
        return Math.min(fx, bestValue);
    }

    @Test
    void coordinateMinimizerMatchesBruteForceOnBothSidesOfTheConvexityBound() {
        Random rnd = new Random(20261207L);
        SeparablePenalty[] penalties = {new McpPenalty(0.8, 3.0, null), new McpPenalty(0.8, 1.5, null),
                new ScadPenalty(0.8, 3.7, null), new ScadPenalty(0.8, 2.2, null)};
        for (SeparablePenalty p : penalties) {
            for (int t = 0; t < 60; t++) {
                double g = (rnd.nextDouble() * 2 - 1) * 6;
                // curvatures from 0.05 (far below the bounds 1/gamma, 1/(gamma - 1)) to 4
                double h = 0.05 * Math.pow(80, rnd.nextDouble());
                double b = p.coordinateMinimizer(0, g, h);
                double exact = 0.5 * h * b * b - g * b + p.value(0, b);
                double brute = bruteForce(p, g, h);
                // the candidate enumeration is exact: it is never above the brute force, which is
                // itself within rounding of the true minimum after the golden-section refinement
                assertTrue(exact <= brute + 1e-12 * (1 + Math.abs(brute)),
                        p.name() + " g=" + g + " h=" + h + ": " + exact + " > " + brute);
                assertEquals(brute, exact, 1e-9 * (1 + Math.abs(brute)), p.name() + " g=" + g + " h=" + h);
            }
        }
    }

    @Test
    void minimizerSatisfiesTheFirstOrderConditionWhereTheCoordinateProblemIsConvex() {
        Random rnd = new Random(7L);
        McpPenalty m = new McpPenalty(0.5, 3.0, null);
        ScadPenalty s = new ScadPenalty(0.5, 3.7, null);
        for (int t = 0; t < 200; t++) {
            double g = (rnd.nextDouble() * 2 - 1) * 4;
            double hm = 1.0 / 3.0 + 0.01 + rnd.nextDouble() * 2;
            double hs = 1.0 / 2.7 + 0.01 + rnd.nextDouble() * 2;
            double bm = m.coordinateMinimizer(0, g, hm);
            double bs = s.coordinateMinimizer(0, g, hs);
            // the smooth part's gradient in b is h b - g
            assertEquals(0.0, m.subdifferentialDistance(0, bm, hm * bm - g), 1e-12);
            assertEquals(0.0, s.subdifferentialDistance(0, bs, hs * bs - g), 1e-12);
        }
    }

    @Test
    void firmThresholdingInTheConvexCase() {
        McpPenalty m = new McpPenalty(1.0, 3.0, null);
        // h = 1: S(g, 1) / (1 - 1/3) inside gamma * lambda = 3, g itself beyond
        assertEquals(0.0, m.coordinateMinimizer(0, 0.9, 1.0));
        assertEquals(1.5, m.coordinateMinimizer(0, 2.0, 1.0), 1e-15);
        assertEquals(-1.5, m.coordinateMinimizer(0, -2.0, 1.0), 1e-15);
        assertEquals(5.0, m.coordinateMinimizer(0, 5.0, 1.0), 1e-15);
        ScadPenalty s = new ScadPenalty(1.0, 3.7, null);
        // h = 1: soft thresholding up to |g| <= 2 lambda, ((gamma - 1) g - gamma lambda) / (gamma - 2) up to gamma lambda
        assertEquals(0.5, s.coordinateMinimizer(0, 1.5, 1.0), 1e-15);
        assertEquals((2.7 * 3.0 - 3.7) / 1.7, s.coordinateMinimizer(0, 3.0, 1.0), 1e-14);
        assertEquals(5.0, s.coordinateMinimizer(0, 5.0, 1.0), 1e-15);
    }

    @Test
    void pathHelpersAndValidation() {
        McpPenalty m = new McpPenalty(0.3, 3.0, new double[] {0.0, 2.0});
        assertEquals(0.9, m.withLambda(0.9).lambda());
        assertEquals(3.0, m.withLambda(0.9).gamma());
        assertTrue(!m.penalizes(0) && m.penalizes(1));
        // lambda_max: |g_j| / v_j over the penalized slopes
        assertEquals(2.5, m.lambdaMax(new double[] {100.0, -5.0}), 1e-15);
        assertThrows(InvalidDataException.class, () -> m.requireSize(3));
        assertThrows(InvalidDataException.class, () -> new McpPenalty(0.1, 1.0, null));
        assertThrows(InvalidDataException.class, () -> new ScadPenalty(0.1, 2.0, null));
        assertThrows(InvalidDataException.class, () -> new ScadPenalty(-1, 3.7, null));
        assertThrows(InvalidDataException.class, () -> new ScadPenalty(0.1, 3.7, new double[] {-1}));
    }
}
