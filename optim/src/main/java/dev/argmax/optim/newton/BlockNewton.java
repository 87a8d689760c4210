package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.SmoothPenalty;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newton's method on the full Hessian ("newton"), for a smooth objective {@code F = D + P} whose
 * datafit gives second derivatives, with a scalar or a vector-valued linear predictor: the
 * Hessian is {@link Problem#datafitHessian} (for the multinomial logit the block information
 * {@code sum_i (w_i/W)(diag(p_i) - p_i p_i') (x) x_i x_i'}, in the reference parametrization,
 * where it is positive definite) plus the penalty's diagonal. Each iteration solves
 * {@code H delta = -g} by Cholesky and backtracks (halving) until the Armijo condition
 * {@code F(beta + t delta) <= F(beta) + 1e-4 t g'delta} holds.
 *
 * <p><b>Stopping.</b> The Newton decrement {@code lambda^2 = -g'delta} is twice the predicted
 * decrease {@code F(beta) - F*}; the run converges when it is at most
 * {@code tolerance (1 + |F|)} (default {@code 1e-20}, far below the rounding of F), and the step is
 * still taken, so the returned iterate is one quadratically convergent step beyond that point.
 * Near that level F itself is flat to rounding, so a step whose decrease is lost in rounding
 * ({@code F_new <= F + 1e-13 (1 + |F|)}) is accepted once the decrement is below
 * {@code 1e-12 (1 + |F|)}. A Hessian that is not numerically positive definite (the MLE does not
 * exist, a class with no observation, aliased columns) stops the run with
 * {@link StopReason#SINGULAR_HESSIAN}. With a KKT target ({@link #withKktTarget}) the run stops
 * instead when the KKT violation is at most the target.
 */
public final class BlockNewton implements Solver {

    /** The name on the command line. */
    public static final String NAME = "newton";

    private static final Logger LOG = LoggerFactory.getLogger(BlockNewton.class);
    private static final double ARMIJO = 1e-4;
    private static final double ROUNDING = 1e-13;

    private final double tolerance;
    private final int maxIterations;
    private final int maxHalvings;
    private final Optional<KktTarget> target;

    /** Decrement tolerance 1e-20, 100 iterations, 50 halvings. */
    public BlockNewton() {
        this(1e-20, 100, 50);
    }

    /**
     * @param tolerance on the Newton decrement {@code -g'delta}, relative to {@code 1 + |F|}
     * @param maxIterations cap on Newton steps
     * @param maxHalvings cap on step halvings per iteration
     */
    public BlockNewton(double tolerance, int maxIterations, int maxHalvings) {
        if (!(tolerance > 0) || maxIterations < 1 || maxHalvings < 0) {
            throw new IllegalArgumentException("need tolerance > 0, maxIterations >= 1, maxHalvings >= 0; got "
                    + tolerance + ", " + maxIterations + ", " + maxHalvings);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.maxHalvings = maxHalvings;
        this.target = Optional.empty();
    }

    private BlockNewton(BlockNewton base, KktTarget target) {
        this.tolerance = base.tolerance;
        this.maxIterations = target.capOr(base.maxIterations);
        this.maxHalvings = base.maxHalvings;
        this.target = Optional.of(target);
    }

    /**
     * The same method stopping when the KKT violation {@link Problem#kktViolation} at the iterate
     * (checked at the start and after every step) is at most {@code target.tolerance()}, instead
     * of on the Newton decrement; within the target's cap or this solver's.
     */
    @Override
    public BlockNewton withKktTarget(KktTarget kktTarget) {
        return new BlockNewton(this, kktTarget);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean acceptsVectorPredictor() {
        return true;
    }

    @Override
    public Set<Capability> requiredDatafitCapabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.HESSIAN);
    }

    @Override
    public Set<Capability> requiredPenaltyCapabilities() {
        return EnumSet.of(Capability.SMOOTH_PENALTY);
    }

    @Override
    public SolverResult solve(Problem problem, double[] start) {
        requireSupported(problem, Solvers.all());
        Trace.Recorder recorder = new Trace.Recorder();
        int dim = problem.coefficients();
        double[] beta = start == null ? new double[dim] : checkStart(start, dim);
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(beta, eta);
        double f = problem.objective(beta, eta);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("newton: the objective is not finite at the starting point (" + f
                    + "); give a start inside the domain");
        }
        SmoothPenalty penalty = (SmoothPenalty) problem.penalty();
        double[] trial = new double[dim];
        double[] etaTrial = new double[eta.length];
        StopReason stop = StopReason.MAX_ITERATIONS;
        String message = "stopped: " + maxIterations + " iterations";
        int iteration = 0;
        if (target.isPresent() && target.get().reached(problem.kktViolation(beta, eta))) {
            stop = StopReason.CONVERGED_OPTIMALITY;
            message = "converged: KKT violation <= " + String.format("%.3g", target.get().tolerance()) + " at the start";
        }
        while (!stop.converged() && iteration < maxIterations) {
            double[] g = gradient(problem, penalty, beta, eta);
            Matrix h = hessian(problem, penalty, beta, eta);
            double[] delta;
            try {
                delta = Cholesky.factor(h).solve(g);
            } catch (NotPositiveDefiniteException e) {
                stop = StopReason.SINGULAR_HESSIAN;
                message = "stopped: the Hessian is not numerically positive definite at iteration " + (iteration + 1)
                        + " (" + e.getMessage() + ")";
                break;
            }
            double decrement = 0;
            for (int j = 0; j < dim; j++) {
                delta[j] = -delta[j];
                decrement -= g[j] * delta[j];
            }
            iteration++;
            double scale = 1 + Math.abs(f);
            boolean flat = decrement <= 1e-12 * scale;
            double t = 1;
            double fTrial = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving <= maxHalvings; halving++) {
                for (int j = 0; j < dim; j++) {
                    trial[j] = beta[j] + t * delta[j];
                }
                problem.linearPredictor(trial, etaTrial);
                fTrial = problem.objective(trial, etaTrial);
                if (Double.isFinite(fTrial) && (fTrial <= f - ARMIJO * t * decrement
                        || flat && fTrial <= f + ROUNDING * scale)) {
                    accepted = true;
                    break;
                }
                t /= 2;
            }
            if (!accepted) {
                stop = Double.isFinite(fTrial) ? StopReason.LINE_SEARCH_FAILED : StopReason.NON_FINITE;
                message = "stopped: no step along the Newton direction decreases the objective (iteration "
                        + iteration + ", Newton decrement " + String.format("%.3g", decrement) + ")";
                recorder.record(iteration, f, Double.NaN, Double.NaN);
                break;
            }
            System.arraycopy(trial, 0, beta, 0, dim);
            System.arraycopy(etaTrial, 0, eta, 0, eta.length);
            f = fTrial;
            double kkt = problem.kktViolation(beta, eta);
            recorder.record(iteration, f, kkt, t);
            if (target.isPresent()) {
                if (target.get().reached(kkt)) {
                    stop = StopReason.CONVERGED_OPTIMALITY;
                    message = "converged: KKT violation <= " + String.format("%.3g", target.get().tolerance());
                    break;
                }
            } else if (decrement <= tolerance * scale) {
                stop = StopReason.CONVERGED_OBJECTIVE_CHANGE;
                message = "converged: Newton decrement " + String.format("%.3g", decrement) + " <= "
                        + String.format("%.3g", tolerance) + " (1 + |F|)";
                break;
            }
        }
        double optimality = problem.kktViolation(beta, eta);
        String full = message + " (KKT violation " + String.format("%.3g", optimality) + ", " + iteration
                + " iterations)";
        if (!stop.converged()) {
            LOG.warn("newton did not converge: {}", full);
        }
        return new SolverResult(NAME, beta, f, optimality, iteration, stop, full, recorder.toTrace(),
                recorder.elapsedNanos());
    }

    /** {@code A' D'(eta)} plus the penalty gradient at the slopes. */
    private static double[] gradient(Problem problem, SmoothPenalty penalty, double[] beta, double[] eta) {
        double[] g = problem.datafitGradient(eta);
        double[] pg = new double[problem.slopeCount()];
        penalty.gradient(problem.slopes(beta), pg);
        for (int j = 0; j < pg.length; j++) {
            g[problem.slopeIndex(j)] += pg[j];
        }
        return g;
    }

    /** {@link Problem#datafitHessian} plus the penalty's diagonal. */
    private static Matrix hessian(Problem problem, SmoothPenalty penalty, double[] beta, double[] eta) {
        Matrix h = problem.datafitHessian(eta);
        double[] extra = new double[problem.coefficients()];
        double[] slopes = problem.slopes(beta);
        boolean any = false;
        for (int j = 0; j < slopes.length; j++) {
            double v = penalty.hessianDiagonal(j, slopes[j]);
            extra[problem.slopeIndex(j)] = v;
            any |= v != 0;
        }
        return any ? h.plusDiagonal(extra) : h;
    }

    private static double[] checkStart(double[] start, int dim) {
        if (start.length != dim) {
            throw new IllegalArgumentException("start has length " + start.length + ", expected " + dim
                    + " coefficients");
        }
        for (double v : start) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("start contains a non-finite value " + v);
            }
        }
        return start.clone();
    }
}
