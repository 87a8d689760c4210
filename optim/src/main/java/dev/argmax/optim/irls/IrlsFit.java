package dev.argmax.optim.irls;

import dev.argmax.core.linalg.Matrix;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.newton.NewtonSums;

/**
 * What IRLS knows at the end of a fit beyond the {@link SolverResult}: what the statistical
 * layer needs for inference and diagnostics, so that it does not pass over the data again.
 *
 * @param result the solver result (aliased coefficients are 0 there: with aliased columns the
 *     minimizers form an affine set, and this is the member with those coefficients at zero)
 * @param aliased indices (into the coefficient vector, intercept first) of the aliased columns,
 *     found on the first weighted Gram
 * @param linearPredictor {@code eta = offset + A beta} at the returned coefficients; null when
 *     the rows are not on this machine (a fit on a {@link dev.argmax.optim.newton.NewtonSource}
 *     over a cluster)
 * @param information {@code A' diag(h) A + P''} with {@code h} the datafit's Hessian diagonal
 *     (glmnet scaling: {@code h_i} includes {@code w_i / W}) evaluated at the returned
 *     coefficients, or, when the fit ended with the final Newton step or a certified step (see
 *     {@link Irls}), at the iterate one step before (R's convention); over all coefficients (aliased rows and columns
 *     included); null when it could not be formed
 * @param lastStepMaxEtaChange largest {@code |eta_i - eta_i_old|} over observations with
 *     positive weight in the last accepted step (NaN before any step): a step that still moves
 *     the linear predictor while the deviance no longer changes means the coefficients are
 *     running off to infinity; NaN also when the source does not see the rows
 * @param deviance {@code 2 (loss - saturatedLoss)} at the returned coefficients (the penalty not
 *     included)
 * @param certified whether the fit ended with a full Newton step on the exact Hessian whose
 *     curvature change is certified ({@link dev.argmax.optim.newton.StepCertificate}): the
 *     coefficients are then the minimizer (the next step negligible) and the information, formed
 *     at the start of that step, gives standard errors within the certificate's bound of those at
 *     the returned coefficients, so that no further Newton finish is needed
 * @param sumsAtEstimate the sums (information, score, loss) at the returned coefficients when the
 *     fit formed them there and took no step after (so that a Newton finish need not form them
 *     again); null otherwise
 */
public record IrlsFit(SolverResult result, int[] aliased, double[] linearPredictor, Matrix information,
                      double lastStepMaxEtaChange, double deviance, boolean certified, NewtonSums sumsAtEstimate) {

    public IrlsFit {
        aliased = aliased.clone();
        linearPredictor = linearPredictor == null ? null : linearPredictor.clone();
    }

    @Override
    public int[] aliased() {
        return aliased.clone();
    }

    @Override
    public double[] linearPredictor() {
        return linearPredictor == null ? null : linearPredictor.clone();
    }
}
