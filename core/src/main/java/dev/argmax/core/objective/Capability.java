package dev.argmax.core.objective;

/**
 * What a piece of an objective offers, so that a solver can check, when a fit is set up, that
 * the datafit and penalty it is given have what it needs (skglm's approach), and fail with a
 * message naming the missing capability instead of computing a wrong answer.
 */
public enum Capability {
    /** Datafit: first derivative in the linear predictor. */
    GRADIENT("a gradient"),
    /** Datafit: second derivative in the linear predictor (Newton / IRLS weights). */
    HESSIAN("second derivatives"),
    /** Datafit: a global bound on the second derivative, hence a Lipschitz gradient and a fixed 1/L step. */
    LIPSCHITZ_GRADIENT("a globally Lipschitz gradient"),
    /** Penalty: differentiable everywhere (L2, or none). */
    SMOOTH_PENALTY("a smooth (differentiable) penalty"),
    /** Penalty: a sum over coordinates with a closed-form proximal operator per coordinate. */
    SEPARABLE_PROX("a separable penalty with a per-coordinate proximal operator"),
    /** Penalty: a sum over disjoint groups of slopes with a closed-form proximal operator per group (group lasso). */
    GROUP_PROX("a penalty separable over groups with a per-group proximal operator"),
    /** Datafit: squared error, so the fit is a (weighted) linear least-squares problem with a direct solution. */
    LEAST_SQUARES("a squared-error (least-squares) loss"),
    /**
     * Datafit: a scalar linear predictor (one column of eta). Scalar datafits offer it implicitly
     * ({@link Datafit#predictorColumns()} = 1); a solver that handles only that case lists it
     * among what it needs through {@code Solver.acceptsVectorPredictor()}.
     */
    SCALAR_PREDICTOR("a scalar linear predictor (one column of eta)"),
    /** Penalty: none at all (lambda = 0), so the fit is a maximum-likelihood estimate. */
    UNPENALIZED("no penalty (maximum likelihood)"),
    /**
     * Datafit: convex in the linear predictor (every canonical link; probit, cloglog, log-link
     * Gamma; not Gaussian-log or Gamma-identity), so a stationary point is the minimum.
     */
    CONVEX("a loss convex in the linear predictor"),
    /**
     * Datafit: finite for every linear predictor (no link whose inverse leaves the family's
     * domain, such as Gamma's inverse or Poisson's identity link, which need IRLS's step-halving).
     */
    OPEN_DOMAIN("a loss finite for every linear predictor (no domain to step back into)");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** Human-readable name used in error messages. */
    public String description() {
        return description;
    }
}
