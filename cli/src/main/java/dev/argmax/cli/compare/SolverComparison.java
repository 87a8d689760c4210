package dev.argmax.cli.compare;

import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several solvers on one {@link Problem} and sets them side by side: the best objective
 * {@code F_best} any of them reached, each one's gap {@code F - F_best}, its largest coefficient
 * difference from the best solver's coefficients, and whether it converged.
 *
 * <p>"Converged" means both that the solver said so and that its final KKT violation
 * ({@link Problem#kktViolation}, the measure every solver shares) is at most the comparison's
 * tolerance: a solver that stopped on a loose criterion of its own is not counted as converged
 * at a tighter tolerance. A solver that throws is reported with its message, never dropped.
 */
public final class SolverComparison {

    private static final Logger LOG = LoggerFactory.getLogger(SolverComparison.class);

    private final List<SolverRun> runs;
    private final double bestObjective;
    private final String bestSolver;
    private final double tolerance;

    private SolverComparison(List<SolverRun> runs, double bestObjective, String bestSolver, double tolerance) {
        this.runs = List.copyOf(runs);
        this.bestObjective = bestObjective;
        this.bestSolver = bestSolver;
        this.tolerance = tolerance;
    }

    /**
     * Runs every solver in {@code solvers} on {@code problem} from its own start, in order.
     *
     * @param tolerance the KKT violation at which a solver counts as converged (> 0)
     * @param progress told (index, solver name) before each solver starts; may be null
     * @throws IllegalArgumentException when there is no solver, or the tolerance is not positive
     */
    public static SolverComparison run(Problem problem, List<Solver> solvers, double tolerance,
                                       BiConsumer<Integer, String> progress) {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the tolerance must be finite and > 0, got " + tolerance);
        }
        if (solvers.isEmpty()) {
            throw new IllegalArgumentException("no solver to compare: none of the registered solvers handles the "
                    + problem.datafit().name() + " datafit with penalty " + problem.penalty().name());
        }
        List<SolverResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < solvers.size(); i++) {
            Solver s = solvers.get(i);
            if (progress != null) {
                progress.accept(i, s.name());
            }
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
            boolean converged = r.converged() && r.optimality() <= tolerance;
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
                LOG.warn("solver {} did not converge to KKT violation <= {}: {} (violation {})", name, tolerance,
                        r.message(), r.optimality());
            }
            runs.add(new SolverRun(name, r, null, converged, gap, diff));
        }
        return new SolverComparison(runs, bestObjective, best < 0 ? null : solvers.get(best).name(), tolerance);
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

    /** The KKT tolerance "converged" is judged at. */
    public double tolerance() {
        return tolerance;
    }
}
