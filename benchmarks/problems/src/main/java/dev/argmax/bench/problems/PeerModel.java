package dev.argmax.bench.problems;

/**
 * The models fitted side by side by argmax and by a peer library, with the peer's penalty
 * translated into argmax's (glmnet's) objective
 * {@code (1/n) sum nll_i + lambda sum_j v_j (alpha |b_j| + (1 - alpha)/2 b_j^2)}, so that both
 * sides minimize the same function and their coefficients can be compared.
 *
 * <p>Smile's ridge and lasso center the columns and scale them by their 1/n standard deviations
 * s_j, then minimize {@code ||y - b0 - X_s w||^2 + L ||w||_2^2} (ridge) or
 * {@code ||y - b0 - X_s w||^2 + L ||w||_1} (lasso) with {@code w_j = s_j b_j}. Divided by 2n,
 * that is argmax's objective with
 *
 * <ul>
 *   <li>ridge: {@code lambda = L / n}, {@code alpha = 0}, penalty factors {@code v_j = s_j^2};</li>
 *   <li>lasso: {@code lambda = L / (2 n)}, {@code alpha = 1}, penalty factors {@code v_j = s_j}.</li>
 * </ul>
 *
 * The peer's L used here is chosen as {@code n} times a fixed strength so the problem does not
 * change character with n: ridge L = 0.1 n (argmax lambda 0.1), lasso L = 0.1 n (argmax lambda
 * 0.05).
 */
public enum PeerModel {
    /** Ordinary least squares (Gaussian MLE). */
    OLS,
    /** Logistic regression, maximum likelihood (binomial MLE). */
    LOGISTIC,
    /** Ridge in Smile's parametrization (see the class comment). */
    RIDGE,
    /** Lasso in Smile's parametrization (see the class comment). */
    LASSO;

    /** The peer's penalty strength L for a problem with n rows. */
    public double peerLambda(int n) {
        return switch (this) {
            case OLS, LOGISTIC -> 0.0;
            case RIDGE, LASSO -> 0.1 * n;
        };
    }

    /** argmax's lambda for the same objective as the benchmarks' peer lambda {@link #peerLambda(int)}. */
    public double argmaxLambda(int n) {
        return argmaxLambda(peerLambda(n), n);
    }

    /** argmax's lambda for the same objective as Smile's penalty strength {@code peerLambda} on n rows. */
    public double argmaxLambda(double peerLambda, int n) {
        return switch (this) {
            case OLS, LOGISTIC -> 0.0;
            case RIDGE -> peerLambda / n;
            case LASSO -> peerLambda / (2.0 * n);
        };
    }

    /** argmax's alpha (elastic-net mixing). */
    public double argmaxAlpha() {
        return this == LASSO ? 1.0 : 0.0;
    }

    /** argmax's penalty factors v_j, from the columns' 1/n standard deviations. */
    public double[] argmaxPenaltyFactors(double[] columnSds) {
        double[] v = new double[columnSds.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = this == RIDGE ? columnSds[j] * columnSds[j] : columnSds[j];
        }
        return v;
    }

    /** The family the model is fitted to. */
    public Family family() {
        return this == LOGISTIC ? Family.BINOMIAL : Family.GAUSSIAN;
    }
}
