package dev.argmax.optim.cd;

import dev.argmax.core.objective.Capability;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.stopping.KktTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Proximal coordinate descent in glmnet's style ("cd"), for any datafit with second derivatives
 * and any separable penalty (lasso, ridge, elastic net, penalty factors, box limits).
 *
 * <p>Each outer iteration replaces the datafit by its second-order expansion at the current
 * linear predictor (for a quadratic datafit this is exact and one outer iteration suffices; for
 * binomial and Poisson it is the IRLS quadratic approximation) and minimizes the expansion plus
 * the penalty by cyclic coordinate descent, with the update
 * {@link dev.argmax.core.objective.SeparablePenalty#coordinateMinimizer}; the step is halved
 * until the true objective decreases. Inner passes cycle over the active set and a full pass over
 * the eligible coordinates confirms it. The run stops when the largest KKT violation
 * ({@link Problem#kktViolation}), computed exactly from the data, is at most
 * {@code tolerance * scale} with {@code scale = max_j |x_j'(-g)|} at the start of the
 * workspace (the null gradient, i.e. {@code lambda_max * alpha} for the Gaussian lasso), and,
 * for the Gaussian lasso, the duality gap is at most {@code max(gapTolerance |F|, 2 tol ||b||_1)} (a KKT
 * violation tol leaves a gap of about {@code tol ||b||_1}). When three outer iterations change
 * neither the objective nor the KKT violation (a tolerance below the rounding floor), the run
 * stops as converged to rounding precision ({@code CONVERGED_OBJECTIVE_CHANGE}). See
 * {@link CoordinateDescentWorkspace} for the data layout (naive and covariance updates).
 *
 * <p>A datafit with a vector-valued linear predictor (the multinomial logit) or a penalty
 * separable over groups (the group lasso) is handled by {@link BlockCoordinateDescent}: proximal
 * Newton on the block Hessian of all columns, its model minimized coordinate by coordinate for a
 * separable penalty and by block updates of each group for a group penalty, with the same
 * tolerance and pass cap.
 *
 * <p>For a path, use a {@link CoordinateDescentWorkspace} directly: it keeps the prepared data
 * (centered copy of X or Gram) between lambdas.
 */
public final class CoordinateDescent implements Solver {

    /** How the inner coordinate updates are computed. */
    public enum Mode {
        /** Covariance updates for a quadratic datafit with n &gt; p and p &lt;= 2000, naive otherwise. */
        AUTO,
        /** Residual updates on a centered copy of X: O(n) per coordinate update. */
        NAIVE,
        /** Gram updates ({@code X'WX} formed once): O(p) per update; quadratic datafits only. */
        COVARIANCE
    }

    /** What a coordinate-descent tolerance is measured against. */
    public enum ToleranceScale {
        /**
         * Relative to the null gradient scale {@code max_j |x_j'(-g)|} at the start of the
         * workspace (glmnet-like: the same tolerance means the same relative accuracy on any data).
         */
        NULL_GRADIENT,
        /** Absolute: the KKT violation itself ({@link Problem#kktViolation}), as a {@link KktTarget}. */
        ABSOLUTE
    }

    /**
     * @param tolerance KKT tolerance, in the units of {@code scale} (default 1e-9 relative)
     * @param scale what the tolerance is relative to (default {@link ToleranceScale#NULL_GRADIENT})
     * @param gapTolerance duality-gap tolerance relative to |F| for the Gaussian lasso (default 1e-10)
     * @param maxPasses cap on coordinate passes over all outer iterations (default 100000)
     * @param mode update scheme
     */
    public record Settings(double tolerance, ToleranceScale scale, double gapTolerance, int maxPasses, Mode mode) {
        public Settings {
            if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be finite and > 0, got " + tolerance);
            }
            if (scale == null) {
                throw new IllegalArgumentException("the tolerance scale must be given");
            }
            if (!(gapTolerance > 0) || Double.isInfinite(gapTolerance)) {
                throw new IllegalArgumentException("gap tolerance must be finite and > 0, got " + gapTolerance);
            }
            if (maxPasses < 1) {
                throw new IllegalArgumentException("the pass cap must be >= 1, got " + maxPasses);
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode must be given");
            }
        }

        /** Defaults: tolerance 1e-9 relative to the null gradient, gap 1e-10, 100000 passes, AUTO. */
        public static Settings defaults() {
            return new Settings(1e-9, ToleranceScale.NULL_GRADIENT, 1e-10, 100_000, Mode.AUTO);
        }

        /** The same settings with another tolerance on the same scale. */
        public Settings withTolerance(double t) {
            return new Settings(t, scale, gapTolerance, maxPasses, mode);
        }

        /**
         * Stops at KKT violation {@code <= target.tolerance()} (absolute), within the target's
         * cap (in passes) or this one.
         */
        public Settings withKktTarget(KktTarget target) {
            return new Settings(target.tolerance(), ToleranceScale.ABSOLUTE, gapTolerance,
                    target.capOr(maxPasses), mode);
        }

        public Settings withMaxPasses(int m) {
            return new Settings(tolerance, scale, gapTolerance, m, mode);
        }

        public Settings withMode(Mode m) {
            return new Settings(tolerance, scale, gapTolerance, maxPasses, m);
        }

        /**
         * The tolerance relative to the null gradient scale of a workspace (what
         * {@link CoordinateDescentWorkspace#solve(dev.argmax.core.objective.Penalty, double[], boolean[], double)}
         * takes): the tolerance itself, or the absolute one divided by {@code gradientScale}.
         */
        public double relativeTolerance(double gradientScale) {
            return scale == ToleranceScale.ABSOLUTE ? tolerance / gradientScale : tolerance;
        }
    }

    private final Settings settings;

    public CoordinateDescent() {
        this(Settings.defaults());
    }

    public CoordinateDescent(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The same solver stopping at KKT violation {@code <= target.tolerance()} (absolute, not
     * relative to the null gradient), within the target's cap in passes or this one's. A target
     * below the rounding floor (three outer iterations that change neither the objective nor the
     * violation) stops with {@link dev.argmax.optim.StopReason#ROUNDING_FLOOR}, not converged.
     */
    @Override
    public CoordinateDescent withKktTarget(KktTarget target) {
        return new CoordinateDescent(settings.withKktTarget(target));
    }

    @Override
    public String name() {
        return "cd";
    }

    @Override
    public Set<Capability> requiredDatafitCapabilities() {
        return EnumSet.of(Capability.HESSIAN, Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    /** {@link Capability#SEPARABLE_PROX}, or {@link Capability#GROUP_PROX} instead (see {@link #missingCapabilities}). */
    @Override
    public Set<Capability> requiredPenaltyCapabilities() {
        return EnumSet.of(Capability.SEPARABLE_PROX);
    }

    /** The multinomial and other vector-valued predictors: proximal Newton on the block Hessian. */
    @Override
    public boolean acceptsVectorPredictor() {
        return true;
    }

    /** As the default, except that a penalty separable over groups stands in for a separable one. */
    @Override
    public List<Capability> missingCapabilities(Problem problem) {
        List<Capability> missing = new ArrayList<>(Solver.super.missingCapabilities(problem));
        if (problem.penalty().capabilities().contains(Capability.GROUP_PROX)) {
            missing.remove(Capability.SEPARABLE_PROX);
        }
        return missing;
    }

    /**
     * @throws IncompatibleSolverException when the datafit has no second derivatives or the
     *     penalty is not separable
     */
    @Override
    public SolverResult solve(Problem problem, double[] start) {
        long clockStart = System.nanoTime();
        requireSupported(problem, Solvers.all());
        if (problem.predictorColumns() > 1 || !(problem.penalty() instanceof dev.argmax.core.objective.SeparablePenalty)) {
            BlockCoordinateDescent block = new BlockCoordinateDescent(problem.design(), problem.datafit(),
                    problem.offset(), settings);
            return block.solve(problem.penalty(), start, null, settings.relativeTolerance(block.gradientScale()),
                    clockStart).result();
        }
        CoordinateDescentWorkspace ws = new CoordinateDescentWorkspace(problem.design(), problem.datafit(),
                problem.offset(), settings);
        return ws.solve(problem.penalty(), start, null, settings.relativeTolerance(ws.gradientScale()), clockStart)
                .result();
    }
}
