package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.SmoothPenalty;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fisher scoring (Newton's method for canonical links, IRLS) driven by {@link NewtonSums}, wherever
 * those sums come from: one design on this machine, or a sum over the partitions of a cluster.
 *
 * <p>Minimises {@code F(beta) + P(b)} with {@code F = loss / weightSum} (glmnet's scaling) and a
 * smooth penalty P on the slopes. Each iteration evaluates the sums at the current iterate
 * (objective, information and right-hand side in one pass), checks R's rule
 * {@code |dev - dev_old| / (|dev| + 0.1) < epsilon} on the penalised deviance
 * {@code 2 weightSum (F + P) - 2 saturatedLoss}, and solves the Newton system
 * {@code (information / weightSum + diag(P'')) delta = -(score / weightSum + P')} by Cholesky
 * (each step refines the last: the gradient is computed from the data, not from the normal
 * equations). When the
 * objective at a new iterate is not finite or larger than at the previous one, the step is halved
 * (R's step-halving) up to {@code maxHalvings} times.
 *
 * <p>The result's final sums are those at the returned coefficients, so the information matrix
 * for standard errors is evaluated exactly there (the reference's {@code std_errors_at_mle}).
 */
public final class FisherScoring {

    private static final Logger LOG = LoggerFactory.getLogger(FisherScoring.class);

    /**
     * @param epsilon R's relative deviance tolerance ({@code glm.control} default 1e-8)
     * @param maxIterations cap on Newton steps (R's default 25)
     * @param maxHalvings cap on step halvings within one iteration
     */
    public record Settings(double epsilon, int maxIterations, int maxHalvings) {
        public Settings {
            if (!(epsilon > 0) || maxIterations < 1 || maxHalvings < 0) {
                throw new IllegalArgumentException("need epsilon > 0, maxIterations >= 1, maxHalvings >= 0; got "
                        + epsilon + ", " + maxIterations + ", " + maxHalvings);
            }
        }

        /** R's {@code glm.control()}: epsilon 1e-8, 25 iterations; 30 halvings. */
        public static Settings defaults() {
            return new Settings(1e-8, 25, 30);
        }
    }

    /**
     * The outcome: the solver result (coefficients, objective, KKT violation, stop reason, trace)
     * and the sums at the returned coefficients.
     */
    public record Outcome(SolverResult result, NewtonSums finalSums) {
    }

    private FisherScoring() {
    }

    /**
     * Runs Fisher scoring.
     *
     * @param sums the sums at a coefficient vector (length k)
     * @param coefficients k
     * @param firstSlope index of the first penalised coefficient (1 with an intercept)
     * @param penalty the penalty on the slopes; must be smooth
     * @param start the starting coefficients, or null for zeros
     */
    public static Outcome run(Function<double[], NewtonSums> sums, int coefficients, int firstSlope, Penalty penalty,
            double[] start, Settings settings) {
        if (!penalty.isSmooth() || !(penalty instanceof SmoothPenalty smooth)) {
            throw new IncompatibleSolverException("Fisher scoring needs a smooth (differentiable) penalty; "
                    + penalty.name() + " is not: use coordinate descent");
        }
        Trace.Recorder recorder = new Trace.Recorder();
        int p = coefficients - firstSlope;
        double[] beta = start == null ? new double[coefficients] : start.clone();
        NewtonSums current = sums.apply(beta);
        if (!current.finite()) {
            throw new IllegalArgumentException("the starting coefficients give a non-finite objective");
        }
        double objective = objective(current, penalty, beta, firstSlope, p);
        StopReason reason = StopReason.MAX_ITERATIONS;
        String message = null;
        int iteration = 0;
        while (iteration < settings.maxIterations()) {
            iteration++;
            double[] next;
            try {
                next = newtonStep(current, smooth, beta, firstSlope, p);
            } catch (NotPositiveDefiniteException e) {
                reason = StopReason.SINGULAR_HESSIAN;
                message = "the information matrix is numerically singular at iteration " + iteration + ": "
                        + e.getMessage();
                break;
            }
            NewtonSums trial = sums.apply(next);
            double trialObjective = trial.finite() ? objective(trial, penalty, next, firstSlope, p) : Double.NaN;
            double step = 1.0;
            int halvings = 0;
            while (!(trialObjective <= objective + 1e-12 * Math.abs(objective)) && halvings < settings.maxHalvings()) {
                halvings++;
                step /= 2;
                for (int j = 0; j < coefficients; j++) {
                    next[j] = beta[j] + step * (next[j] - beta[j]);
                }
                trial = sums.apply(next);
                trialObjective = trial.finite() ? objective(trial, penalty, next, firstSlope, p) : Double.NaN;
            }
            if (!(trialObjective <= objective + 1e-12 * Math.abs(objective))) {
                reason = Double.isFinite(trialObjective) ? StopReason.DIVERGED : StopReason.NON_FINITE;
                message = "step-halving failed at iteration " + iteration + " (" + halvings
                        + " halvings): the objective could not be decreased";
                break;
            }
            double deviance = penalisedDeviance(current, objective);
            double nextDeviance = penalisedDeviance(trial, trialObjective);
            beta = next;
            current = trial;
            objective = trialObjective;
            recorder.record(iteration, objective, optimality(current, smooth, beta, firstSlope, p), step);
            if (Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1) < settings.epsilon()) {
                reason = StopReason.CONVERGED_OBJECTIVE_CHANGE;
                message = "relative deviance change below " + settings.epsilon() + " after " + iteration
                        + " iterations";
                break;
            }
        }
        if (message == null) {
            message = "no convergence after " + settings.maxIterations() + " iterations (relative deviance change "
                    + "still above " + settings.epsilon() + ")";
        }
        if (!reason.converged()) {
            LOG.warn("Fisher scoring did not converge: {}", message);
        }
        double kkt = optimality(current, smooth, beta, firstSlope, p);
        SolverResult result = new SolverResult("irls", beta, objective, kkt, iteration, reason, message,
                recorder.toTrace(), recorder.elapsedNanos());
        return new Outcome(result, current);
    }

    /** {@code F + P} at beta. */
    private static double objective(NewtonSums s, Penalty penalty, double[] beta, int firstSlope, int p) {
        return s.loss() / s.weightSum() + penalty.value(Arrays.copyOfRange(beta, firstSlope, firstSlope + p));
    }

    private static double penalisedDeviance(NewtonSums s, double objective) {
        return 2 * (s.weightSum() * objective - s.saturatedLoss());
    }

    private static double[] newtonStep(NewtonSums s, SmoothPenalty penalty, double[] beta, int firstSlope, int p) {
        int k = s.coefficients();
        double[] info = s.information();
        double scale = 1.0 / s.weightSum();
        for (int i = 0; i < info.length; i++) {
            info[i] *= scale;
        }
        for (int j = 0; j < p; j++) {
            int c = firstSlope + j;
            info[c + c * k] += penalty.hessianDiagonal(j, beta[c]);
        }
        double[] gradient = gradient(s, penalty, beta, firstSlope, p);
        for (int i = 0; i < k; i++) {
            gradient[i] = -gradient[i];
        }
        double[] delta = Cholesky.factor(Matrix.fromColumnMajor(k, k, info)).solve(gradient);
        double[] next = beta.clone();
        for (int i = 0; i < k; i++) {
            next[i] += delta[i];
        }
        return next;
    }

    /** The gradient of {@code F + P}: {@code score / weightSum} plus the penalty's gradient on the slopes. */
    private static double[] gradient(NewtonSums s, SmoothPenalty penalty, double[] beta, int firstSlope, int p) {
        double[] g = s.score();
        for (int i = 0; i < g.length; i++) {
            g[i] /= s.weightSum();
        }
        double[] penaltyGradient = new double[p];
        penalty.gradient(Arrays.copyOfRange(beta, firstSlope, firstSlope + p), penaltyGradient);
        for (int j = 0; j < p; j++) {
            g[firstSlope + j] += penaltyGradient[j];
        }
        return g;
    }

    /** The largest absolute gradient of {@code F + P} (the KKT violation of a smooth problem). */
    static double optimality(NewtonSums s, SmoothPenalty penalty, double[] beta, int firstSlope, int p) {
        double worst = 0;
        for (double g : gradient(s, penalty, beta, firstSlope, p)) {
            worst = Math.max(worst, Math.abs(g));
        }
        return worst;
    }
}
