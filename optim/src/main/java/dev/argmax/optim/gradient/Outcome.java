package dev.argmax.optim.gradient;

import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link SolverResult} of a gradient solver from its last iterate, exactly re-evaluated. */
final class Outcome {

    private static final Logger LOG = LoggerFactory.getLogger(Outcome.class);

    private Outcome() {
    }

    /**
     * How many times a convergence on the KKT violation may be refuted by the violation evaluated
     * from scratch before the run concludes that the target is at the rounding floor.
     */
    static final int FLOOR_MISSES = 10;

    /**
     * Whether the rule that fired on {@code state} (whose violation was computed on an
     * incrementally updated linear predictor) still holds with the violation evaluated from
     * scratch at {@code gamma}. When it does not, the two differ by the rounding of the linear
     * predictor: the caller refreshes it and goes on, and after {@link #FLOOR_MISSES} refutations
     * stops with {@link #atRoundingFloor}, never with a convergence its reported violation
     * contradicts.
     */
    static boolean holdsExactly(StandardizedObjective obj, double[] gamma, StoppingRule fired, IterationState state) {
        double[] beta = obj.toBeta(gamma);
        double[] eta = new double[obj.rows()];
        obj.problem.linearPredictor(beta, eta);
        double exact = obj.problem.kktViolation(beta, eta);
        IterationState exactState = new IterationState(state.iteration(), state.objective(), state.previousObjective(),
                state.deviance(), state.previousDeviance(), exact, state.coefficientChange(), state.gradientMapping());
        return fired.check(exactState).isPresent();
    }

    /** The result when {@link #holdsExactly} refuted the rule {@link #FLOOR_MISSES} times. */
    static SolverResult atRoundingFloor(String solver, StandardizedObjective obj, double[] gamma, int iterations,
                                        StoppingRule fired, Trace.Recorder recorder) {
        return atRoundingFloor(solver, obj, gamma, iterations, fired, recorder, true);
    }

    /** {@link #atRoundingFloor}, logging the warning only when {@code warn}. */
    static SolverResult atRoundingFloor(String solver, StandardizedObjective obj, double[] gamma, int iterations,
                                        StoppingRule fired, Trace.Recorder recorder, boolean warn) {
        return finish(solver, obj, gamma, iterations, StopReason.ROUNDING_FLOOR, "not converged: " + fired.describe()
                + " held " + FLOOR_MISSES + " times with the incrementally updated linear predictor but not evaluated "
                + "from scratch: the target is at this problem's rounding floor", recorder, warn);
    }

    /**
     * Re-evaluates the objective and KKT violation at {@code gamma} from scratch (no drift from
     * incremental updates), logs a warning when the run did not converge, and makes the result.
     */
    static SolverResult finish(String solver, StandardizedObjective obj, double[] gamma, int iterations,
                               StopReason reason, String message, Trace.Recorder recorder) {
        return finish(solver, obj, gamma, iterations, reason, message, recorder, true);
    }

    /**
     * {@link #finish}, logging the warning for a run that did not converge only when {@code warn}
     * (not for the first stage of a composite solver, whose end is only a start).
     */
    static SolverResult finish(String solver, StandardizedObjective obj, double[] gamma, int iterations,
                               StopReason reason, String message, Trace.Recorder recorder, boolean warn) {
        double[] beta = obj.toBeta(gamma);
        double[] eta = new double[obj.rows()];
        obj.problem.linearPredictor(beta, eta);
        double objective = obj.problem.objective(beta, eta);
        double optimality = obj.problem.kktViolation(beta, eta);
        String full = message + " (KKT violation " + String.format("%.3g", optimality) + ", " + iterations
                + " iterations)";
        if (warn && !reason.converged()) {
            LOG.warn("{} did not converge: {}", solver, full);
        }
        return new SolverResult(solver, beta, objective, optimality, iterations, reason, full, recorder.toTrace(),
                recorder.elapsedNanos());
    }
}
