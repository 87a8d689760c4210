package dev.argmax.optim.gradient;

import dev.argmax.core.objective.Capability;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.Trace;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Limited-memory BFGS ("lbfgs") for smooth objectives (no penalty, ridge): the default logistic
 * solver of scikit-learn, Smile and Spark. The direction {@code d = -H g} comes from the two-loop
 * recursion over the last {@code m} pairs {@code (s, y)} (pairs with {@code s'y <= 0} are skipped),
 * scaled by {@code s'y / y'y}; the step satisfies the strong Wolfe conditions ({@link StrongWolfe}).
 * The first step (and the step after a memory reset) is the Newton step along d,
 * {@code -phi'(0) / phi''(0)} with {@code phi''(0) = (Zd)' diag(D'') Zd + d' P'' d}.
 *
 * <p>Cost per iteration: one pass for {@code Z d}, after which every trial step of the line search
 * is O(n) ({@code eta(a) = eta + a Zd}, {@code phi'(a) = D'(eta(a))' Zd + P'(x + a d)' d}), and one
 * pass for the gradient at the accepted point, which also gives the KKT violation every iteration.
 * A failed line search resets the memory and retries once along {@code -g}; if that fails too the
 * run stops with {@link StopReason#LINE_SEARCH_FAILED}, which is not convergence.
 */
public final class Lbfgs implements Solver {

    private static final int REFRESH_ETA = 50;

    private final int memory;
    private final GradientSettings settings;
    private final boolean warn;

    /** Memory 10, default settings. */
    public Lbfgs() {
        this(10, GradientSettings.defaults());
    }

    /**
     * @param memory number of correction pairs kept ({@code >= 1})
     * @param settings stopping rule and coordinates
     */
    public Lbfgs(int memory, GradientSettings settings) {
        this(memory, settings, true);
    }

    private Lbfgs(int memory, GradientSettings settings, boolean warn) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be >= 1, got " + memory);
        }
        this.memory = memory;
        this.settings = settings;
        this.warn = warn;
    }

    /** The same solver with other settings. */
    public Lbfgs withSettings(GradientSettings newSettings) {
        return new Lbfgs(memory, newSettings, warn);
    }

    /**
     * The same solver without the warning it logs when it stops before converging: for the first
     * stage of a composite solver, whose end is the next stage's start rather than a result (the
     * result still says why it stopped).
     */
    public Lbfgs asFirstStage() {
        return new Lbfgs(memory, settings, false);
    }

    /**
     * The same solver stopping at KKT violation {@code <= target.tolerance()} or the target's cap
     * ({@link GradientSettings#DEFAULT_MAX_ITERATIONS} without one); see
     * {@link GradientSettings#withKktTarget}.
     */
    @Override
    public Lbfgs withKktTarget(KktTarget target) {
        return withSettings(settings.withKktTarget(target));
    }

    public GradientSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /** The iteration works on eta-space vectors of any length (one block of coefficients per column). */
    @Override
    public boolean acceptsVectorPredictor() {
        return true;
    }

    @Override
    public Set<Capability> requiredDatafitCapabilities() {
        return EnumSet.of(Capability.GRADIENT, Capability.CONVEX, Capability.OPEN_DOMAIN);
    }

    @Override
    public Set<Capability> requiredPenaltyCapabilities() {
        return EnumSet.of(Capability.SMOOTH_PENALTY);
    }

    @Override
    public SolverResult solve(Problem problem, double[] start) {
        Trace.Recorder recorder = new Trace.Recorder(System.nanoTime());
        requireSupported(problem, Solvers.all());
        StandardizedObjective obj = new StandardizedObjective(problem, settings.standardize(), true);
        int dim = obj.dim;
        int n = obj.rows();
        double[] x = start == null ? new double[dim] : obj.toGamma(FirstOrderEngine.checkStart(start, dim));
        double[] eta = new double[n];
        obj.linearPredictor(x, eta);
        double f = obj.datafit(eta) + obj.penalty(x);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("lbfgs: the objective is not finite at the starting point (" + f
                    + "); give a start inside the domain");
        }
        double[] g = new double[dim];
        double[] gBeta = new double[dim];
        gradient(obj, x, eta, g, gBeta);
        StoppingRule rule = settings.stopping();
        IterationState initial = new IterationState(0, f, Double.NaN, Double.NaN, Double.NaN,
                obj.kktViolation(x, gBeta), Double.NaN, Double.NaN);
        if (rule.check(initial).filter(StopReason::converged).isPresent()) {
            return Outcome.finish(name(), obj, x, 0, rule.check(initial).get(), "optimal at the start: "
                    + rule.firing(initial).map(StoppingRule::describe).orElse(""), recorder, warn);
        }

        double[][] s = new double[memory][dim];
        double[][] yv = new double[memory][dim];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] d = new double[dim];
        double[] zd = new double[n];
        double[] etaTrial = new double[n];
        double[] xTrial = new double[dim];
        double[] penaltyGrad = new double[dim];
        double[] gNew = new double[dim];
        double[] alpha = new double[memory];
        double[] hessian = new double[n];
        double[] betaOld = obj.toBeta(x);
        double[] betaNew = new double[dim];
        LastEvaluation last = new LastEvaluation();
        int k = 0;
        int floorMisses = 0;
        while (true) {
            k++;
            OptionalDouble step = OptionalDouble.empty();
            double dphi0 = 0;
            for (int attempt = 0; attempt < 2 && step.isEmpty(); attempt++) {
                direction(g, s, yv, rho, stored, newest, alpha, d);
                dphi0 = dot(g, d);
                if (!(dphi0 < 0)) { // not a descent direction (rounding): steepest descent
                    stored = 0;
                    for (int j = 0; j < dim; j++) {
                        d[j] = -g[j];
                    }
                    dphi0 = -dot(g, g);
                }
                obj.apply(d, zd);
                double a0 = 1.0;
                if (stored == 0) {
                    obj.problem.datafit().hessianDiagonal(eta, hessian);
                    double curvature = 0;
                    for (int i = 0; i < n; i++) {
                        curvature += hessian[i] * zd[i] * zd[i];
                    }
                    curvature += penaltyCurvatureAlong(obj, x, d);
                    a0 = curvature > 0 ? -dphi0 / curvature : 1.0;
                }
                final double[] xCur = x;
                final double[] etaCur = eta;
                StrongWolfe.LineFunction phi = new StrongWolfe.LineFunction() {
                    @Override
                    public double value(double a) {
                        for (int i = 0; i < n; i++) {
                            etaTrial[i] = etaCur[i] + a * zd[i];
                        }
                        for (int j = 0; j < dim; j++) {
                            xTrial[j] = xCur[j] + a * d[j];
                        }
                        double v = obj.datafit(etaTrial) + obj.penalty(xTrial);
                        last.value(a, v);
                        return v;
                    }

                    @Override
                    public double derivative(double a) {
                        for (int i = 0; i < n; i++) {
                            etaTrial[i] = etaCur[i] + a * zd[i];
                        }
                        for (int j = 0; j < dim; j++) {
                            xTrial[j] = xCur[j] + a * d[j];
                        }
                        double[] r = obj.rowGradient(etaTrial);
                        last.rows(a, r);
                        double v = dot(r, zd);
                        java.util.Arrays.fill(penaltyGrad, 0.0);
                        obj.addPenaltyGradient(xTrial, penaltyGrad);
                        return v + dot(penaltyGrad, d);
                    }
                };
                last.clear();
                step = StrongWolfe.search(phi, f, dphi0, a0);
                if (step.isEmpty() && stored == 0) {
                    break;
                }
                if (step.isEmpty()) {
                    stored = 0; // retry once along -g with a fresh memory
                }
            }
            if (step.isEmpty()) {
                recorder.record(k, f, Double.NaN, Double.NaN);
                return Outcome.finish(name(), obj, x, k, StopReason.LINE_SEARCH_FAILED,
                        "line search failed: no step along the descent direction satisfies the strong Wolfe "
                                + "conditions", recorder, warn);
            }
            double a = step.getAsDouble();
            double fOld = f;
            for (int j = 0; j < dim; j++) {
                x[j] += a * d[j];
            }
            boolean refresh = k % REFRESH_ETA == 0;
            if (refresh) {
                obj.linearPredictor(x, eta);
            } else {
                for (int i = 0; i < n; i++) {
                    eta[i] += a * zd[i];
                }
            }
            if (!refresh && last.valueAt(a) && last.rowsAt(a)) {
                // the search's last evaluations were at the accepted step, on the same eta and x
                // (bit for bit: the same sums): reuse them instead of a second pass of exp / log1p
                f = last.value;
                obj.applyTranspose(last.rows, gNew, gBeta);
                obj.addPenaltyGradient(x, gNew);
            } else {
                f = obj.datafit(eta) + obj.penalty(x);
                gradient(obj, x, eta, gNew, gBeta);
            }
            // curvature pair
            int slot = (newest + 1) % memory;
            double sy = 0;
            double yy = 0;
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                double sj = a * d[j];
                double yj = gNew[j] - g[j];
                s[slot][j] = sj;
                yv[slot][j] = yj;
                sy += sj * yj;
                yy += yj * yj;
                ss += sj * sj;
            }
            if (sy > 1e-12 * Math.sqrt(ss * yy) && sy > 0) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(gNew, 0, g, 0, dim);
            double kkt = obj.kktViolation(x, gBeta);
            double mapping = 0;
            for (double v : g) {
                mapping = Math.max(mapping, Math.abs(v));
            }
            obj.toBeta(x, betaNew);
            double change = FirstOrderEngine.coefficientChange(betaOld, betaNew);
            System.arraycopy(betaNew, 0, betaOld, 0, dim);
            recorder.record(k, f, kkt, a);
            IterationState state = new IterationState(k, f, fOld, Double.NaN, Double.NaN, kkt, change, mapping);
            Optional<StoppingRule> fired = rule.firing(state);
            if (fired.isPresent()) {
                StopReason reason = fired.get().check(state).orElseThrow();
                if (reason.converged() && !Outcome.holdsExactly(obj, x, fired.get(), state)) {
                    if (++floorMisses >= Outcome.FLOOR_MISSES) {
                        return Outcome.atRoundingFloor(name(), obj, x, k, fired.get(), recorder, warn);
                    }
                    obj.linearPredictor(x, eta); // drop the drift and go on
                    continue;
                }
                return Outcome.finish(name(), obj, x, k, reason,
                        (reason.converged() ? "converged: " : "stopped: ") + fired.get().describe(), recorder, warn);
            }
        }
    }

    /**
     * The line search's last objective value and per-row datafit derivative, with the steps they
     * were evaluated at (the derivative's row buffer is the objective's, valid until its next use).
     */
    private static final class LastEvaluation {
        private double valueStep = Double.NaN;
        private double value;
        private double rowsStep = Double.NaN;
        private double[] rows;

        void clear() {
            valueStep = Double.NaN;
            rowsStep = Double.NaN;
            rows = null;
        }

        void value(double step, double v) {
            valueStep = step;
            value = v;
        }

        void rows(double step, double[] r) {
            rowsStep = step;
            rows = r;
        }

        boolean valueAt(double step) {
            return valueStep == step;
        }

        boolean rowsAt(double step) {
            return rowsStep == step;
        }
    }

    /** {@code d = -H g} by the two-loop recursion over the {@code stored} newest pairs. */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest,
                                  double[] alpha, double[] d) {
        int m = s.length;
        for (int j = 0; j < d.length; j++) {
            d[j] = -g[j];
        }
        if (stored == 0) {
            return;
        }
        for (int c = 0; c < stored; c++) {
            int i = Math.floorMod(newest - c, m);
            alpha[i] = rho[i] * dot(s[i], d);
            axpy(-alpha[i], y[i], d);
        }
        double scaling = 1 / (rho[newest] * dot(y[newest], y[newest]));
        for (int j = 0; j < d.length; j++) {
            d[j] *= scaling;
        }
        for (int c = stored - 1; c >= 0; c--) {
            int i = Math.floorMod(newest - c, m);
            double beta = rho[i] * dot(y[i], d);
            axpy(alpha[i] - beta, s[i], d);
        }
    }

    private static double penaltyCurvatureAlong(StandardizedObjective obj, double[] x, double[] d) {
        // for the quadratic penalties L-BFGS accepts, d' P'' d = (P'(x + d) - P'(x))' d
        double[] g1 = new double[x.length];
        double[] g0 = new double[x.length];
        double[] xd = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            xd[j] = x[j] + d[j];
        }
        obj.addPenaltyGradient(xd, g1);
        obj.addPenaltyGradient(x, g0);
        double c = 0;
        for (int j = 0; j < x.length; j++) {
            c += (g1[j] - g0[j]) * d[j];
        }
        return Math.max(c, 0);
    }

    private static void gradient(StandardizedObjective obj, double[] x, double[] eta, double[] g, double[] gBeta) {
        obj.datafitGradient(eta, g, gBeta);
        obj.addPenaltyGradient(x, g);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
