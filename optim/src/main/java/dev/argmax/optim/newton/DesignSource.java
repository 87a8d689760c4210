package dev.argmax.optim.newton;

import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.Datafit;
import dev.argmax.optim.Problem;
import java.util.OptionalDouble;

/**
 * The {@link NewtonSource} of the rows on this machine: the data term of a {@link Problem}, with
 * the current linear predictor {@code eta = offset + A beta} kept, so that a search line costs one
 * pass {@code A delta} and every step-halving only {@code eta + t A delta} and one loss
 * evaluation; the information matrix is formed once per accepted iterate
 * ({@link NewtonSums#atLinearPredictor}).
 *
 * <p>Mutable (it is the solver's iterate); one fit at a time.
 */
public final class DesignSource implements NewtonSource {

    private final Design design;
    private final Datafit datafit;
    private final double[] offset;
    private final double[] startBeta;
    private final boolean[] positiveWeight;
    private double[] eta;
    private boolean atWorkingModel;
    private final double[] etaDirection;
    private double[] etaTrial;
    private double trialStep = Double.NaN;
    /** The datafit's value at the trial point, when evaluated (NaN otherwise). */
    private double trialValue = Double.NaN;
    /** The datafit's value at the current iterate, when known (NaN otherwise). */
    private double currentValue = Double.NaN;
    private double[] base;

    private DesignSource(Problem problem, double[] startBeta, double[] startEta) {
        this.design = problem.design();
        this.datafit = problem.datafit();
        this.offset = problem.offset();
        int n = problem.rows();
        int k = problem.coefficients();
        if (startBeta != null) {
            if (startBeta.length != k) {
                throw new IllegalArgumentException("start has " + startBeta.length + " coefficients, expected " + k);
            }
            this.startBeta = startBeta.clone();
            this.eta = new double[n];
            problem.linearPredictor(this.startBeta, eta);
        } else if (startEta != null) {
            if (startEta.length != n) {
                throw new IllegalArgumentException("start linear predictor has length " + startEta.length
                        + ", expected " + n);
            }
            this.startBeta = null;
            this.eta = startEta.clone();
            this.atWorkingModel = true;
        } else {
            this.startBeta = new double[k];
            this.eta = offset.clone();
        }
        // observations with no curvature and no gradient (zero weight) do not count in a step's size
        double[] g = new double[n];
        double[] h = new double[n];
        datafit.derivatives(eta, g, h);
        this.positiveWeight = new boolean[n];
        for (int i = 0; i < n; i++) {
            positiveWeight[i] = h[i] > 0 || g[i] != 0;
        }
        this.etaDirection = new double[n];
        this.etaTrial = new double[n];
    }

    /** Starts at the given coefficients (length k), or at 0 when null. */
    public static DesignSource atCoefficients(Problem problem, double[] start) {
        return new DesignSource(problem, start, null);
    }

    /** Starts, as R's {@code glm.fit} from {@code mustart}, at a linear predictor (offset included). */
    public static DesignSource atLinearPredictor(Problem problem, double[] eta0) {
        return new DesignSource(problem, null, java.util.Objects.requireNonNull(eta0, "eta0"));
    }

    @Override
    public int coefficients() {
        return design.coefficients();
    }

    @Override
    public int firstSlope() {
        return design.firstSlope();
    }

    @Override
    public double[] startCoefficients() {
        return startBeta == null ? null : startBeta.clone();
    }

    @Override
    public NewtonSums sums() {
        double[] working = atWorkingModel ? offset : null;
        return Double.isNaN(currentValue) ? NewtonSums.atLinearPredictor(design, datafit, eta, working)
                : NewtonSums.atLinearPredictor(design, datafit, eta, working, currentValue);
    }

    @Override
    public NewtonSums observedSums() {
        return NewtonSums.observedAt(design, datafit, eta);
    }

    @Override
    public double[] score() {
        return scoreAt(eta);
    }

    @Override
    public void direction(double[] delta, boolean fromZero) {
        design.multiply(delta, etaDirection);
        base = fromZero ? offset : eta;
        trialStep = Double.NaN;
        trialValue = Double.NaN;
    }

    @Override
    public double trialLoss(double step) {
        moveTrial(step);
        for (double v : etaTrial) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        trialValue = datafit.value(etaTrial);
        return datafit.weightSum() * trialValue;
    }

    @Override
    public double[] trialScore(double step) {
        moveTrial(step);
        return scoreAt(etaTrial);
    }

    @Override
    public double accept(double step) {
        moveTrial(step);
        double change = 0;
        for (int i = 0; i < eta.length; i++) {
            if (positiveWeight[i]) {
                change = Math.max(change, Math.abs(etaTrial[i] - eta[i]));
            }
        }
        double[] swap = eta;
        eta = etaTrial;
        etaTrial = swap;
        currentValue = trialValue;
        trialStep = Double.NaN;
        trialValue = Double.NaN;
        atWorkingModel = false;
        return change;
    }

    @Override
    public OptionalDouble curvatureLogLipschitz() {
        return datafit.expectedInformation() ? OptionalDouble.empty() : datafit.curvatureLogLipschitz();
    }

    /** The linear predictor {@code offset + A beta} at the current iterate. */
    public double[] linearPredictor() {
        return eta.clone();
    }

    private void moveTrial(double step) {
        if (step == trialStep) {
            return;
        }
        trialValue = Double.NaN;
        for (int i = 0; i < etaTrial.length; i++) {
            etaTrial[i] = base[i] + step * etaDirection[i];
        }
        trialStep = step;
    }

    private double[] scoreAt(double[] at) {
        double[] g = new double[at.length];
        datafit.gradient(at, g);
        double[] out = new double[design.coefficients()];
        design.transposeMultiply(g, out);
        double total = datafit.weightSum();
        for (int j = 0; j < out.length; j++) {
            out[j] *= total;
        }
        return out;
    }
}
