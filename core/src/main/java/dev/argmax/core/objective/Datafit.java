package dev.argmax.core.objective;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * The data term of an objective, as a function of the linear predictor
 * {@code eta = offset + A beta}:
 *
 * <pre>
 *   F(eta) = (1 / W) sum_i w_i l(y_i, eta_i),    W = sum_i w_i
 * </pre>
 *
 * where {@code l} is a negative log-likelihood per observation (up to terms that do not depend
 * on eta). This is glmnet's scaling: observation weights are normalized to sum to n and the
 * sum is divided by n. Derivatives are per observation, with the same {@code w_i / W} factor, so
 * that {@code A' gradient} is the gradient of F in beta and {@code A' diag(hessian) A} its
 * Hessian.
 *
 * <p><b>Vector-valued linear predictors.</b> A model may have {@code m = }{@link #predictorColumns()}
 * linear predictors per observation (the multinomial logit: K-1 columns of eta against a reference
 * class, or K in glmnet's symmetric parametrization). Every eta-space vector (eta, the gradient,
 * the Hessian diagonal, the offset) then has length {@code n m} and is stacked column by column,
 * {@code eta[c n + i] = eta_ic}, each column with its own block of coefficients
 * ({@code eta_.c = offset_.c + A beta_c}); the per-observation Hessian is an {@code m x m} block
 * ({@link #hessianBlocks}). Scalar datafits have {@code m = 1} and need none of this.
 *
 * <p>Implementations hold y and the weights; they are immutable.
 */
public interface Datafit {

    /** Number of observations n. */
    int size();

    /**
     * Number of columns m of the linear predictor (1 for a scalar model); eta-space vectors have
     * length {@code size() * m}, stacked column by column.
     */
    default int predictorColumns() {
        return 1;
    }

    /**
     * The per-observation Hessian blocks of a vector-valued predictor:
     * {@code out[(c m + d) n + i] = (w_i / W) d2l / (deta_ic deta_id)}, length {@code n m^2}. For
     * {@code m = 1} this is {@link #hessianDiagonal}; datafits with {@code m > 1} override it.
     */
    default void hessianBlocks(double[] eta, double[] out) {
        if (predictorColumns() != 1) {
            throw new IllegalStateException("the " + name() + " datafit has " + predictorColumns()
                    + " linear predictor columns but does not give its Hessian blocks");
        }
        hessianDiagonal(eta, out);
    }

    /**
     * Whether F is unchanged when one value is added to every column of an observation's linear
     * predictor, {@code F(eta_i. + t) = F(eta_i.)} (the multinomial logit in glmnet's symmetric
     * parametrization, which depends only on differences between classes). Then the coefficients
     * of one predictor in all columns can be shifted together without changing F, and only the
     * penalty decides where they sit; a solver may move along that flat direction by minimizing
     * the penalty alone. False for a scalar datafit.
     */
    default boolean invariantToCommonShift() {
        return false;
    }

    /** Sum of the observation weights W (n when unweighted). */
    double weightSum();

    /** {@code F(eta)}; {@code +infinity} where eta is outside the domain (e.g. exp overflow). */
    double value(double[] eta);

    /** {@code out_i = (w_i / W) dl/deta (y_i, eta_i)}. */
    void gradient(double[] eta, double[] out);

    /**
     * {@code out_i = (w_i / W) c_i >= 0}, the curvature solvers use for Newton / IRLS / coordinate
     * steps: {@code c_i = d2l/deta2 (y_i, eta_i)} for a canonical link; for a GLM family with a
     * non-canonical link, Fisher's expected information {@code (dmu/deta)^2 / V(mu)} (R's IRLS
     * weights), which is never negative, while the exact second derivative can be (see
     * {@link #observedHessianDiagonal}).
     */
    void hessianDiagonal(double[] eta, double[] out);

    /**
     * {@code out_i = (w_i / W) d2l/deta2 (y_i, eta_i)}, the exact second derivative (the observed
     * information per observation), which may be negative when the loss is not convex. Equal to
     * {@link #hessianDiagonal} unless {@link #expectedInformation()}.
     */
    default void observedHessianDiagonal(double[] eta, double[] out) {
        hessianDiagonal(eta, out);
    }

    /**
     * Whether {@link #hessianDiagonal} is Fisher's expected information rather than the exact
     * second derivative (a non-canonical link): Newton steps with it are Fisher scoring, which
     * converges only linearly.
     */
    default boolean expectedInformation() {
        return false;
    }

    /** Gradient and Hessian diagonal in one pass (implementations share the work). */
    default void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        gradient(eta, gradientOut);
        hessianDiagonal(eta, hessianOut);
    }

    /**
     * {@code sup_eta d2l/deta2}, when it is finite (1 for squared error, 1/4 for the logistic
     * loss; for a vector-valued predictor the supremum of the largest eigenvalue of the
     * per-observation Hessian block, 1/2 for the multinomial logit); empty when the curvature is unbounded (Poisson), which rules out a fixed step.
     */
    OptionalDouble curvatureBound();

    /**
     * A bound L on how fast the curvature changes, {@code |d/deta log l''(y, eta)| <= L} for every
     * response and eta, declared by datafits whose curvature varies with eta (1 for the logistic
     * loss, where it is {@code |1 - 2 mu|}; 1 for the Poisson loss, whose curvature is {@code e^eta});
     * empty when not declared. With it a solver can certify, from the largest change
     * {@code m = max_i |eta_i - eta_i'|} of a step alone, that the information {@code A' diag(l'') A}
     * at the two ends differ by at most a factor {@code e^(L m)} in the Loewner order (every row's
     * curvature does), so that standard errors from either differ by at most {@code e^(L m / 2) - 1}.
     */
    default OptionalDouble curvatureLogLipschitz() {
        return OptionalDouble.empty();
    }

    /**
     * The infimum of F over eta, reached at {@code eta_i = g(y_i)} (the saturated model), so that
     * the deviance is {@code 2 W (F(eta) - saturatedValue())} and R's relative-deviance
     * stopping rule can be applied to F.
     */
    double saturatedValue();

    /** The deviance {@code 2 W (F(eta) - F_saturated)}: twice the log-likelihood ratio to the saturated model. */
    default double deviance(double[] eta) {
        return 2 * weightSum() * (value(eta) - saturatedValue());
    }

    /**
     * The normalized observation weights {@code w_i / W} (they sum to 1; repeated for each column
     * of a vector-valued predictor, so of the length of eta), so that a solver can
     * bound the curvature of F: {@code A' diag(F''(eta)) A <= c A' diag(w / W) A} with
     * {@code c = }{@link #curvatureBound()}. Empty when the datafit does not expose its weights
     * (a solver then falls back to a line search).
     */
    default java.util.Optional<double[]> normalizedWeights() {
        return java.util.Optional.empty();
    }

    /** What this datafit offers solvers. */
    Set<Capability> capabilities();

    /** Short name for messages and traces, e.g. "quadratic". */
    String name();
}
