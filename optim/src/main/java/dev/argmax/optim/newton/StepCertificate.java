package dev.argmax.optim.newton;

import java.util.OptionalDouble;

/**
 * When the Hessian formed at the start of a Newton step may stand for the Hessian at its end.
 *
 * <p>Let the loss be {@code sum_i w_i l_i(eta_i)} with {@code |d/deta log l''_i| <= L}
 * ({@link NewtonSource#curvatureLogLipschitz}) and let a full Newton step
 * {@code delta = -H^-1 g} (H the exact Hessian {@code A' diag(w l'') A} at the start, plus a
 * constant, e.g. a ridge) move no linear predictor by more than {@code m}. Every row's curvature
 * then changes by at most a factor {@code e^r}, {@code r = L m}, all along the step, so the
 * Hessian anywhere on it lies between {@code e^-r H} and {@code e^r H}. Two consequences:
 * <ul>
 *   <li>the score at the end is {@code (Hbar - H) delta} (Hbar the mean Hessian along the step),
 *       so the next Newton step is at most {@code e^(r/2) (e^r - 1)}, about r, times this one in
 *       the information norm: the end point is the minimizer to that relative accuracy;</li>
 *   <li>standard errors from H (square roots of the diagonal of {@code H^-1}) are within a
 *       relative {@code e^(r/2) - 1} of those from the Hessian at the end.</li>
 * </ul>
 * A step is certified at a level {@code r_max} when {@code r <= r_max}: {@link #ROUNDING_LEVEL}
 * (the default: the next step and the standard errors' change are at the rounding level of the
 * sums) or {@link #STANDARD_ERROR_LEVEL} (what a large fit, where one more Gram costs as much as
 * several L-BFGS iterations, settles for: the next step below a billionth of this one, which is
 * then already tiny, and standard errors within 5e-10 relative, twenty times inside the 1e-8 to
 * which the reference fits check them).
 */
public final class StepCertificate {

    /** Certification at the rounding level: {@code r <= 1e-13}. */
    public static final double ROUNDING_LEVEL = 1e-13;
    /** Certification for standard errors within 5e-10 relative: {@code r <= 1e-9}. */
    public static final double STANDARD_ERROR_LEVEL = 1e-9;

    private StepCertificate() {
    }

    /**
     * Whether a full Newton step on the exact Hessian that moved no linear predictor by more than
     * {@code maxEtaChange} is certified at {@code level}; false when the bound L is unknown or the
     * change is NaN.
     */
    public static boolean certifies(OptionalDouble logLipschitz, double maxEtaChange, double level) {
        return logLipschitz.isPresent() && logLipschitz.getAsDouble() * maxEtaChange <= level;
    }

    /** The level, checked: in {@code (0, 1e-6]}. */
    public static double checkLevel(double level) {
        if (!(level > 0 && level <= 1e-6)) {
            throw new IllegalArgumentException("a certification level must lie in (0, 1e-6], got " + level);
        }
        return level;
    }
}
