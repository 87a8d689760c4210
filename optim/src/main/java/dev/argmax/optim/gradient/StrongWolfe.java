package dev.argmax.optim.gradient;

import java.util.OptionalDouble;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization,
 * 2nd ed., Algorithms 3.5 and 3.6): find {@code a > 0} with
 *
 * <pre>
 *   phi(a) <= phi(0) + c1 a phi'(0) + slack        (sufficient decrease)
 *   |phi'(a)| <= c2 |phi'(0)|                      (curvature)
 * </pre>
 *
 * by expanding the step until the minimum is bracketed, then zooming in with safeguarded
 * quadratic interpolation (bisection when a value is not finite, e.g. {@code exp} overflow: such
 * a point is never accepted). The slack {@code 1e-13 (1 + |phi(0)|)} keeps the search working near
 * the optimum, where differences of phi drown in rounding but phi' is still accurate (the idea of
 * Hager and Zhang's approximate Wolfe conditions).
 */
final class StrongWolfe {

    /** A function of the step along a fixed direction, with its derivative. */
    interface LineFunction {
        double value(double a);

        double derivative(double a);
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 40;

    private StrongWolfe() {
    }

    /** An acceptable step, or empty when none was found within the evaluation budget. */
    static OptionalDouble search(LineFunction phi, double phi0, double dphi0, double initial) {
        double slack = 1e-13 * (1 + Math.abs(phi0));
        double aPrev = 0;
        double phiPrev = phi0;
        double dphiPrev = dphi0;
        double a = initial;
        for (int i = 0; i < MAX_EVALUATIONS; i++) {
            double phiA = phi.value(a);
            if (!Double.isFinite(phiA) || phiA > phi0 + C1 * a * dphi0 + slack || (i > 0 && phiA >= phiPrev + slack)) {
                return zoom(phi, phi0, dphi0, slack, aPrev, phiPrev, dphiPrev, a, phiA, MAX_EVALUATIONS - i);
            }
            double dphiA = phi.derivative(a);
            if (Math.abs(dphiA) <= -C2 * dphi0) {
                return OptionalDouble.of(a);
            }
            if (dphiA >= 0) {
                return zoom(phi, phi0, dphi0, slack, a, phiA, dphiA, aPrev, phiPrev, MAX_EVALUATIONS - i);
            }
            aPrev = a;
            phiPrev = phiA;
            dphiPrev = dphiA;
            a *= 2;
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble zoom(LineFunction phi, double phi0, double dphi0, double slack, double lo,
                                       double phiLo, double dphiLo, double hi, double phiHi, int budget) {
        for (int i = 0; i < budget; i++) {
            double width = hi - lo;
            double a;
            double curvature = phiHi - phiLo - dphiLo * width;
            if (Double.isFinite(phiHi) && curvature > 0) {
                a = lo - dphiLo * width * width / (2 * curvature);
            } else {
                a = lo + width / 2;
            }
            double left = Math.min(lo, hi);
            double right = Math.max(lo, hi);
            double margin = 0.1 * (right - left);
            if (!(a >= left + margin && a <= right - margin)) {
                a = (lo + hi) / 2;
            }
            if (right - left <= 1e-16 * right) {
                return OptionalDouble.empty();
            }
            double phiA = phi.value(a);
            if (!Double.isFinite(phiA) || phiA > phi0 + C1 * a * dphi0 + slack || phiA >= phiLo + slack) {
                hi = a;
                phiHi = phiA;
            } else {
                double dphiA = phi.derivative(a);
                if (Math.abs(dphiA) <= -C2 * dphi0) {
                    return OptionalDouble.of(a);
                }
                if (dphiA * (hi - lo) >= 0) {
                    hi = lo;
                    phiHi = phiLo;
                }
                lo = a;
                phiLo = phiA;
                dphiLo = dphiA;
            }
        }
        return OptionalDouble.empty();
    }
}
