package dev.argmax.optim.gradient;

import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link SolverResult} of a gradient solver from its last iterate, exactly re-evaluated. */
final class Outcome {

    private static final Logger LOG = LoggerFactory.getLogger(Outcome.class);

    private Outcome() {
    }

    /**
     * Re-evaluates the objective and KKT violation at {@code gamma} from scratch (no drift from
     * incremental updates), logs a warning when the run did not converge, and makes the result.
     */
    static SolverResult finish(String solver, StandardizedObjective obj, double[] gamma, int iterations,
                               StopReason reason, String message, Trace.Recorder recorder) {
        double[] beta = obj.toBeta(gamma);
        double[] eta = new double[obj.rows()];
        obj.problem.linearPredictor(beta, eta);
        double objective = obj.problem.objective(beta, eta);
        double optimality = obj.problem.kktViolation(beta, eta);
        String full = message + " (KKT violation " + String.format("%.3g", optimality) + ", " + iterations
                + " iterations)";
        if (!reason.converged()) {
            LOG.warn("{} did not converge: {}", solver, full);
        }
        return new SolverResult(solver, beta, objective, optimality, iterations, reason, full, recorder.toTrace(),
                recorder.elapsedNanos());
    }
}
