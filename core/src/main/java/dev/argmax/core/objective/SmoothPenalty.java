package dev.argmax.core.objective;

/** A twice-differentiable penalty, for gradient methods and Newton / IRLS. */
public interface SmoothPenalty extends Penalty {

    /** {@code out_j = dP/db_j}. */
    void gradient(double[] slopes, double[] out);

    /**
     * {@code d2P/db_j^2} (the penalties here are separable, so the Hessian is diagonal; for
     * a ridge penalty it is the constant {@code lambda (1 - alpha) v_j}).
     */
    double hessianDiagonal(int j, double b);
}
