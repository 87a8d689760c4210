package dev.argmax.optim.newton;

import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.cd.GramCoordinateDescent;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.trace.Trace;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximal Newton for {@code F(beta) + P(b)} with a separable (possibly non-smooth) penalty, driven
 * by {@link NewtonSums} alone: glmnet's outer quadratic approximation with the inner coordinate
 * descent run on the {@code k x k} information matrix instead of on the data. This is what a
 * cluster needs (one aggregation of the sums per outer step, all coordinate work on the driver), and
 * for the Gaussian family, whose quadratic model is exact, one outer step solves the problem.
 *
 * <p>Outer step at {@code beta}: with {@code g = score / W} and {@code H = information / W}, the
 * model {@code g'd + d'Hd/2 + P(b + d)} is minimized by cyclic coordinate descent (the gradient
 * {@code g + H d} is updated in O(k) per coordinate move; the slope update is
 * {@link SeparablePenalty#coordinateMinimizer}, which folds the ridge part, penalty factors and box
 * limits; the intercept takes a plain Newton step): this is {@link GramCoordinateDescent}, the same
 * inner solver as the single-machine coordinate descent's covariance and proximal-Newton modes. A backtracking line search on
 * {@code F + P} (sufficient decrease on the model's predicted decrease) keeps every outer step
 * descending. It stops when the largest KKT violation, in the same measure as
 * {@code Problem.kktViolation}, is at most the tolerance.
 */
public final class ProximalNewton {

    private static final Logger LOG = LoggerFactory.getLogger(ProximalNewton.class);

    /**
     * @param tolerance largest KKT violation accepted
     * @param maxOuter cap on outer (Newton) steps, each one aggregation of the sums
     * @param maxInnerPasses cap on coordinate-descent passes per outer step
     */
    public record Settings(double tolerance, int maxOuter, int maxInnerPasses) {
        public Settings {
            if (!(tolerance > 0) || maxOuter < 1 || maxInnerPasses < 1) {
                throw new IllegalArgumentException("need tolerance > 0 and positive caps; got " + tolerance + ", "
                        + maxOuter + ", " + maxInnerPasses);
            }
        }

        public static Settings defaults() {
            return new Settings(1e-10, 100, 100_000);
        }
    }

    /**
     * The outcome: the solver result (coefficients, objective, KKT violation, stop reason, trace)
     * and the sums at the returned coefficients.
     */
    public record Outcome(SolverResult result, NewtonSums finalSums) {
    }

    private ProximalNewton() {
    }

    /**
     * Minimizes {@code loss / weightSum + P(b)}.
     *
     * @param sums the Newton sums at a coefficient vector
     * @param coefficients k
     * @param firstSlope 1 with an intercept, else 0
     * @param penalty the separable penalty on the {@code k - firstSlope} slopes
     * @param start starting coefficients (a warm start along a path), or null for zeros
     */
    public static Outcome run(Function<double[], NewtonSums> sums, int coefficients, int firstSlope,
            SeparablePenalty penalty, double[] start, Settings settings) {
        Trace.Recorder recorder = new Trace.Recorder();
        int k = coefficients;
        double[] beta = start == null ? new double[k] : start.clone();
        NewtonSums current = sums.apply(beta);
        if (!current.finite()) {
            throw new IllegalArgumentException("the starting coefficients give a non-finite objective");
        }
        double objective = objective(current, penalty, beta, firstSlope);
        double kkt = kkt(current, penalty, beta, firstSlope);
        StopReason reason = StopReason.MAX_ITERATIONS;
        String message = "no convergence after " + settings.maxOuter() + " outer steps (KKT violation still above "
                + settings.tolerance() + ")";
        int outer = 0;
        if (kkt <= settings.tolerance()) {
            reason = StopReason.CONVERGED_OPTIMALITY;
            message = "KKT violation " + kkt + " <= " + settings.tolerance() + " at the start";
        }
        while (!reason.converged() && outer < settings.maxOuter()) {
            outer++;
            // the model is k x k and lives on the driver: solve it fully, spend aggregations only on outer steps
            double[] target = solveModel(current, penalty, beta, firstSlope, 0.1 * settings.tolerance(),
                    settings.tolerance(), settings.maxInnerPasses());
            double predicted = modelDecrease(current, penalty, beta, target, firstSlope);
            double step = 1.0;
            double[] trialBeta = target;
            NewtonSums trial = sums.apply(trialBeta);
            double trialObjective = trial.finite() ? objective(trial, penalty, trialBeta, firstSlope) : Double.NaN;
            int halvings = 0;
            while (!(trialObjective <= objective + 1e-4 * step * predicted + 1e-15 * Math.abs(objective))
                    && halvings < 50) {
                halvings++;
                step /= 2;
                trialBeta = new double[k];
                for (int j = 0; j < k; j++) {
                    trialBeta[j] = beta[j] + step * (target[j] - beta[j]);
                }
                trial = sums.apply(trialBeta);
                trialObjective = trial.finite() ? objective(trial, penalty, trialBeta, firstSlope) : Double.NaN;
            }
            if (!(trialObjective <= objective + 1e-15 * Math.abs(objective))) {
                reason = StopReason.LINE_SEARCH_FAILED;
                message = "the line search found no decrease at outer step " + outer + " (KKT violation " + kkt + ")";
                break;
            }
            beta = trialBeta;
            current = trial;
            objective = trialObjective;
            kkt = kkt(current, penalty, beta, firstSlope);
            recorder.record(outer, objective, kkt, step);
            if (kkt <= settings.tolerance()) {
                reason = StopReason.CONVERGED_OPTIMALITY;
                message = "KKT violation " + kkt + " <= " + settings.tolerance() + " after " + outer + " outer steps";
            }
        }
        if (!reason.converged()) {
            LOG.warn("proximal Newton did not converge: {}", message);
        }
        SolverResult result = new SolverResult("proximal-newton", beta, objective, kkt, outer, reason, message,
                recorder.toTrace(), recorder.elapsedNanos());
        return new Outcome(result, current);
    }

    /** {@code F + P}. */
    static double objective(NewtonSums s, SeparablePenalty penalty, double[] beta, int firstSlope) {
        return s.loss() / s.weightSum() + penalty.value(Arrays.copyOfRange(beta, firstSlope, beta.length));
    }

    /** The largest KKT violation: |g_0| for the intercept, the distance to the subdifferential for slopes. */
    static double kkt(NewtonSums s, SeparablePenalty penalty, double[] beta, int firstSlope) {
        double[] g = s.score();
        double worst = 0;
        for (int j = 0; j < g.length; j++) {
            double gj = g[j] / s.weightSum();
            double v = j < firstSlope ? Math.abs(gj)
                    : penalty.subdifferentialDistance(j - firstSlope, beta[j], gj);
            worst = Math.max(worst, v);
        }
        return worst;
    }

    /**
     * Minimizes the model {@code g'd + d'Hd/2 + P(b + d)} by {@link GramCoordinateDescent} on H
     * (the intercept an unpenalized coordinate); returns {@code beta + d}.
     */
    private static double[] solveModel(NewtonSums s, SeparablePenalty penalty, double[] beta, int firstSlope,
            double tolerance, double activation, int maxPasses) {
        int k = s.coefficients();
        double w = s.weightSum();
        double[] h = s.information();
        for (int i = 0; i < h.length; i++) {
            h[i] /= w;
        }
        double[] gamma = s.score();
        for (int j = 0; j < k; j++) {
            gamma[j] = -gamma[j] / w;
        }
        int[] index = new int[k];
        for (int j = 0; j < k; j++) {
            index[j] = j - firstSlope;
        }
        double[] x = beta.clone();
        new GramCoordinateDescent(h, k, index).minimize(penalty, x, gamma, null, tolerance, activation, maxPasses, null);
        return x;
    }

    /** The model's predicted change {@code g'd + d'Hd/2 + P(b + d) - P(b)} (non-positive at the model's minimum). */
    private static double modelDecrease(NewtonSums s, SeparablePenalty penalty, double[] beta, double[] target,
            int firstSlope) {
        int k = s.coefficients();
        double w = s.weightSum();
        double[] info = s.information();
        double[] g = s.score();
        double change = 0;
        for (int i = 0; i < k; i++) {
            double di = target[i] - beta[i];
            change += g[i] / w * di;
            double hd = 0;
            for (int j = 0; j < k; j++) {
                hd += info[i + j * k] * (target[j] - beta[j]);
            }
            change += 0.5 * di * hd / w;
        }
        change += penalty.value(Arrays.copyOfRange(target, firstSlope, k))
                - penalty.value(Arrays.copyOfRange(beta, firstSlope, k));
        return Math.min(change, 0.0);
    }
}
