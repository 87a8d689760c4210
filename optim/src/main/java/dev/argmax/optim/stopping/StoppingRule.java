package dev.argmax.optim.stopping;

import dev.argmax.optim.StopReason;
import java.util.List;
import java.util.Optional;

/**
 * A small, combinable stopping criterion (as commons-math3's {@code ConvergenceChecker}): after
 * each iteration a solver asks its rule whether to stop, and the answer says why, so the result
 * can report which rule ended the run and whether that means convergence.
 */
public interface StoppingRule {

    /** Empty to continue, or the reason to stop now. */
    Optional<StopReason> check(IterationState state);

    /** A description for messages, e.g. {@code "KKT violation <= 1e-08"}. */
    String describe();

    /**
     * The simple rule that stops the run now (for a combination, the first member that fires),
     * so that a result can say which criterion ended it; empty to continue.
     */
    default Optional<StoppingRule> firing(IterationState state) {
        return check(state).isPresent() ? Optional.of(this) : Optional.empty();
    }

    /** Stops when either rule says so (this one is asked first). */
    default StoppingRule or(StoppingRule other) {
        return anyOf(this, other);
    }

    /** Stops at the first of the rules that says so, in order. */
    static StoppingRule anyOf(StoppingRule... rules) {
        List<StoppingRule> list = List.of(rules);
        return new StoppingRule() {
            @Override
            public Optional<StopReason> check(IterationState state) {
                for (StoppingRule r : list) {
                    Optional<StopReason> reason = r.check(state);
                    if (reason.isPresent()) {
                        return reason;
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<StoppingRule> firing(IterationState state) {
                for (StoppingRule r : list) {
                    Optional<StoppingRule> f = r.firing(state);
                    if (f.isPresent()) {
                        return f;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String describe() {
                return String.join(" or ", list.stream().map(StoppingRule::describe).toList());
            }
        };
    }

    /** Converged when the largest KKT violation is at most {@code tolerance}. */
    static StoppingRule optimality(double tolerance) {
        requirePositive(tolerance, "optimality tolerance");
        return simple(s -> s.optimality() <= tolerance, StopReason.CONVERGED_OPTIMALITY,
                "KKT violation <= " + number(tolerance));
    }

    /**
     * Converged when the largest entry of the (proximal) gradient mapping
     * {@code G_t(y) = (y - prox_{tP}(y - t grad f(y))) / t} is at most {@code tolerance}: the
     * stationarity measure of gradient and proximal-gradient methods (for a smooth objective
     * {@code G} is the gradient). Never fires for solvers that do not report it (NaN).
     */
    static StoppingRule gradientMapping(double tolerance) {
        requirePositive(tolerance, "gradient-mapping tolerance");
        return simple(s -> s.gradientMapping() <= tolerance, StopReason.CONVERGED_OPTIMALITY,
                "gradient mapping <= " + number(tolerance));
    }

    /**
     * Converged when {@code |F - F_old| / (|F| + 0.1) < epsilon} (R's {@code glm} rule, applied
     * to the objective).
     */
    static StoppingRule relativeObjectiveChange(double epsilon) {
        requirePositive(epsilon, "epsilon");
        return simple(s -> Math.abs(s.objective() - s.previousObjective()) / (Math.abs(s.objective()) + 0.1) < epsilon,
                StopReason.CONVERGED_OBJECTIVE_CHANGE, "|F - F_old| / (|F| + 0.1) < " + number(epsilon));
    }

    /**
     * Converged when {@code |dev - dev_old| / (|dev| + 0.1) < epsilon}: R's {@code glm.control}
     * rule (default epsilon 1e-8).
     */
    static StoppingRule relativeDevianceChange(double epsilon) {
        requirePositive(epsilon, "epsilon");
        return simple(s -> Math.abs(s.deviance() - s.previousDeviance()) / (Math.abs(s.deviance()) + 0.1) < epsilon,
                StopReason.CONVERGED_OBJECTIVE_CHANGE, "|dev - dev_old| / (|dev| + 0.1) < " + number(epsilon));
    }

    /** Converged when the relative coefficient change is at most {@code tolerance}. */
    static StoppingRule coefficientChange(double tolerance) {
        requirePositive(tolerance, "coefficient tolerance");
        return simple(s -> s.coefficientChange() <= tolerance, StopReason.CONVERGED_COEFFICIENT_CHANGE,
                "relative coefficient change <= " + number(tolerance));
    }

    /** Not converged: stops after {@code max} iterations. */
    static StoppingRule maxIterations(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the iteration cap must be >= 1, got " + max);
        }
        return simple(s -> s.iteration() >= max, StopReason.MAX_ITERATIONS, max + " iterations");
    }

    private static StoppingRule simple(java.util.function.Predicate<IterationState> test, StopReason reason,
                                       String description) {
        return new StoppingRule() {
            @Override
            public Optional<StopReason> check(IterationState state) {
                return test.test(state) ? Optional.of(reason) : Optional.empty();
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    /** A tolerance as people write it: {@code 1e-08}, {@code 0.001}, {@code 2.5e-10}. */
    private static String number(double value) {
        return value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)
                ? String.format(java.util.Locale.ROOT, "%.3g", value).replaceAll("\\.?0+e", "e")
                : String.format(java.util.Locale.ROOT, "%.6g", value).replaceAll("\\.?0+$", "");
    }
}
