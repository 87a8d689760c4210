package dev.argmax.optim;

/**
 * A solver was asked for a problem it cannot solve (e.g. plain gradient descent or IRLS for a
 * lasso, which has no gradient at zero). Thrown when the fit is set up, before any work, with a
 * message that names the missing capability and the solvers that would work.
 */
public class IncompatibleSolverException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public IncompatibleSolverException(String message) {
        super(message);
    }
}
