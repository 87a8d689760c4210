package dev.argmax.optim.irls;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.newton.DesignSource;
import dev.argmax.optim.newton.NewtonSource;
import dev.argmax.optim.newton.NewtonSums;
import dev.argmax.optim.newton.ObservedNewton;
import dev.argmax.optim.newton.StepCertificate;
import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iteratively reweighted least squares: Newton's method on {@code F(beta) = D(offset + A beta) +
 * P(b)}, which for the canonical links of argmax's datafits (identity, logit, log) is Fisher
 * scoring, R's {@code glm.fit} algorithm. argmax's one Fisher-scoring engine: it asks a
 * {@link NewtonSource} for the sums it needs (information {@code A' H A}, score {@code A' g},
 * loss), so the same algorithm runs on the rows of one machine ({@link DesignSource}, what
 * {@link #solve} and {@link #fit(Problem, double[], double[])} use) and on sums over the
 * partitions of a cluster ({@link #fit(NewtonSource, Penalty)}, what argmax-spark uses).
 *
 * <p>One iteration:
 * <ol>
 *   <li>the sums at the iterate: one pass over X gives {@code G = A' H A} and {@code -A' g}
 *       together (a panelled SYRK on {@code [A, -g/h]}, {@link NewtonSums#atLinearPredictor});</li>
 *   <li>the Newton step {@code (G + P'') delta = -(A' g + P')} by Cholesky;</li>
 *   <li>step-halving {@code beta + t delta}, {@code t = 1, 1/2, ...} while the objective is not
 *       finite (the linear predictor left the datafit's domain) or the deviance went up by more
 *       than the convergence tolerance; a trial step needs only the loss there
 *       ({@link NewtonSource#trialLoss}: on one machine {@code eta + t A delta}, no new Gram).</li>
 * </ol>
 * Solving for the step rather than for the new coefficients (the textbook "working response"
 * form) makes each iteration a step of iterative refinement: the rounding error of the normal
 * equations scales with the step, which goes to zero, so the fixed point is where the gradient
 * {@code A' g}, computed directly, vanishes.
 *
 * <p>Start: either coefficients, or (as R does from {@code mustart}) a linear predictor
 * {@code eta0}; from a linear predictor the first iteration solves the weighted least-squares
 * problem for the working response {@code z = eta0 - offset - g/h} directly. Without either the
 * start is {@code beta = 0}.
 *
 * <p>Stopping: R's rule {@code |dev - dev_old| / (|dev| + 0.1) < epsilon} (default 1e-8), with
 * {@code dev = 2 W (F - F_saturated)} (the deviance; with a ridge penalty, the penalized
 * deviance), or the iteration cap (default 25), or any {@link StoppingRule}. Each iteration is
 * traced with its objective, the shared optimality measure {@link Problem#kktViolation} and the
 * step size.
 *
 * <p>Rank deficiency: on the first Gram, columns that are linear combinations of earlier ones
 * are found ({@link AliasedColumns}) and left out of every later solve; their coefficients stay 0
 * and are listed in {@link IrlsFit#aliased()}.
 *
 * <p>The Gram of the pass at the final coefficients, needed anyway to check the stopping rule
 * with the optimality measure, is {@code A' H A} at the estimate itself: {@link #fit} returns it
 * as the information matrix, so the covariance costs no extra pass.
 *
 * <p>Final Newton step ({@link #fit} only): R's rule stops when the deviance change, which is
 * quadratic in the remaining error, falls below epsilon, so at R's default 1e-8 the coefficients
 * can still be about 1e-8 (relative) from the limit. When the rule is met with a last relative
 * change of at least 1e-13, {@link #fit} takes one more Newton step with the Gram it has just
 * formed at the estimate (two matrix-vector passes, no new Gram), which squares that error, and
 * keeps it only if the objective does not increase (beyond its rounding, {@link ObservedNewton#lossSlack},
 * when the predicted decrease is below it) and the KKT violation does not grow.
 * That step counts as an iteration and is traced; the information matrix is then the one at the
 * iterate before it (one step behind, as R's {@code vcov}), which on the reference fits differs
 * from the exact value at the estimate by at most 5e-10 relative in the standard errors.
 *
 * <p>Certified last step ({@link #fit} only; no penalty or a quadratic one): when the source's
 * curvature is the exact Hessian with a bounded change ({@link NewtonSource#curvatureLogLipschitz};
 * a canonical link) and the stopping rule fires after a full Newton step that is certified by
 * {@link StepCertificate} (at the rounding level by default; see {@link #withCertification}), that Gram is returned as the information and
 * none is formed at the final coefficients (their score, one pass, gives the KKT violation); the
 * final step above is then not needed. A final step that is itself certified certifies the fit in
 * the same way. {@link IrlsFit#certified()} says which; the caller then needs no further Newton finish.
 */
public final class Irls implements Solver {

    /** Name on the command line and in traces. */
    public static final String NAME = "irls";
    /** R's default {@code glm.control(epsilon)}. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** R's default {@code glm.control(maxit)}. */
    public static final int DEFAULT_MAX_ITERATIONS = 25;
    /** Relative residual below which a column counts as aliased (R's {@code lm} tolerance). */
    public static final double ALIAS_TOLERANCE = 1e-7;
    private static final int MAX_HALVINGS = 30;
    /**
     * The final Newton step is taken when the last relative deviance change was at least this:
     * below it the iterate is already accurate to rounding level.
     */
    private static final double POLISH_THRESHOLD = 1e-13;

    private static final Logger LOG = LoggerFactory.getLogger(Irls.class);

    private final double epsilon;
    private final int maxIterations;
    private final StoppingRule convergence;
    private final StoppingRule rule;
    private final double certification;

    /** R's defaults: epsilon 1e-8, at most 25 iterations. */
    public Irls() {
        this(DEFAULT_EPSILON, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * @param epsilon tolerance of R's relative deviance change rule, {@code > 0}
     * @param maxIterations iteration cap, {@code >= 1}
     */
    public Irls(double epsilon, int maxIterations) {
        this(epsilon, maxIterations, StoppingRule.relativeDevianceChange(epsilon), StepCertificate.ROUNDING_LEVEL);
    }

    private Irls(double epsilon, int maxIterations, StoppingRule convergence, double certification) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("the iteration cap must be >= 1, got " + maxIterations);
        }
        this.epsilon = epsilon;
        this.maxIterations = maxIterations;
        this.convergence = convergence;
        this.rule = convergence.or(StoppingRule.maxIterations(maxIterations));
        this.certification = StepCertificate.checkLevel(certification);
    }

    /**
     * The same solver certifying its last step at another level ({@link StepCertificate}; default
     * {@link StepCertificate#ROUNDING_LEVEL}).
     */
    public Irls withCertification(double level) {
        return new Irls(epsilon, maxIterations, convergence, level);
    }

    /**
     * The same solver with another stopping rule (the iteration cap is always added). Step-halving
     * still tolerates deviance increases below {@code epsilon}.
     */
    public Irls withStoppingRule(StoppingRule stoppingRule) {
        return new Irls(epsilon, maxIterations, stoppingRule, certification);
    }

    /**
     * The same solver stopping at {@code Problem.kktViolation <= target.tolerance()} instead of
     * R's deviance rule (KKT violation computed after every iteration, as the trace already does),
     * within the target's cap or this solver's; step-halving keeps its {@code epsilon}.
     */
    @Override
    public Irls withKktTarget(KktTarget target) {
        return new Irls(epsilon, target.capOr(maxIterations), StoppingRule.optimality(target.tolerance()),
                certification);
    }

    public double epsilon() {
        return epsilon;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /** The stopping rule in words. */
    public String stoppingRule() {
        return rule.describe();
    }

    @Override
    public String name() {
        return NAME;
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
        long clockStart = System.nanoTime();
        SmoothPenalty penalty = smoothPenalty(problem);
        return run(DesignSource.atCoefficients(problem, start), penalty, false, clockStart).result();
    }

    /**
     * Fits and returns, besides the solver result, the aliased columns, the final linear
     * predictor and the information matrix at the estimate.
     *
     * @param startCoefficients start (length {@link Problem#coefficients()}), or null
     * @param startLinearPredictor start as a linear predictor {@code eta0} (length n, offset
     *     included), used when {@code startCoefficients} is null; or null for {@code beta = 0}
     */
    public IrlsFit fit(Problem problem, double[] startCoefficients, double[] startLinearPredictor) {
        long clockStart = System.nanoTime();
        SmoothPenalty penalty = smoothPenalty(problem);
        DesignSource source = startCoefficients == null && startLinearPredictor != null
                ? DesignSource.atLinearPredictor(problem, startLinearPredictor)
                : DesignSource.atCoefficients(problem, startCoefficients);
        IrlsFit fit = run(source, penalty, true, clockStart);
        return new IrlsFit(fit.result(), fit.aliased(), source.linearPredictor(), fit.information(),
                fit.lastStepMaxEtaChange(), fit.deviance(), fit.certified(), fit.sumsAtEstimate());
    }

    /**
     * Fits on any {@link NewtonSource} (the sums over the partitions of a cluster, say): the same
     * algorithm, aliasing, start, step-halving, stopping and trace as {@link #fit(Problem, double[],
     * double[])}. The returned fit has no linear predictor (the rows are the source's).
     *
     * @param penalty the penalty on the {@code k - firstSlope} slopes; must be smooth
     */
    public IrlsFit fit(NewtonSource source, Penalty penalty) {
        long clockStart = System.nanoTime();
        if (!(penalty instanceof SmoothPenalty smooth) || !penalty.isSmooth()) {
            throw new IncompatibleSolverException("solver 'irls' needs a penalty with a gradient and Hessian; "
                    + penalty.name() + " is not smooth: use coordinate descent or proximal Newton");
        }
        return run(source, smooth, true, clockStart);
    }

    private SmoothPenalty smoothPenalty(Problem problem) {
        requireSupported(problem, Solvers.all());
        if (!(problem.penalty() instanceof SmoothPenalty penalty)) {
            throw new IncompatibleSolverException("solver 'irls' needs a penalty with a gradient and Hessian; "
                    + problem.penalty().name() + " does not implement SmoothPenalty");
        }
        return penalty;
    }

    /** @param clockStart {@link System#nanoTime()} when {@code solve} or {@code fit} was entered */
    private IrlsFit run(NewtonSource source, SmoothPenalty penalty, boolean wantInformation, long clockStart) {
        int k = source.coefficients();
        int off = source.firstSlope();
        Trace.Recorder recorder = new Trace.Recorder(clockStart);

        double[] startBeta = source.startCoefficients();
        boolean fromEta = startBeta == null;
        double[] beta = fromEta ? new double[k] : startBeta;
        NewtonSums sums = source.sums();
        double weightSum = sums.weightSum();
        double saturatedLoss = sums.saturatedLoss();
        double objective = sums.loss() / weightSum + (fromEta ? 0.0 : penalty.value(slopes(beta, off)));
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("the starting values give a non-finite objective (" + objective
                    + "): the linear predictor is outside the datafit's domain");
        }
        double deviance = 2 * (weightSum * objective - saturatedLoss);

        int[] aliased = null;
        int[] kept = null;
        int iteration = 0;
        StopReason stop;
        String detail;
        double kkt = Double.NaN;
        double lastEtaChange = Double.NaN;
        double lastRelativeChange = Double.NaN;
        double loss = sums.loss();
        Matrix information = null;
        double[] rhs = null;
        double[] direction = new double[k];
        OptionalDouble logLipschitz = source.curvatureLogLipschitz();
        boolean certified = false;

        while (true) {
            Matrix gram = withPenaltyCurvature(normalized(sums), penalty, beta, off);
            boolean newtonForm = !(fromEta && iteration == 0);
            rhs = newtonRhs(sums, newtonForm ? penalty : null, beta, off);
            if (aliased == null) {
                aliased = AliasedColumns.find(gram, ALIAS_TOLERANCE);
                kept = complement(aliased, k);
                if (aliased.length > 0) {
                    LOG.debug("irls: {} aliased column(s) {}", aliased.length, Arrays.toString(aliased));
                }
            }
            double[] solved;
            try {
                Cholesky chol = Cholesky.factor(submatrix(gram, kept));
                solved = chol.solve(pick(rhs, kept));
            } catch (NotPositiveDefiniteException e) {
                stop = StopReason.SINGULAR_HESSIAN;
                detail = "the weighted Gram matrix A'WA became numerically singular at iteration " + (iteration + 1);
                information = null;
                break;
            }
            Arrays.fill(direction, 0.0);
            for (int c = 0; c < kept.length; c++) {
                direction[kept[c]] = solved[c];
            }
            // the first solve from a linear predictor gives coefficients, not a step: step from beta = 0
            double[] baseBeta = newtonForm ? beta : new double[k];
            if (!allFinite(direction)) {
                stop = StopReason.NON_FINITE;
                detail = "the IRLS step is not finite at iteration " + (iteration + 1);
                information = wantInformation ? gram : null;
                break;
            }
            source.direction(direction, !newtonForm);
            double step = 1.0;
            int halvings = 0;
            double trialObjective;
            double trialLoss;
            double[] trialBeta = new double[k];
            while (true) {
                for (int j = 0; j < k; j++) {
                    trialBeta[j] = baseBeta[j] + step * direction[j];
                }
                trialLoss = source.trialLoss(step);
                trialObjective = trialLoss / weightSum + penalty.value(slopes(trialBeta, off));
                boolean finite = Double.isFinite(trialObjective);
                double trialDeviance = 2 * (weightSum * trialObjective - saturatedLoss);
                boolean increased = newtonForm
                        && (trialDeviance - deviance) / (Math.abs(trialDeviance) + 0.1) > epsilon;
                if (finite && !increased) {
                    break;
                }
                if (++halvings > MAX_HALVINGS) {
                    break;
                }
                step *= 0.5;
            }
            if (halvings > MAX_HALVINGS) {
                boolean finite = Double.isFinite(trialObjective);
                stop = finite ? StopReason.LINE_SEARCH_FAILED : StopReason.NON_FINITE;
                detail = (finite ? "the deviance did not decrease" : "the deviance stayed non-finite")
                        + " after " + MAX_HALVINGS + " step-halvings at iteration " + (iteration + 1);
                information = wantInformation && newtonForm ? gram : null;
                break;
            }
            iteration++;
            double change = 0;
            double size = 0;
            for (int j = 0; j < k; j++) {
                change = Math.max(change, Math.abs(trialBeta[j] - beta[j]));
                size = Math.max(size, Math.abs(trialBeta[j]));
            }
            lastEtaChange = source.accept(step);
            beta = trialBeta;
            loss = trialLoss;
            double previousObjective = objective;
            double previousDeviance = deviance;
            objective = trialObjective;
            deviance = 2 * (weightSum * objective - saturatedLoss);
            lastRelativeChange = Math.abs(deviance - previousDeviance) / (Math.abs(deviance) + 0.1);

            IterationState partial = new IterationState(iteration, objective, previousObjective, deviance,
                    previousDeviance, Double.NaN, change / Math.max(1.0, size));
            Optional<StopReason> reason = rule.check(partial);
            // a converged full Newton step with a certified curvature change: its Gram is the information
            boolean reuse = wantInformation && newtonForm && step == 1.0 && reason.filter(StopReason::converged)
                    .isPresent() && StepCertificate.certifies(logLipschitz, lastEtaChange, certification);
            double[] gradient;
            if (reuse) {
                gradient = scaled(source.score(), 1.0 / weightSum);
            } else if (reason.isEmpty() || wantInformation) {
                sums = source.sums();
                gradient = scaled(sums.score(), 1.0 / weightSum);
            } else {
                gradient = scaled(source.score(), 1.0 / weightSum);
            }
            kkt = Problem.kktViolation(penalty, off, beta, gradient);
            if (reason.isEmpty()) {
                reason = rule.check(new IterationState(iteration, objective, previousObjective, deviance,
                        previousDeviance, kkt, change / Math.max(1.0, size)));
            }
            recorder.record(iteration, objective, kkt, step);
            if (reason.isPresent()) {
                stop = reason.get();
                detail = stop.converged() ? convergence.describe() : "reached the cap of " + iteration + " iterations";
                if (reuse) {
                    information = gram;
                    certified = true;
                    detail += "; the information is the Gram of the last step (certified: it changed no row's curvature"
                            + " by more than a factor e^" + String.format(java.util.Locale.ROOT, "%.1e",
                            logLipschitz.getAsDouble() * lastEtaChange) + ")";
                } else {
                    information = wantInformation ? withPenaltyCurvature(normalized(sums), penalty, beta, off) : null;
                    if (wantInformation) {
                        rhs = newtonRhs(sums, penalty, beta, off);
                    }
                }
                break;
            }
        }
        NewtonSums sumsAtEstimate = wantInformation && !certified && information != null ? sums : null;
        if (wantInformation && stop.converged() && information != null && !certified
                && lastRelativeChange >= POLISH_THRESHOLD) {
            // Final Newton step with the Gram already formed at the estimate: squares the remaining
            // error of the coefficients (R's rule stops when the deviance change, which is quadratic in
            // the error, is below epsilon) at the cost of two matrix-vector passes, not another Gram.
            try {
                double[] solved = Cholesky.factor(submatrix(information, kept)).solve(pick(rhs, kept));
                Arrays.fill(direction, 0.0);
                for (int c = 0; c < kept.length; c++) {
                    direction[kept[c]] = solved[c];
                }
                source.direction(direction, false);
                double[] polishedBeta = new double[k];
                for (int j = 0; j < k; j++) {
                    polishedBeta[j] = beta[j] + direction[j];
                }
                double polishedLoss = source.trialLoss(1.0);
                double polished = polishedLoss / weightSum + penalty.value(slopes(polishedBeta, off));
                double predicted = 0;
                for (int j = 0; j < k; j++) {
                    predicted += 0.5 * rhs[j] * direction[j];
                }
                if (Double.isFinite(polished) && polished <= objective + ObservedNewton.lossSlack(predicted, objective)) {
                    double polishedKkt = Problem.kktViolation(penalty, off, polishedBeta,
                            scaled(source.trialScore(1.0), 1.0 / weightSum));
                    if (polishedKkt <= kkt) {
                        iteration++;
                        lastEtaChange = source.accept(1.0);
                        beta = polishedBeta;
                        objective = polished;
                        loss = polishedLoss;
                        kkt = polishedKkt;
                        recorder.record(iteration, objective, kkt, 1.0);
                        detail += "; the last iteration reused the Gram of the one before";
                        certified = StepCertificate.certifies(logLipschitz, lastEtaChange, certification);
                        sumsAtEstimate = null;
                    }
                }
            } catch (NotPositiveDefiniteException e) {
                // keep the converged iterate as it is
            }
        }
        if (Double.isNaN(kkt)) {
            kkt = Problem.kktViolation(penalty, off, beta, scaled(source.score(), 1.0 / weightSum));
        }
        String message = (stop.converged() ? "converged after " : "not converged after ") + iteration
                + " iteration" + (iteration == 1 ? "" : "s") + ": " + detail;
        if (!stop.converged()) {
            LOG.warn("IRLS did not converge ({}): {}", stop, message);
        }
        SolverResult result = new SolverResult(NAME, beta, objective, kkt, iteration, stop, message,
                recorder.toTrace(), recorder.elapsedNanos());
        return new IrlsFit(result, aliased == null ? new int[0] : aliased, null, information, lastEtaChange,
                2 * (loss - saturatedLoss), certified, sumsAtEstimate);
    }

    /** The information in glmnet's scaling, {@code A' H A / W}. */
    private static Matrix normalized(NewtonSums sums) {
        return sums.informationMatrix().scale(1.0 / sums.weightSum());
    }

    /**
     * The right-hand side of the Newton system, {@code -(score / W + P')} (the penalty's gradient
     * only when given: the first solve from a linear predictor is R's unpenalized working model).
     */
    private static double[] newtonRhs(NewtonSums sums, SmoothPenalty penalty, double[] beta, int off) {
        double[] rhs = scaled(sums.score(), -1.0 / sums.weightSum());
        if (penalty != null) {
            double[] pg = new double[beta.length - off];
            penalty.gradient(slopes(beta, off), pg);
            for (int j = 0; j < pg.length; j++) {
                rhs[j + off] -= pg[j];
            }
        }
        return rhs;
    }

    private static double[] slopes(double[] beta, int off) {
        return off == 0 ? beta : Arrays.copyOfRange(beta, off, beta.length);
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    private static Matrix withPenaltyCurvature(Matrix gram, SmoothPenalty penalty, double[] beta, int off) {
        int k = gram.rows();
        double[] add = new double[k];
        boolean any = false;
        for (int j = off; j < k; j++) {
            add[j] = penalty.hessianDiagonal(j - off, beta[j]);
            any |= add[j] != 0;
        }
        return any ? gram.plusDiagonal(add) : gram;
    }

    private static int[] complement(int[] aliased, int k) {
        boolean[] drop = new boolean[k];
        for (int a : aliased) {
            drop[a] = true;
        }
        return java.util.stream.IntStream.range(0, k).filter(j -> !drop[j]).toArray();
    }

    private static Matrix submatrix(Matrix m, int[] idx) {
        if (idx.length == m.rows()) {
            return m;
        }
        double[][] out = new double[idx.length][idx.length];
        for (int a = 0; a < idx.length; a++) {
            for (int b = 0; b < idx.length; b++) {
                out[a][b] = m.get(idx[a], idx[b]);
            }
        }
        return Matrix.of(out);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int a = 0; a < idx.length; a++) {
            out[a] = v[idx[a]];
        }
        return out;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
