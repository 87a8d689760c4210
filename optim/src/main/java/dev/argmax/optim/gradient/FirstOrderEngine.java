package dev.argmax.optim.gradient;

import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.Trace;
import java.util.Optional;

/**
 * The loop shared by {@link GradientDescent} and {@link ProximalGradient}: (proximal) gradient
 * steps {@code x+ = prox_{tP}(y - t grad f(y))} from an extrapolated point y, where f is the
 * smooth part (the datafit, plus a smooth penalty for plain gradient descent, whose prox is then
 * the identity).
 *
 * <p><b>Step size.</b> Where f has a global Lipschitz bound, {@code t = 1/L} with
 * {@code L = c lambda_max(Z' diag(w/W) Z) + max_j P_j''/s_j^2}, c the datafit's curvature bound
 * and lambda_max estimated by power iteration (a slight under-estimate, so every step is still
 * certified by the sufficient-decrease test below). Otherwise (Poisson) the first step is
 * {@code 1 / lambda_max(Z' diag(D''(eta_0)) Z)}; after a trial that passes the test without slack
 * the next first trial grows by 1.5, and every first trial is capped by half the inverse secant curvature
 * {@code ||y_k - y_{k-1}|| / (2 ||grad f(y_k) - grad f(y_{k-1})||)} (Malitsky and Mishchenko's
 * adaptive step, 2020: it stays reliable near the optimum, where differences of f drown in rounding
 * and the descent test no longer sees an unstable step). A step below {@code 1e-10} of the first one is a failed line search. Each trial must satisfy the descent-lemma test
 * {@code f(x+) <= f(y) + grad f(y)'(x+ - y) + ||x+ - y||^2 / (2t)}, else t is halved; a trial point
 * with a non-finite objective (e.g. {@code exp} overflow) fails it and is never taken. The test
 * allows a rounding slack of {@code 1e-13 (1 + |f(y)|)} in the first four trials of an iteration, so
 * that it keeps working near the optimum where differences of f drown in rounding (but a step that
 * only passes thanks to the slack after many halvings is refused: it would be an ascent hidden in
 * rounding, e.g. from a wrong gradient); steps are never grown on the strength of the slack.
 *
 * <p><b>Acceleration.</b> Nesterov / FISTA momentum {@code theta_{k+1} = (1 + sqrt(1 + 4 theta_k^2))/2},
 * {@code y = x_k + (theta_k - 1)/theta_{k+1} (x_k - x_{k-1})}, restarted (theta = 1) when the
 * objective goes up or the step points against the momentum
 * ({@code (y - x+)'(x+ - x_k) > 0}; O'Donoghue and Candes 2015).
 *
 * <p><b>Cost.</b> One pass for the trial point ({@code Z d}; for plain gradient steps further trials
 * along the same direction are free, {@code eta(t) = eta_y + t Z d}) and one for the gradient
 * {@code Z' D'(eta_y)}; the linear predictor of y is the same combination of those of the iterates.
 * The KKT violation at the iterate x needs its own gradient pass when momentum is on; it is taken
 * every {@link GradientSettings#optimalityInterval()} iterations (free when y = x).
 */
final class FirstOrderEngine {

    private static final double SLACK = 1e-13;
    private static final double GROWTH = 1.5;
    private static final int SLACK_TRIALS = 4;
    private static final int MAX_HALVINGS = 60;
    /** A step below this fraction of the first one means the line search failed. */
    private static final double MIN_STEP_RATIO = 1e-10;
    private static final int REFRESH_ETA = 50;

    private final String name;
    private final boolean proximal;
    private final boolean accelerate;
    private final GradientSettings settings;

    FirstOrderEngine(String name, boolean proximal, boolean accelerate, GradientSettings settings) {
        this.name = name;
        this.proximal = proximal;
        this.accelerate = accelerate;
        this.settings = settings;
    }

    /**
     * @param clockStart {@link System#nanoTime()} when the solver's {@code solve} was entered:
     *     the standardization and the Lipschitz estimate count in the reported time
     */
    SolverResult run(Problem problem, double[] start, long clockStart) {
        Trace.Recorder recorder = new Trace.Recorder(clockStart);
        StandardizedObjective obj = new StandardizedObjective(problem, settings.standardize(), !proximal);
        int dim = obj.dim;
        int n = obj.rows();
        double[] x = start == null ? new double[dim] : obj.toGamma(checkStart(start, dim));
        double[] etaX = new double[n];
        obj.linearPredictor(x, etaX);
        double fullX = fullObjective(obj, x, etaX);
        if (!Double.isFinite(fullX)) {
            throw new IllegalArgumentException(name + ": the objective is not finite at the starting point ("
                    + fullX + "); give a start inside the domain");
        }

        // step size: 1/L where a bound exists, else from the local curvature at the start
        Optional<Double> lipschitz = obj.datafitLipschitz();
        double tMax;
        double t;
        if (lipschitz.isPresent()) {
            double l = lipschitz.get() + (proximal ? 0.0 : obj.penaltyCurvature());
            tMax = l > 0 ? 1.0 / l : Double.POSITIVE_INFINITY;
            t = Double.isFinite(tMax) ? tMax : 1.0;
        } else {
            double l = obj.localCurvature(etaX) + (proximal ? 0.0 : obj.penaltyCurvature());
            tMax = Double.POSITIVE_INFINITY;
            t = l > 0 ? 1.0 / l : 1.0;
        }
        boolean bounded = lipschitz.isPresent();
        final double tReference = t;
        double localInverse = Double.POSITIVE_INFINITY; // 1 / secant curvature between successive y
        double[] yPrevious = new double[dim];
        double[] gPrevious = new double[dim];

        double[] y = x.clone();
        double[] etaY = etaX.clone();
        double[] gY = new double[dim];
        double[] gBetaY = new double[dim];
        double fY = smoothPart(obj, y, etaY);
        gradient(obj, y, etaY, gY, gBetaY);
        double kkt0 = obj.kktViolation(x, gBetaY);
        StoppingRule rule = settings.stopping();
        IterationState initial = new IterationState(0, fullX, Double.NaN, Double.NaN, Double.NaN, kkt0, Double.NaN,
                Double.NaN);
        if (rule.check(initial).filter(StopReason::converged).isPresent()) {
            return Outcome.finish(name, obj, x, 0, rule.check(initial).get(), "optimal at the start: "
                    + rule.firing(initial).map(StoppingRule::describe).orElse(""), recorder);
        }

        double[] xNew = new double[dim];
        double[] etaNew = new double[n];
        double[] direction = new double[dim];
        double[] zDirection = new double[n];
        double[] xOld = new double[dim];
        double[] etaOld = new double[n];
        double[] gScratch = new double[dim];
        double[] gBetaScratch = new double[dim];
        double[] betaOld = obj.toBeta(x);
        double[] betaNew = new double[dim];
        double theta = 1.0;
        int k = 0;
        int floorMisses = 0;
        while (true) {
            k++;
            // ---- line search from y
            if (!proximal) {
                for (int j = 0; j < dim; j++) {
                    direction[j] = -gY[j];
                }
                obj.apply(direction, zDirection);
            }
            double slack = SLACK * (1 + Math.abs(fY));
            boolean accepted = false;
            double fNew = Double.NaN;
            boolean strict = false;
            for (int h = 0; h <= MAX_HALVINGS && t >= MIN_STEP_RATIO * tReference; h++) {
                if (proximal) {
                    for (int j = 0; j < dim; j++) {
                        xNew[j] = y[j] - t * gY[j];
                    }
                    obj.prox(xNew, t);
                    obj.linearPredictor(xNew, etaNew);
                } else {
                    for (int j = 0; j < dim; j++) {
                        xNew[j] = y[j] + t * direction[j];
                    }
                    for (int i = 0; i < n; i++) {
                        etaNew[i] = etaY[i] + t * zDirection[i];
                    }
                }
                fNew = smoothPart(obj, xNew, etaNew);
                double linear = 0;
                double sq = 0;
                for (int j = 0; j < dim; j++) {
                    double s = xNew[j] - y[j];
                    linear += gY[j] * s;
                    sq += s * s;
                }
                double bound = fY + linear + sq / (2 * t);
                // the rounding slack only for the first few trials: a step accepted only thanks to
                // it after many halvings would be an ascent step hidden in the rounding
                if (Double.isFinite(fNew) && (fNew <= bound || fNew <= bound + slack && h <= SLACK_TRIALS)) {
                    accepted = true;
                    strict = fNew <= bound;
                    break;
                }
                if (Double.isFinite(fNew) && bounded && t >= tMax) {
                    tMax = t / 2; // the power-iteration estimate of L was low: lower the cap for good
                }
                t /= 2;
            }
            if (!accepted) {
                recorder.record(k, fullX, Double.NaN, t);
                return Outcome.finish(name, obj, x, k, StopReason.LINE_SEARCH_FAILED,
                        "line search failed: no step down to " + String.format("%.3g", t)
                                + " satisfies the sufficient-decrease test", recorder);
            }
            double stepTaken = t;
            double mapping = 0;
            double momentumCheck = 0;
            for (int j = 0; j < dim; j++) {
                double gm = (y[j] - xNew[j]) / stepTaken;
                mapping = Math.max(mapping, Math.abs(gm));
                momentumCheck += (y[j] - xNew[j]) * (xNew[j] - x[j]);
            }
            double fullNew = proximal ? fNew + obj.penalty(xNew) : fNew;
            if (!bounded) {
                t = Math.min(strict ? t * GROWTH : t, localInverse);
            }

            // ---- momentum (with adaptive restart)
            double m = 0;
            if (accelerate && !(fullNew > fullX) && !(momentumCheck > 0)) {
                double thetaNext = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
                m = (theta - 1) / thetaNext;
                theta = thetaNext;
            } else {
                theta = 1.0;
            }
            System.arraycopy(y, 0, yPrevious, 0, dim);
            System.arraycopy(gY, 0, gPrevious, 0, dim);
            System.arraycopy(x, 0, xOld, 0, dim);
            System.arraycopy(etaX, 0, etaOld, 0, n);
            System.arraycopy(xNew, 0, x, 0, dim);
            System.arraycopy(etaNew, 0, etaX, 0, n);
            double fullOld = fullX;
            fullX = fullNew;
            if (!proximal && k % REFRESH_ETA == 0) {
                obj.linearPredictor(x, etaX); // drop the rounding drift of incremental updates
            }
            if (m != 0) {
                for (int j = 0; j < dim; j++) {
                    y[j] = x[j] + m * (x[j] - xOld[j]);
                }
                for (int i = 0; i < n; i++) {
                    etaY[i] = etaX[i] + m * (etaX[i] - etaOld[i]);
                }
                fY = smoothPart(obj, y, etaY);
                if (!Double.isFinite(fY)) { // extrapolated out of the domain: restart from x
                    m = 0;
                    theta = 1.0;
                }
            }
            if (m == 0) {
                System.arraycopy(x, 0, y, 0, dim);
                System.arraycopy(etaX, 0, etaY, 0, n);
                fY = smoothPart(obj, y, etaY);
            }
            gradient(obj, y, etaY, gY, gBetaY);
            if (!bounded) {
                double dy = 0;
                double dg = 0;
                for (int j = 0; j < dim; j++) {
                    dy += (y[j] - yPrevious[j]) * (y[j] - yPrevious[j]);
                    dg += (gY[j] - gPrevious[j]) * (gY[j] - gPrevious[j]);
                }
                if (dy > 0 && dg > 0) {
                    localInverse = 0.5 * Math.sqrt(dy / dg);
                }
            }

            double kkt = Double.NaN;
            if (m == 0) {
                kkt = obj.kktViolation(x, gBetaY);
            } else if (k % settings.optimalityInterval() == 0) {
                obj.datafitGradient(etaX, gScratch, gBetaScratch);
                kkt = obj.kktViolation(x, gBetaScratch);
            }
            obj.toBeta(x, betaNew);
            double change = coefficientChange(betaOld, betaNew);
            System.arraycopy(betaNew, 0, betaOld, 0, dim);
            recorder.record(k, fullX, kkt, stepTaken);
            IterationState state = new IterationState(k, fullX, fullOld, Double.NaN, Double.NaN, kkt, change, mapping);
            Optional<StoppingRule> fired = rule.firing(state);
            if (fired.isPresent()) {
                StopReason reason = fired.get().check(state).orElseThrow();
                if (reason.converged() && !Outcome.holdsExactly(obj, x, fired.get(), state)) {
                    if (++floorMisses >= Outcome.FLOOR_MISSES) {
                        return Outcome.atRoundingFloor(name, obj, x, k, fired.get(), recorder);
                    }
                    if (!proximal) {
                        obj.linearPredictor(x, etaX); // drop the drift of the incremental updates and go on
                    }
                    continue;
                }
                return Outcome.finish(name, obj, x, k, reason,
                        (reason.converged() ? "converged: " : "stopped: ") + fired.get().describe(), recorder);
            }
        }
    }

    /** Datafit plus, for plain gradient descent, the smooth penalty. */
    private double smoothPart(StandardizedObjective obj, double[] gamma, double[] eta) {
        double d = obj.datafit(eta);
        return proximal ? d : d + obj.penalty(gamma);
    }

    private double fullObjective(StandardizedObjective obj, double[] gamma, double[] eta) {
        return obj.datafit(eta) + obj.penalty(gamma);
    }

    private void gradient(StandardizedObjective obj, double[] gamma, double[] eta, double[] g, double[] gBeta) {
        obj.datafitGradient(eta, g, gBeta);
        if (!proximal) {
            obj.addPenaltyGradient(gamma, g);
        }
    }

    static double coefficientChange(double[] before, double[] after) {
        double diff = 0;
        double size = 1;
        for (int j = 0; j < after.length; j++) {
            diff = Math.max(diff, Math.abs(after[j] - before[j]));
            size = Math.max(size, Math.abs(after[j]));
        }
        return diff / size;
    }

    static double[] checkStart(double[] start, int dim) {
        if (start.length != dim) {
            throw new IllegalArgumentException("start has length " + start.length + ", expected " + dim
                    + " coefficients (intercept first)");
        }
        for (double v : start) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("start contains a non-finite value " + v);
            }
        }
        return start;
    }
}
