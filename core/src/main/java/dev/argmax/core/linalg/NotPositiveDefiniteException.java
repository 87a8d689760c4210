package dev.argmax.core.linalg;

/**
 * A symmetric matrix that had to be positive definite (an information matrix, a penalized
 * Hessian) is not: its Cholesky factorization broke down at the leading minor of order
 * {@link #minor()}. In a regression this means the design is rank deficient or so
 * ill-conditioned that the information matrix is numerically singular.
 */
public class NotPositiveDefiniteException extends ArithmeticException {

    private static final long serialVersionUID = 1L;
    private final int minor;

    public NotPositiveDefiniteException(int minor, int order) {
        super("matrix of order " + order + " is not positive definite: the leading minor of order " + minor
                + " is not positive (singular or numerically singular information matrix)");
        this.minor = minor;
    }

    /** The 1-based order of the first leading minor that is not positive. */
    public int minor() {
        return minor;
    }
}
