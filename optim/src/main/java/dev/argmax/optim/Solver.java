package dev.argmax.optim;

import dev.argmax.core.objective.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A method that minimizes a {@link Problem}. Every solver returns the same {@link SolverResult}
 * with a trace, so that solvers can be compared on one problem.
 */
public interface Solver {

    /** Short name used on the command line and in traces, e.g. "irls", "cd", "fista". */
    String name();

    /** Capabilities the datafit must offer. */
    Set<Capability> requiredDatafitCapabilities();

    /** Capabilities the penalty must offer. */
    Set<Capability> requiredPenaltyCapabilities();

    /**
     * Minimizes the problem from {@code start} (length {@link Problem#coefficients()}, or null
     * for the solver's own start).
     *
     * @throws IncompatibleSolverException if the problem lacks a required capability
     */
    SolverResult solve(Problem problem, double[] start);

    /**
     * The same solver driven to a KKT target: it stops when {@link Problem#kktViolation} is at most
     * {@code target.tolerance()} (absolute), checked on its iterates as it goes, instead of by its
     * own default rule; within {@code target}'s cap or, without one, its own. A solver that cannot
     * get there (cap reached, line search failed, a direct solution whose rounding leaves a larger
     * violation) returns a result that is not converged, with the violation it reached and why.
     */
    Solver withKktTarget(dev.argmax.optim.stopping.KktTarget target);

    /** Whether this solver can handle the problem. */
    default boolean supports(Problem problem) {
        return missingCapabilities(problem).isEmpty();
    }

    /**
     * Whether this solver handles a datafit with a vector-valued linear predictor
     * ({@link dev.argmax.core.objective.Datafit#predictorColumns()} {@code > 1}); if not, such a
     * problem lacks {@link Capability#SCALAR_PREDICTOR} for it.
     */
    default boolean acceptsVectorPredictor() {
        return false;
    }

    /** The capabilities this solver needs that the problem's datafit or penalty lacks. */
    default List<Capability> missingCapabilities(Problem problem) {
        List<Capability> missing = new ArrayList<>();
        if (problem.predictorColumns() > 1 && !acceptsVectorPredictor()) {
            missing.add(Capability.SCALAR_PREDICTOR);
        }
        for (Capability c : requiredDatafitCapabilities()) {
            if (!problem.datafit().capabilities().contains(c)) {
                missing.add(c);
            }
        }
        for (Capability c : requiredPenaltyCapabilities()) {
            if (!problem.penalty().capabilities().contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    /**
     * Throws {@link IncompatibleSolverException} naming what is missing and which of
     * {@code alternatives} would work.
     */
    default void requireSupported(Problem problem, List<? extends Solver> alternatives) {
        List<Capability> missing = missingCapabilities(problem);
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("solver '").append(name()).append("' needs ");
        for (int i = 0; i < missing.size(); i++) {
            sb.append(i == 0 ? "" : " and ").append(missing.get(i).description());
        }
        sb.append(", which the ").append(problem.datafit().name()).append(" datafit with penalty ")
                .append(problem.penalty().name()).append(" does not offer");
        List<String> working = new ArrayList<>();
        for (Solver s : alternatives) {
            if (s.supports(problem)) {
                working.add(s.name());
            }
        }
        if (!working.isEmpty()) {
            sb.append("; solvers that handle it: ").append(String.join(", ", working));
        }
        throw new IncompatibleSolverException(sb.toString());
    }
}
