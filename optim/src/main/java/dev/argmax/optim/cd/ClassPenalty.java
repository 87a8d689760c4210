package dev.argmax.optim.cd;

import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.SeparablePenalty;
import java.util.Set;

/**
 * The part of a separable penalty on the m p slopes of a vector-valued predictor that acts on one
 * column's p slopes ({@code c p .. c p + p - 1}, the penalty's own indexing of
 * {@link dev.argmax.optim.Problem}), seen as a penalty on p slopes: what coordinate descent on
 * that column alone minimizes (the other columns' terms are constant there).
 */
final class ClassPenalty implements SeparablePenalty {

    private final SeparablePenalty parent;
    private final int column;
    private final int first;
    private final int p;

    ClassPenalty(SeparablePenalty parent, int column, int p) {
        this.parent = parent;
        this.column = column;
        this.first = column * p;
        this.p = p;
    }

    @Override
    public double lambda() {
        return parent.lambda();
    }

    @Override
    public ClassPenalty withLambda(double lambda) {
        return new ClassPenalty(parent.withLambda(lambda), column, p);
    }

    @Override
    public boolean penalizes(int j) {
        return parent.penalizes(first + j);
    }

    @Override
    public double value(double[] slopes) {
        double total = 0;
        for (int j = 0; j < slopes.length; j++) {
            total += parent.value(first + j, slopes[j]);
        }
        return total;
    }

    @Override
    public double value(int j, double b) {
        return parent.value(first + j, b);
    }

    @Override
    public double prox(int j, double z, double step) {
        return parent.prox(first + j, z, step);
    }

    @Override
    public double coordinateMinimizer(int j, double g, double h) {
        return parent.coordinateMinimizer(first + j, g, h);
    }

    @Override
    public double subdifferentialDistance(int j, double b, double gradient) {
        return parent.subdifferentialDistance(first + j, b, gradient);
    }

    @Override
    public double zeroThreshold(int j) {
        return parent.zeroThreshold(first + j);
    }

    @Override
    public Set<Capability> capabilities() {
        return parent.capabilities();
    }

    @Override
    public String name() {
        return parent.name() + " on the slopes of column " + (column + 1);
    }
}
