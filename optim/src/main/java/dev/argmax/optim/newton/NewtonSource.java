package dev.argmax.optim.newton;

import java.util.OptionalDouble;

/**
 * Where a Newton (Fisher scoring, IRLS) solver gets its numbers: the solver asks, the source
 * evaluates, as Hipparchus' optimizers ask the problem to evaluate. The same algorithm then runs
 * on the rows of one machine ({@link DesignSource}) or on sums over the partitions of a cluster.
 *
 * <p>A source holds the current iterate. It starts either at coefficients
 * ({@link #startCoefficients()}) or, as R's {@code glm.fit} from {@code mustart}, at a linear
 * predictor, in which case the first {@link #sums()} are those of R's working model
 * ({@link NewtonSums#atLinearPredictor}). The solver moves the iterate along a search line:
 * {@link #direction} fixes the line, {@link #trialLoss} evaluates the loss at a step along it
 * (no information matrix needed, so step-halving is cheap), and {@link #accept} moves there.
 *
 * <p>All sums are unnormalized ({@link NewtonSums}); the solver divides by the weight sum.
 */
public interface NewtonSource {

    /** Number of coefficients k (intercept included). */
    int coefficients();

    /** Index of the first penalized coefficient: 1 with an intercept, else 0. */
    int firstSlope();

    /**
     * The starting coefficients (length k), or null when the source starts from a linear
     * predictor: then the first {@link #sums()} hold R's working model at {@code beta = 0}.
     */
    double[] startCoefficients();

    /** The sums (information, score, loss) at the current iterate. */
    NewtonSums sums();

    /**
     * The sums at the current iterate with the <em>observed</em> information
     * ({@link NewtonSums#observedAt}: the exact second derivative of the loss, which may be
     * indefinite), for Newton steps that converge quadratically whatever the link.
     */
    NewtonSums observedSums();

    /** The score {@code sum_i w_i l'_i a_i} at the current iterate, without the information. */
    double[] score();

    /**
     * Fixes the search line {@code base + t delta}, with base the current iterate, or, when
     * {@code fromZero}, the coefficients 0 (linear predictor = offset).
     */
    void direction(double[] delta, boolean fromZero);

    /** The loss {@code sum_i w_i l_i} at step t on the search line; infinite outside the domain. */
    double trialLoss(double step);

    /** The score at step t on the search line. */
    double[] trialScore(double step);

    /**
     * A bound L on the change of the curvature the information is formed from,
     * {@code |d/deta log h_i| <= L} ({@link dev.argmax.core.objective.Datafit#curvatureLogLipschitz}),
     * when that curvature is the exact second derivative of the loss (so that the information is the
     * Hessian and a Newton step from it converges quadratically); empty otherwise (Fisher's expected
     * information of a non-canonical link, a datafit that declares no bound, or a source that does
     * not say). A solver uses it with the largest change of the linear predictor that
     * {@link #accept} reports to certify a step (see {@link dev.argmax.optim.irls.Irls}).
     */
    default OptionalDouble curvatureLogLipschitz() {
        return OptionalDouble.empty();
    }

    /**
     * Moves the iterate to step t on the search line.
     *
     * @return the largest change {@code |eta_i - eta_i_old|} over observations with positive
     *     weight, or NaN when the source does not see the rows
     */
    double accept(double step);
}
