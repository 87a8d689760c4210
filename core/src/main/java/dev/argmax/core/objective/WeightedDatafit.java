package dev.argmax.core.objective;

import dev.argmax.core.data.Checks;
import dev.argmax.core.data.InvalidDataException;

/**
 * Shared storage for datafits of the form {@code (1/W) sum_i w_i l(y_i, eta_i)}: the response,
 * the weights and their sum. Subclasses supply the per-observation loss and its derivatives.
 */
abstract class WeightedDatafit implements Datafit {

    protected final double[] y;
    protected final double[] w;
    protected final double weightSum;

    /**
     * @param y response (copied)
     * @param weights observation weights (copied), or null for unit weights
     */
    WeightedDatafit(double[] y, double[] weights) {
        if (y.length == 0) {
            throw new InvalidDataException("the response is empty");
        }
        Checks.requireFinite(y, "response");
        this.y = y.clone();
        this.w = Checks.weightsOrUnit(weights, y.length, "weights");
        double s = 0;
        for (double v : this.w) {
            s += v;
        }
        this.weightSum = s;
    }

    @Override
    public int size() {
        return y.length;
    }

    @Override
    public double weightSum() {
        return weightSum;
    }

    @Override
    public java.util.Optional<double[]> normalizedWeights() {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / weightSum;
        }
        return java.util.Optional.of(out);
    }

    void checkLength(double[] eta) {
        if (eta.length != y.length) {
            throw new IllegalArgumentException("linear predictor has length " + eta.length + ", expected " + y.length);
        }
    }
}
