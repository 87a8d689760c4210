package dev.argmax.optim;

/** Why a solver stopped. Only the {@code CONVERGED_*} reasons mean a solution was reached. */
public enum StopReason {
    /** The optimality measure (largest KKT violation) fell below its tolerance. */
    CONVERGED_OPTIMALITY(true),
    /** The relative change of the objective (or R's relative deviance change) fell below its tolerance. */
    CONVERGED_OBJECTIVE_CHANGE(true),
    /** The relative change of the coefficients fell below its tolerance. */
    CONVERGED_COEFFICIENT_CHANGE(true),
    /** A direct (non-iterative) method finished: the solution is exact up to rounding. */
    CONVERGED_DIRECT(true),
    /** The cap on iterations (or passes) was reached first. */
    MAX_ITERATIONS(false),
    /** The line search could not find a step that decreases the objective. */
    LINE_SEARCH_FAILED(false),
    /** The objective or coefficients became NaN or infinite and step-halving could not recover. */
    NON_FINITE(false),
    /** The objective kept increasing. */
    DIVERGED(false),
    /** The Hessian / information matrix was numerically singular. */
    SINGULAR_HESSIAN(false),
    /**
     * A KKT target was asked for, and the solver's answer is as accurate as double precision makes
     * it on this problem (a direct solution refined to the rounding level, or iterations that no
     * longer change the objective or the violation) with a violation still above the target: the
     * target is below this problem's rounding floor.
     */
    ROUNDING_FLOOR(false);

    private final boolean converged;

    StopReason(boolean converged) {
        this.converged = converged;
    }

    /** Whether this reason means the solver converged. */
    public boolean converged() {
        return converged;
    }
}
