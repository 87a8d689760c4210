package dev.argmax.spark;

import dev.argmax.optim.newton.NewtonSource;
import dev.argmax.optim.newton.NewtonSums;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The {@link NewtonSource} of cached {@link PartitionBlock}s: every evaluation broadcasts the
 * coefficients and adds the partitions' {@link NewtonSums} by {@code treeReduce}.
 *
 * <p>One aggregation per accepted iterate: the full step of a search line is evaluated with its
 * information and score in the same pass as its loss (the usual case is that it is accepted), a
 * halved step with its loss alone (no Gram), and the sums at a halved step that is accepted are
 * formed when the solver asks for them. Starts, as R's {@code glm.fit}, from the family's
 * {@code mustart} (each partition computes its working model there).
 *
 * <p>Mutable (it is the solver's iterate); one fit at a time.
 */
final class PartitionSource implements NewtonSource {

    private final JavaSparkContext context;
    private final JavaRDD<PartitionBlock> blocks;
    private final int coefficients;
    private final int firstSlope;
    private final boolean interceptOnly;
    private double[] beta;
    private NewtonSums current;
    private boolean atStart = true;
    private double[] base;
    private double[] delta;
    private double cachedStep = Double.NaN;
    private NewtonSums cached;

    /**
     * @param interceptOnly whether the model is the intercept-only (null) model of the blocks
     */
    PartitionSource(JavaSparkContext context, JavaRDD<PartitionBlock> blocks, int coefficients, int firstSlope,
            boolean interceptOnly) {
        this.context = context;
        this.blocks = blocks;
        this.coefficients = coefficients;
        this.firstSlope = firstSlope;
        this.interceptOnly = interceptOnly;
        this.beta = new double[coefficients];
    }

    @Override
    public int coefficients() {
        return coefficients;
    }

    @Override
    public int firstSlope() {
        return firstSlope;
    }

    @Override
    public double[] startCoefficients() {
        return null;
    }

    @Override
    public NewtonSums sums() {
        if (current == null) {
            boolean nullModel = interceptOnly;
            current = atStart ? blocks.map(b -> b.startSums(nullModel)).treeReduce(NewtonSums::plus, 2)
                    : aggregate(beta);
        }
        return current;
    }

    @Override
    public NewtonSums observedSums() {
        Broadcast<double[]> shared = context.broadcast(beta);
        try {
            boolean nullModel = interceptOnly;
            return blocks.map(b -> b.observedSums(shared.value(), nullModel)).treeReduce(NewtonSums::plus, 2);
        } finally {
            shared.destroy();
        }
    }

    @Override
    public double[] score() {
        return sums().score();
    }

    @Override
    public void direction(double[] d, boolean fromZero) {
        this.base = fromZero ? new double[coefficients] : beta;
        this.delta = d.clone();
        this.cachedStep = Double.NaN;
        this.cached = null;
    }

    @Override
    public double trialLoss(double step) {
        if (step == 1.0) {
            return trialSums(step).loss();
        }
        if (step == cachedStep) {
            return cached.loss();
        }
        Broadcast<double[]> shared = context.broadcast(point(step));
        try {
            boolean nullModel = interceptOnly;
            return blocks.map(b -> b.loss(shared.value(), nullModel)).reduce(Double::sum);
        } finally {
            shared.destroy();
        }
    }

    @Override
    public double[] trialScore(double step) {
        return trialSums(step).score();
    }

    @Override
    public double accept(double step) {
        beta = point(step);
        current = step == cachedStep ? cached : null;
        atStart = false;
        cachedStep = Double.NaN;
        cached = null;
        return Double.NaN;
    }

    private NewtonSums trialSums(double step) {
        if (step != cachedStep) {
            cached = aggregate(point(step));
            cachedStep = step;
        }
        return cached;
    }

    /** {@code base + step * delta}, computed as the solver computes it. */
    private double[] point(double step) {
        double[] out = new double[coefficients];
        for (int j = 0; j < coefficients; j++) {
            out[j] = base[j] + step * delta[j];
        }
        return out;
    }

    private NewtonSums aggregate(double[] at) {
        Broadcast<double[]> shared = context.broadcast(at);
        try {
            boolean nullModel = interceptOnly;
            return blocks.map(b -> nullModel ? b.nullModelSums(shared.value()) : b.sums(shared.value()))
                    .treeReduce(NewtonSums::plus, 2);
        } finally {
            shared.destroy();
        }
    }
}
