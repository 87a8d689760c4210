package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.trace.Trace;
import dev.argmax.optim.trace.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Finishes an unpenalized Fisher-scoring (IRLS) fit at the maximum-likelihood estimate, whatever
 * the link, on any {@link NewtonSource} (the rows of one machine or the partitions of a cluster).
 *
 * <p>For a non-canonical link IRLS is Fisher scoring (expected information, R's weights), which
 * converges only linearly; R's rule stops when the relative deviance change is below epsilon,
 * and the deviance is quadratic in the remaining error, so at epsilon 1e-8 the coefficients can
 * be 1e-4 (relative) short of the maximum. From IRLS's converged iterate this takes Newton steps
 * on the <em>observed</em> information {@code A' diag(w l'') A} ({@link NewtonSource#observedSums},
 * quadratic convergence), each halved until the loss does not increase (when the step's predicted
 * decrease is below the loss's rounding, the score judges it instead), and stops when a step no
 * longer halves the largest score component {@code max_j |sum_i w_i l'_i a_ij| / W} (the KKT
 * violation of the unpenalized problem): the coefficients are then the MLE to rounding level.
 * Where the observed information is not positive definite (far from a maximum of a non-concave
 * log-likelihood) the step falls back to the expected information. The steps count as
 * iterations, are traced and are named in the result's message.
 *
 * <p>For a canonical link the two informations coincide and IRLS is already Newton's method; the
 * finish then guards its last step (R's rule may stop with the coefficients still about 1e-8 from
 * the limit) and usually costs one pass for the information at the final coefficients.
 *
 * <p>The information returned is the <em>expected</em> one at the final coefficients,
 * {@code A' W A / W} in glmnet's scaling, from which R reports standard errors; for a canonical
 * link, after a full step that {@link StepCertificate} certifies, the one formed at that step's
 * start (the finish stops there without another Gram).
 */
public final class ObservedNewton {

    private static final int MAX_STEPS = 20;
    private static final int MAX_HALVINGS = 30;
    /**
     * Relative size below which a change of the loss, a sum over the rows, is not resolved: the
     * rounding of n terms of mixed sign grows like {@code n eps max|term|}, about 1e-12 of the
     * total for the row counts fitted here.
     */
    private static final double LOSS_RESOLUTION = 1e-12;

    /**
     * @param result the converged IRLS result with the Newton steps appended (iterations, trace, message)
     * @param expectedInformation {@code A' W A / W} with Fisher's weights at the final coefficients
     * @param steps the Newton steps taken
     */
    public record Outcome(SolverResult result, Matrix expectedInformation, int steps) {
    }

    private ObservedNewton() {
    }

    /**
     * @param source the source, at the coefficients of {@code converged} (where {@code Irls} leaves it)
     * @param converged the IRLS result of the unpenalized problem
     * @param aliased indices of aliased coefficients: held where they are (step 0)
     * @param exactCurvature whether the source's information is already the observed one (a
     *     canonical link), so that the information at the final coefficients need not be formed twice
     * @param started {@code System.nanoTime()} when the finish began, before the caller set up the
     *     source (its pass {@code A beta} belongs to the finish's time)
     */
    public static Outcome finish(NewtonSource source, SolverResult converged, int[] aliased, boolean exactCurvature,
                                 long started) {
        return finish(source, converged, aliased, exactCurvature, started, StepCertificate.ROUNDING_LEVEL, null);
    }

    /**
     * {@link #finish(NewtonSource, SolverResult, int[], boolean, long)}, certifying a full step at
     * {@code certification} ({@link StepCertificate}) instead of the rounding level, and starting,
     * for a canonical link ({@code exactCurvature}), from the sums the caller already formed at the
     * converged coefficients ({@code sumsAtStart}, or null: formed here), so that the same Gram is
     * never formed twice.
     */
    public static Outcome finish(NewtonSource source, SolverResult converged, int[] aliased, boolean exactCurvature,
                                 long started, double certification, NewtonSums sumsAtStart) {
        StepCertificate.checkLevel(certification);
        int k = source.coefficients();
        int[] kept = kept(aliased, k);
        double[] beta = converged.coefficients();
        NewtonSums observed = exactCurvature && sumsAtStart != null ? sumsAtStart : source.observedSums();
        double weightSum = observed.weightSum();
        if (!observed.finite()) {
            throw new IllegalArgumentException("the converged coefficients give an infinite loss: nothing to finish");
        }
        double loss = observed.loss();
        double[] score = observed.score();
        double kkt = maxAbs(score) / weightSum;
        List<TraceEntry> entries = new ArrayList<>(converged.trace().entries());
        int steps = 0;
        for (int s = 0; s < MAX_STEPS && kkt > 0; s++) {
            double[] direction = solve(observed.informationMatrix(), score, kept, k);
            if (direction == null) {
                direction = solve(source.sums().informationMatrix(), score, kept, k);
                if (direction == null) {
                    break;
                }
            }
            source.direction(direction, false);
            // the decrease a Newton step predicts, -score'd / 2; below the loss's rounding (a sum of n
            // terms) the loss cannot judge the step and the score alone does (the KKT test below)
            double predicted = 0;
            for (int j = 0; j < k; j++) {
                predicted -= 0.5 * score[j] * direction[j];
            }
            double slack = lossSlack(predicted, loss);
            double t = 1;
            double trialLoss = Double.NaN;
            for (int half = 0; half <= MAX_HALVINGS; half++) {
                trialLoss = source.trialLoss(t);
                if (trialLoss <= loss + slack) {
                    break;
                }
                t /= 2;
            }
            if (!(trialLoss <= loss + slack)) {
                break;
            }
            double[] trialScore = source.trialScore(t);
            double trialKkt = maxAbs(trialScore) / weightSum;
            if (!(trialKkt < 0.5 * kkt)) {
                break;
            }
            double etaChange = source.accept(t);
            for (int j = 0; j < k; j++) {
                beta[j] += t * direction[j];
            }
            loss = trialLoss;
            score = trialScore;
            kkt = trialKkt;
            steps++;
            entries.add(new TraceEntry(converged.iterations() + steps, loss / weightSum, kkt, t,
                    converged.elapsedNanos() + System.nanoTime() - started));
            if (t == 1 && exactCurvature && StepCertificate.certifies(source.curvatureLogLipschitz(), etaChange, certification)) {
                // the information of this step's start stands for the one at its end, and the next
                // step would be negligible: no further Gram
                break;
            }
            observed = s + 1 < MAX_STEPS ? source.observedSums() : null;
        }
        Matrix information = exactCurvature && observed != null ? observed.informationMatrix()
                : source.sums().informationMatrix();
        information = information.scale(1.0 / weightSum);
        String message = steps == 0 ? converged.message() : converged.message() + "; then " + steps + " Newton step"
                + (steps == 1 ? "" : "s") + " on the observed information to the maximum (score "
                + String.format(Locale.ROOT, "%.2g", kkt) + ")";
        // the clock covers the finishing passes too, steps or not
        SolverResult result = new SolverResult(converged.solver(), beta,
                steps == 0 ? converged.objective() : loss / weightSum, steps == 0 ? converged.optimality() : kkt,
                converged.iterations() + steps, converged.stopReason(), message, Trace.of(entries),
                converged.elapsedNanos() + System.nanoTime() - started);
        return new Outcome(result, information, steps);
    }

    /**
     * How much a Newton step may seem to increase a loss (a sum over the rows) and still be taken:
     * {@code 1e-15 |loss|} when the step's predicted decrease exceeds the loss's resolution
     * ({@code 1e-12 |loss|}), else that resolution, below which the loss cannot judge the step (the
     * score then must, as the callers check).
     *
     * @param predictedDecrease {@code -score'delta / 2}, in the units of {@code loss}
     */
    public static double lossSlack(double predictedDecrease, double loss) {
        return predictedDecrease > LOSS_RESOLUTION * Math.abs(loss) ? 1e-15 * Math.abs(loss)
                : LOSS_RESOLUTION * Math.abs(loss);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** {@code -H^-1 score} over the kept coefficients (0 for aliased ones); null if H is not positive definite. */
    private static double[] solve(Matrix information, double[] score, int[] kept, int k) {
        double[][] sub = new double[kept.length][kept.length];
        double[] rhs = new double[kept.length];
        for (int a = 0; a < kept.length; a++) {
            rhs[a] = -score[kept[a]];
            for (int b = 0; b < kept.length; b++) {
                sub[a][b] = information.get(kept[a], kept[b]);
            }
        }
        try {
            double[] solved = Cholesky.factor(Matrix.of(sub)).solve(rhs);
            double[] out = new double[k];
            for (int a = 0; a < kept.length; a++) {
                if (!Double.isFinite(solved[a])) {
                    return null;
                }
                out[kept[a]] = solved[a];
            }
            return out;
        } catch (NotPositiveDefiniteException e) {
            return null;
        }
    }

    private static int[] kept(int[] aliased, int k) {
        boolean[] drop = new boolean[k];
        for (int a : aliased) {
            drop[a] = true;
        }
        return IntStream.range(0, k).filter(j -> !drop[j]).toArray();
    }
}
