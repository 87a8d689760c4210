package dev.argmax.optim.irls;

import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.StopReason;
import dev.argmax.optim.newton.StepCertificate;
import dev.argmax.optim.stopping.IterationState;
import dev.argmax.optim.gradient.GradientSettings;
import dev.argmax.optim.gradient.Lbfgs;
import dev.argmax.optim.stopping.StoppingRule;
import dev.argmax.optim.trace.Trace;
import dev.argmax.optim.trace.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MLE with its information matrix in as few Grams as the problem allows ("lbfgs-irls"):
 * L-BFGS ({@link Lbfgs}, two streaming passes per iteration) for at most a budget of iterations,
 * handing over at a KKT violation of {@link #HANDOVER_TOLERANCE}, then {@link Irls} (one Gram
 * {@code A'WA} per iteration) from the coefficients it reached.
 *
 * <p>Why: at 1,000,000 x 100 one Gram costs about as much as six L-BFGS iterations. On a
 * well-conditioned design L-BFGS reaches the handover point in about eight iterations, and one
 * Newton step from there moves no linear predictor by more than about 1e-9, which
 * {@link StepCertificate} certifies at {@link #CERTIFICATION}: the Gram of that step is also the
 * information, and the whole fit costs about eight iterations and one Gram where IRLS from R's
 * start takes five Grams and a finish. On an ill-conditioned design (Toeplitz correlation 0.9)
 * L-BFGS needs hundreds of iterations: the first stage stops at its budget, or earlier when its
 * progress so far is too slow to reach the handover within the budget (below), and IRLS goes on
 * from the point it reached.
 *
 * <p>Progress test: with {@code D = log10(kkt_0 / }{@link #HANDOVER_TOLERANCE}{@code )} decades to
 * gain in B iterations, the first stage stops after iteration {@code j >= }{@link #JUDGED_FROM}
 * when it has gained fewer than {@code j D / (2 B)} decades, half its pro-rata share (L-BFGS speeds
 * up near the optimum, so a run on course may lag the straight line early on; on the benchmark's
 * iid design it gained 2.7 decades in 3 iterations where this asks 1.4, on the Toeplitz design
 * 0.6).
 *
 * <p>The budget is {@link #BUDGET_GRAMS} Gram-equivalents of iterations ({@link #budget}), from
 * the cost of one Gram and one L-BFGS iteration measured per row on the development machine.
 * Where it is smaller than {@link #MIN_BUDGET} iterations (few coefficients: the Gram is cheap
 * and each iteration's per-row {@code exp}/{@code log1p} work dominates) L-BFGS cannot pay for
 * itself and IRLS alone is faster ({@link #pays}).
 *
 * <p>Fallback: when the first stage ends neither handed over nor {@link #CLOSE}, with coefficients
 * that are not finite, or IRLS from them
 * finds aliased columns (whose coefficients IRLS would hold where L-BFGS left them instead of at
 * 0, R's convention), IRLS runs again from the caller's start linear predictor, exactly as
 * without the first stage.
 */
public final class LbfgsWarmStart {

    /** Name of the combination, for {@code Glm.builder(family).solver(NAME)} and the result. */
    public static final String NAME = "lbfgs-irls";
    /**
     * KKT violation at which L-BFGS hands over. One Newton step from such a point moved no linear
     * predictor by more than a few 1e-10 on the 1e6 x 100 logistic benchmark, within the
     * certificate's 1e-9.
     */
    public static final double HANDOVER_TOLERANCE = 1e-11;
    /**
     * The certification level of the second stage ({@link StepCertificate#STANDARD_ERROR_LEVEL}):
     * at these sizes one more Gram for the last digits of the standard errors is not worth it.
     */
    public static final double CERTIFICATION = StepCertificate.STANDARD_ERROR_LEVEL;
    /**
     * The KKT violation below which a first stage that did not hand over still gives IRLS its start;
     * above it IRLS starts from R's start as it would alone (R's first iteration, a weighted
     * least-squares fit to the working response of the observed values, is the better start: on the
     * Toeplitz benchmark IRLS took five iterations from L-BFGS's third iterate, four from R's start).
     */
    public static final double CLOSE = 1e-6;
    /** The first iteration after which the progress test applies. */
    public static final int JUDGED_FROM = 3;
    /** The L-BFGS budget in Gram-equivalents: the most the first stage can waste. */
    public static final double BUDGET_GRAMS = 2.0;
    /**
     * The fewest L-BFGS iterations worth a first stage: a well-conditioned design needs about eight
     * to reach {@link #HANDOVER_TOLERANCE}.
     */
    public static final int MIN_BUDGET = 8;
    /** Below this many rows a whole fit takes milliseconds and IRLS (R's algorithm and iteration count) is kept. */
    public static final int MIN_ROWS = 10_000;

    /**
     * Per row, in nanoseconds: one weighted Gram {@code A'WA} with its derivatives costs
     * {@code GRAM_QUADRATIC k^2 + GRAM_CONSTANT}, one L-BFGS iteration (two passes plus the loss
     * and its derivative per row, about two evaluations) {@code ITERATION_LINEAR k + ITERATION_CONSTANT};
     * fitted to the reference rows of 2026-12-07 (100,000 rows, k = 11 and 101: Gram 2.73 and
     * 41.5 ms, gradient iteration 3.65 and 7.04 ms), OpenBLAS with {@code OPENBLAS_CORETYPE=Haswell}.
     */
    private static final double GRAM_QUADRATIC = 0.0385;
    private static final double GRAM_CONSTANT = 22.6;
    private static final double ITERATION_LINEAR = 0.377;
    private static final double ITERATION_CONSTANT = 32.4;

    private final Irls irls;
    private final int budget;

    /**
     * @param irls the second stage (its epsilon, cap and stopping rule; certifying at {@link #CERTIFICATION})
     * @param budget the most L-BFGS iterations, {@code >= 1}
     */
    public LbfgsWarmStart(Irls irls, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the L-BFGS budget must be >= 1 iteration, got " + budget);
        }
        this.irls = java.util.Objects.requireNonNull(irls, "irls").withCertification(CERTIFICATION);
        this.budget = budget;
    }

    /** How many L-BFGS iterations cost as much as one Gram, for k coefficients (intercept included). */
    public static double iterationsPerGram(int coefficients) {
        double k = coefficients;
        return (GRAM_QUADRATIC * k * k + GRAM_CONSTANT) / (ITERATION_LINEAR * k + ITERATION_CONSTANT);
    }

    /** The first stage's budget: {@link #BUDGET_GRAMS} Gram-equivalents of L-BFGS iterations. */
    public static int budget(int coefficients) {
        return (int) Math.floor(BUDGET_GRAMS * iterationsPerGram(coefficients));
    }

    /**
     * The rule: a first stage pays when there are at least {@link #MIN_ROWS} rows and the budget is
     * at least {@link #MIN_BUDGET} iterations (k of about 76 or more).
     */
    public static boolean pays(long rows, int coefficients) {
        return rows >= MIN_ROWS && budget(coefficients) >= MIN_BUDGET;
    }

    /**
     * The fit and how many of its iterations were L-BFGS's.
     *
     * @param fit the fit, with the solver result of both stages (named {@link #NAME}, iterations,
     *     trace and time of both; the message says how the first stage ended)
     * @param firstStageIterations L-BFGS iterations (0 when IRLS ran alone after the fallback)
     */
    public record Fit(IrlsFit fit, int firstStageIterations) {
    }

    /**
     * @param problem an unpenalized or ridge problem L-BFGS supports
     * @param startLinearPredictor IRLS's start without a first stage (R's {@code mustart}), used by
     *     the fallback
     */
    public Fit fit(Problem problem, double[] startLinearPredictor) {
        long clockStart = System.nanoTime();
        Lbfgs first = new Lbfgs().withSettings(GradientSettings.defaults().withStopping(StoppingRule.optimality(
                HANDOVER_TOLERANCE).or(StoppingRule.maxIterations(budget)).or(new OnCourse(budget)))).asFirstStage();
        SolverResult quasi = first.solve(problem, null);
        boolean close = quasi.converged() || quasi.optimality() <= CLOSE;
        if (close && allFinite(quasi.coefficients()) && Double.isFinite(quasi.objective())) {
            IrlsFit second = irls.fit(problem, quasi.coefficients(), null);
            if (second.aliased().length == 0) {
                String how = "L-BFGS (budget " + budget + " iterations) " + quasi.message();
                return new Fit(combined(quasi, second, how, clockStart), quasi.iterations());
            }
        }
        IrlsFit alone = irls.fit(problem, null, startLinearPredictor);
        String how = "L-BFGS (budget " + budget + " iterations) " + quasi.message() + ": not close enough, IRLS"
                + " from R's start";
        return new Fit(combined(null, alone, how, clockStart), 0);
    }

    /**
     * The progress test (see the class comment): stops, not converged, when the run is too slow to
     * hand over within its budget. Holds the first violation it sees; one per run.
     */
    private static final class OnCourse implements StoppingRule {

        private final int budget;
        private double initial = Double.NaN;

        OnCourse(int budget) {
            this.budget = budget;
        }

        @Override
        public Optional<StopReason> check(IterationState state) {
            double kkt = state.optimality();
            if (state.iteration() == 0 || Double.isNaN(initial)) {
                initial = kkt;
                return Optional.empty();
            }
            if (state.iteration() < JUDGED_FROM || !(kkt > 0) || !(initial > HANDOVER_TOLERANCE)) {
                return Optional.empty();
            }
            double needed = Math.log10(initial / HANDOVER_TOLERANCE);
            double gained = Math.log10(initial / kkt);
            return gained < state.iteration() * needed / (2.0 * budget) ? Optional.of(StopReason.MAX_ITERATIONS)
                    : Optional.empty();
        }

        @Override
        public String describe() {
            return "progress too slow to reach KKT violation " + HANDOVER_TOLERANCE + " within " + budget
                    + " iterations";
        }
    }

    /** The second stage's fit with the result of both stages (clock from {@code clockStart}). */
    private static IrlsFit combined(SolverResult quasi, IrlsFit second, String how, long clockStart) {
        SolverResult r = second.result();
        long total = System.nanoTime() - clockStart;
        long secondStart = total - r.elapsedNanos();
        List<TraceEntry> entries = new ArrayList<>();
        int offset = 0;
        if (quasi != null) {
            entries.addAll(quasi.trace().entries());
            offset = quasi.iterations();
        }
        for (TraceEntry e : r.trace().entries()) {
            entries.add(new TraceEntry(e.iteration() + offset, e.objective(), e.optimality(), e.stepSize(),
                    e.elapsedNanos() + secondStart));
        }
        SolverResult result = new SolverResult(NAME, r.coefficients(), r.objective(), r.optimality(),
                offset + r.iterations(), r.stopReason(), how + "; then IRLS " + r.message(), Trace.of(entries), total);
        return new IrlsFit(result, second.aliased(), second.linearPredictor(), second.information(),
                second.lastStepMaxEtaChange(), second.deviance(), second.certified(), second.sumsAtEstimate());
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
