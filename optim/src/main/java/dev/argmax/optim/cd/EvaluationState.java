package dev.argmax.optim.cd;

/**
 * The data-side evaluation of coordinate descent at one iterate: linear predictor, the datafit's
 * first and second derivatives per observation, the exact gradient {@code A' g}, the objective,
 * the KKT violation over the eligible slopes and (Gaussian lasso) the duality gap. Mutable, owned
 * by one solve.
 */
final class EvaluationState {
    final double[] eta;
    final double[] g;
    final double[] h;
    final double[] grad;
    final double[] beta;
    final boolean[] eligible;
    double objective;
    double datafitValue;
    double kkt;
    double gap;

    EvaluationState(int n, int k, boolean[] eligible) {
        this.eligible = eligible;
        eta = new double[n];
        g = new double[n];
        h = new double[n];
        grad = new double[k];
        beta = new double[k];
    }

    /** Copies the data-side fields (not the penalty-dependent ones) from {@code other}. */
    void copyDataFrom(EvaluationState other) {
        System.arraycopy(other.eta, 0, eta, 0, eta.length);
        System.arraycopy(other.g, 0, g, 0, g.length);
        System.arraycopy(other.h, 0, h, 0, h.length);
        System.arraycopy(other.grad, 0, grad, 0, grad.length);
        datafitValue = other.datafitValue;
    }
}
