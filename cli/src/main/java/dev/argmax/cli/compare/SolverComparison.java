package dev.argmax.cli.compare;

import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.stopping.KktTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several solvers on one {@link Problem} and sets them side by side: the best objective
 * {@code F_best} any of them reached, each one's gap {@code F - F_best}, its largest coefficient
 * difference from the best solver's coefficients, and whether it converged.
 *
 * <p>With a {@link KktTarget} every solver is driven to it ({@link Solver#withKktTarget}: each
 * stops when its KKT violation, {@link Problem#kktViolation}, the measure every solver shares, is
 * at most the target, within its iteration cap), and "converged" means both that the solver said
 * so and that its final violation is within the target. Without one each solver stops by its own
 * default rule and "converged" is its own verdict. A solver that throws is reported with its
 * message, never dropped.
 */
public final class SolverComparison {

    private static final Logger LOG = LoggerFactory.getLogger(SolverComparison.class);

    private final List<SolverRun> runs;
    private final double bestObjective;
    private final String bestSolver;
    private final Optional<KktTarget> target;

    private SolverComparison(List<SolverRun> runs, double bestObjective, String bestSolver,
                             Optional<KktTarget> target) {
        this.runs = List.copyOf(runs);
        this.bestObjective = bestObjective;
        this.bestSolver = bestSolver;
        this.target = target;
    }

    /**
     * Runs every solver in {@code solvers} on {@code problem} from its own start, in order, each
     * stopping by its own default rule.
     *
     * @param progress told (index, solver name) before each solver starts
     * @throws IllegalArgumentException when there is no solver
     */
    public static SolverComparison run(Problem problem, List<Solver> solvers, BiConsumer<Integer, String> progress) {
        return run(problem, solvers, Optional.empty(), progress);
    }

    /**
     * Runs every solver in {@code solvers} on {@code problem} from its own start, in order, each
     * driven to the KKT target.
     *
     * @param progress told (index, solver name) before each solver starts
     * @throws IllegalArgumentException when there is no solver
     */
    public static SolverComparison run(Problem problem, List<Solver> solvers, KktTarget target,
                                       BiConsumer<Integer, String> progress) {
        return run(problem, solvers, Optional.of(target), progress);
    }

    private static SolverComparison run(Problem problem, List<Solver> solvers, Optional<KktTarget> target,
                                        BiConsumer<Integer, String> progress) {
        if (solvers.isEmpty()) {
            throw new IllegalArgumentException("no solver to compare: none of the registered solvers handles the "
                    + problem.datafit().name() + " datafit with penalty " + problem.penalty().name());
        }
        List<SolverResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < solvers.size(); i++) {
            Solver s = target.isPresent() ? solvers.get(i).withKktTarget(target.get()) : solvers.get(i);
            progress.accept(i, s.name());
            try {
                results.add(s.solve(problem, null));
                errors.add(null);
            } catch (RuntimeException e) {
                LOG.warn("solver {} failed: {}", s.name(), e.getMessage());
                results.add(null);
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        int best = -1;
        for (int i = 0; i < results.size(); i++) {
            SolverResult r = results.get(i);
            if (r != null && Double.isFinite(r.objective()) && (best < 0 || r.objective() < results.get(best).objective())) {
                best = i;
            }
        }
        double bestObjective = best < 0 ? Double.NaN : results.get(best).objective();
        double[] bestCoefficients = best < 0 ? null : results.get(best).coefficients();
        List<SolverRun> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SolverResult r = results.get(i);
            String name = solvers.get(i).name();
            if (r == null) {
                runs.add(new SolverRun(name, null, errors.get(i), false, Double.NaN, Double.NaN));
                continue;
            }
            boolean converged = r.converged() && target.map(t -> t.reached(r.optimality())).orElse(true);
            double gap = r.objective() - bestObjective;
            double diff = Double.NaN;
            if (bestCoefficients != null) {
                double[] c = r.coefficients();
                diff = 0;
                for (int j = 0; j < c.length; j++) {
                    diff = Math.max(diff, Math.abs(c[j] - bestCoefficients[j]));
                }
            }
            if (!converged) {
                LOG.warn("solver {} did not converge{}: {} (violation {})", name,
                        target.map(t -> " to KKT violation <= " + t.tolerance()).orElse(""), r.message(),
                        r.optimality());
            }
            runs.add(new SolverRun(name, r, null, converged, gap, diff));
        }
        return new SolverComparison(runs, bestObjective, best < 0 ? null : solvers.get(best).name(), target);
    }

    /** The runs, in the order the solvers were given. */
    public List<SolverRun> runs() {
        return runs;
    }

    /** The lowest final objective (NaN if every solver failed). */
    public double bestObjective() {
        return bestObjective;
    }

    /** The solver that reached it (null if every solver failed). */
    public String bestSolver() {
        return bestSolver;
    }

    /** The KKT target every solver was driven to, or empty when each stopped by its own rule. */
    public Optional<KktTarget> target() {
        return target;
    }
}
