package dev.argmax.models.glm;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.Datafit;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.trace.Trace;
import dev.argmax.optim.trace.TraceEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes an unpenalised IRLS fit at the maximum-likelihood estimate, whatever the link.
 *
 * <p>For a non-canonical link IRLS is Fisher scoring (expected information, R's weights), which
 * converges only linearly; R's rule stops when the relative deviance change is below epsilon,
 * and the deviance is quadratic in the remaining error, so at epsilon 1e-8 the coefficients can
 * be 1e-4 (relative) short of the maximum. From IRLS's converged iterate this takes Newton steps
 * on the <em>observed</em> information {@code A' diag(d2l/deta2) A} (quadratic convergence),
 * each halved until the objective does not increase, and stops when a step no longer halves the
 * largest score component (the KKT violation): the coefficients are then the MLE to rounding
 * level. The steps count as iterations, are traced and are named in the result's message.
 * Where the observed information is not positive definite (far from a maximum of a non-concave
 * log-likelihood) the step falls back to the expected information. Standard errors stay those of
 * the expected information, evaluated at the final coefficients (R's convention; the fixtures'
 * {@code std_errors_at_mle}).
 *
 * <p>For a canonical link the two informations coincide and IRLS is already Newton's method; the
 * finish then guards its last step (R's rule may stop with the coefficients still ~1e-8 from the
 * limit, when the deviance change is below epsilon but above rounding) and usually costs one
 * Gram pass, whose matrix is the information at the final coefficients.
 */
final class ObservedInformationNewton {

    private static final int MAX_STEPS = 20;
    private static final int MAX_HALVINGS = 30;

    /**
     * @param result the converged IRLS result, with steps appended
     * @param linearPredictor {@code eta} at the final coefficients
     * @param expectedInformation {@code A' diag(h) A} with Fisher's weights at the final coefficients
     * @param steps the Newton steps taken (counted in the result's iterations)
     */
    record Outcome(SolverResult result, double[] linearPredictor, Matrix expectedInformation, int steps) {
    }

    private ObservedInformationNewton() {
    }

    static Outcome finish(Problem problem, SolverResult irls, int[] aliased) {
        long started = System.nanoTime();
        Design design = problem.design();
        Datafit datafit = problem.datafit();
        int n = problem.rows();
        int k = problem.coefficients();
        int[] kept = kept(aliased, k);
        double[] beta = irls.coefficients();
        double[] eta = new double[n];
        problem.linearPredictor(beta, eta);
        double objective = problem.objective(beta, eta);
        double[] g = new double[n];
        double[] h = new double[n];
        double[] gradient = gradient(design, datafit, eta, g, k);
        double kkt = problem.kktViolationFromGradient(beta, gradient);
        List<TraceEntry> entries = new ArrayList<>(irls.trace().entries());
        int steps = 0;
        double[] etaDirection = new double[n];
        double[] trialEta = new double[n];
        Matrix observedAtFinal = null;
        for (int s = 0; s < MAX_STEPS && kkt > 0; s++) {
            datafit.observedHessianDiagonal(eta, h);
            observedAtFinal = design.weightedGram(h);
            double[] direction = solve(observedAtFinal, gradient, kept, k);
            if (direction == null) {
                observedAtFinal = null;
                datafit.hessianDiagonal(eta, h);
                direction = solve(design.weightedGram(h), gradient, kept, k);
                if (direction == null) {
                    break;
                }
            }
            design.multiply(direction, etaDirection);
            double t = 1;
            double[] trialBeta = new double[k];
            double trialObjective = Double.NaN;
            for (int half = 0; half <= MAX_HALVINGS; half++) {
                for (int j = 0; j < k; j++) {
                    trialBeta[j] = beta[j] + t * direction[j];
                }
                for (int i = 0; i < n; i++) {
                    trialEta[i] = eta[i] + t * etaDirection[i];
                }
                trialObjective = problem.objective(trialBeta, trialEta);
                if (trialObjective <= objective + 1e-15 * Math.abs(objective)) {
                    break;
                }
                t /= 2;
            }
            if (!(trialObjective <= objective + 1e-15 * Math.abs(objective))) {
                break;
            }
            double[] trialGradient = gradient(design, datafit, trialEta, g, k);
            double trialKkt = problem.kktViolationFromGradient(trialBeta, trialGradient);
            if (!(trialKkt < 0.5 * kkt)) {
                break;
            }
            observedAtFinal = null;
            beta = trialBeta;
            eta = trialEta.clone();
            objective = trialObjective;
            gradient = trialGradient;
            kkt = trialKkt;
            steps++;
            entries.add(new TraceEntry(irls.iterations() + steps, objective, kkt, t,
                    irls.elapsedNanos() + System.nanoTime() - started));
        }
        Matrix information = observedAtFinal;
        if (information == null || datafit.expectedInformation()) {
            datafit.hessianDiagonal(eta, h);
            information = design.weightedGram(h);
        }
        String message = irls.message() + (steps == 0 ? "" : "; then " + steps + " Newton step" + (steps == 1 ? "" : "s")
                + " on the observed information to the maximum (score " + String.format(java.util.Locale.ROOT,
                "%.2g", kkt) + ")");
        SolverResult result = new SolverResult(irls.solver(), beta, objective, kkt, irls.iterations() + steps,
                irls.stopReason(),
                message, Trace.of(entries), irls.elapsedNanos() + System.nanoTime() - started);
        return new Outcome(result, eta, information, steps);
    }

    private static double[] gradient(Design design, Datafit datafit, double[] eta, double[] g, int k) {
        datafit.gradient(eta, g);
        double[] out = new double[k];
        design.transposeMultiply(g, out);
        return out;
    }

    /** {@code -H^-1 gradient} over the kept coefficients (0 for aliased ones); null if H is not positive definite. */
    private static double[] solve(Matrix gram, double[] gradient, int[] kept, int k) {
        double[][] sub = new double[kept.length][kept.length];
        double[] rhs = new double[kept.length];
        for (int a = 0; a < kept.length; a++) {
            rhs[a] = -gradient[kept[a]];
            for (int b = 0; b < kept.length; b++) {
                sub[a][b] = gram.get(kept[a], kept[b]);
            }
        }
        try {
            double[] solved = Cholesky.factor(Matrix.of(sub)).solve(rhs);
            double[] out = new double[k];
            for (int a = 0; a < kept.length; a++) {
                out[kept[a]] = solved[a];
            }
            for (double v : out) {
                if (!Double.isFinite(v)) {
                    return null;
                }
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
        return java.util.stream.IntStream.range(0, k).filter(j -> !drop[j]).toArray();
    }
}
