package dev.argmax.optim.leastsquares;

import dev.argmax.core.linalg.LeastSquares;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.trace.Trace;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Gaussian / identity maximum-likelihood fit (ordinary or weighted least squares) solved
 * directly, through core {@link LeastSquares}: centering and scaling, the Cholesky factor of the
 * Gram (one SYRK) where its condition estimate shows that refinement converges and the covariance
 * keeps 12 digits, Householder QR with column pivoting otherwise, and iterative refinement with
 * residuals in double-double either way, so that it keeps the digits that plain normal equations
 * lose on ill-conditioned designs (the NIST StRD sets). Aliased columns are dropped (R's
 * sequential test; by default at the rounding level, where a column cannot be told from an exact
 * linear combination; R's {@code lm} uses 1e-7). The name "qr" is kept for the command line.
 *
 * <p>Only for a squared-error datafit without penalty; anything else is rejected before any work
 * with a message naming the missing capability.
 */
public final class QrLeastSquaresSolver implements Solver {

    /** Name on the command line and in traces. */
    public static final String NAME = "qr";

    private final LeastSquares.Options options;
    private final Optional<KktTarget> target;

    /** Aliasing at the rounding level ({@link LeastSquares#ROUNDING_LEVEL}), up to 10 refinement steps. */
    public QrLeastSquaresSolver() {
        this(LeastSquares.ROUNDING_LEVEL, 10);
    }

    /**
     * @param aliasTolerance relative tolerance of the aliasing test, or
     *     {@link LeastSquares#ROUNDING_LEVEL} (0) for the rounding level; R's {@code lm} uses 1e-7
     * @param maxRefinements cap on double-double refinement steps (0 = plain pivoted QR)
     */
    public QrLeastSquaresSolver(double aliasTolerance, int maxRefinements) {
        this(new LeastSquares.Options(true, aliasTolerance, maxRefinements), Optional.empty());
    }

    private QrLeastSquaresSolver(LeastSquares.Options options, Optional<KktTarget> target) {
        this.options = options;
        this.target = target;
    }

    /**
     * The same solver judged against a KKT target. A direct solution refined in double-double is as
     * accurate as double precision allows, so no further work can lower its violation: when that
     * violation is above {@code target.tolerance()} the result stops with
     * {@link StopReason#ROUNDING_FLOOR} (not converged) and says so. The cap is irrelevant here.
     */
    @Override
    public QrLeastSquaresSolver withKktTarget(KktTarget kktTarget) {
        return new QrLeastSquaresSolver(options, Optional.of(kktTarget));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requiredDatafitCapabilities() {
        return EnumSet.of(Capability.LEAST_SQUARES);
    }

    @Override
    public Set<Capability> requiredPenaltyCapabilities() {
        return EnumSet.of(Capability.UNPENALIZED);
    }

    @Override
    public SolverResult solve(Problem problem, double[] start) {
        return fit(problem).result();
    }

    /** Solves and returns the core solution as well (covariance, RSS, aliased columns). */
    public LeastSquaresFit fit(Problem problem) {
        Trace.Recorder recorder = new Trace.Recorder(System.nanoTime());
        requireSupported(problem, Solvers.all());
        if (!(problem.datafit() instanceof QuadraticDatafit quadratic)) {
            throw new IncompatibleSolverException("solver 'qr' needs the response and weights of a "
                    + "QuadraticDatafit; got " + problem.datafit().getClass().getSimpleName());
        }
        LeastSquares.Options opts = new LeastSquares.Options(problem.design().hasIntercept(),
                options.aliasTolerance(), options.maxRefinements());
        double[] offset = problem.offset();
        boolean anyOffset = false;
        for (double o : offset) {
            anyOffset |= o != 0;
        }
        LeastSquares.Solution solution = LeastSquares.solve(problem.design().x(), quadratic.response(),
                quadratic.weights(), anyOffset ? offset : null, opts);
        double[] beta = solution.coefficients();
        for (int j = 0; j < beta.length; j++) {
            if (Double.isNaN(beta[j])) {
                beta[j] = 0.0;
            }
        }
        // the datafit's gradient A' w (eta - y) / W from the solution's normal-equations residual
        double[] eta = solution.fittedValues();
        double objective = problem.objective(beta, eta);
        double[] gradient = solution.normalEquationsResidual().clone();
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] /= -quadratic.weightSum();
        }
        double kkt = problem.kktViolationFromGradient(beta, gradient);
        String message = "solved directly by " + solution.method().description() + " with "
                + solution.refinementSteps()
                + (solution.method() == LeastSquares.Method.SEMI_NORMAL_EQUATIONS_REFINED_IN_DOUBLE
                        ? " refinement step in double" : " double-double refinement step")
                + (solution.refinementSteps() == 1 ? "" : "s")
                + (solution.aliased().length > 0 ? "; " + solution.aliased().length + " aliased column(s)" : "");
        StopReason stop = StopReason.CONVERGED_DIRECT;
        if (target.isPresent() && !target.get().reached(kkt)) {
            stop = StopReason.ROUNDING_FLOOR;
            message = String.format(java.util.Locale.ROOT, "not converged: KKT violation %.3g > %.3g, the rounding "
                    + "floor of the direct solution (", kkt, target.get().tolerance()) + message + ")";
        }
        recorder.record(1, objective, kkt, 1.0);
        SolverResult result = new SolverResult(NAME, beta, objective, kkt, 1, stop, message,
                recorder.toTrace(), recorder.elapsedNanos());
        return new LeastSquaresFit(result, solution, eta);
    }
}
