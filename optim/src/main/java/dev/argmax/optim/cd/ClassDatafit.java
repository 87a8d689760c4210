package dev.argmax.optim.cd;

import dev.argmax.core.objective.Capability;
import dev.argmax.core.objective.Datafit;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A datafit with a vector-valued linear predictor seen as a function of one of its columns, the
 * others held fixed: {@code F_c(e) = F(eta with column c replaced by e)}, a scalar datafit
 * ({@code m = 1}). Its derivatives are column c of the full datafit's gradient and Hessian
 * diagonal: for the multinomial logit {@code (w_i / W)(p_ic - y_ic)} and
 * {@code (w_i / W) p_ic (1 - p_ic)}, the quadratic approximation of glmnet's partial Newton step
 * for class c. Holds a private copy of the fixed columns; not thread-safe.
 */
final class ClassDatafit implements Datafit {

    private final Datafit parent;
    private final int column;
    private final int n;
    private final double[] full;
    private final double[] buffer;
    private final double[] buffer2;

    /**
     * @param parent the datafit with {@code m > 1} columns
     * @param eta the full linear predictor (length n m), copied; its column c is ignored
     * @param column c
     */
    ClassDatafit(Datafit parent, double[] eta, int column) {
        this.parent = parent;
        this.column = column;
        this.n = parent.size();
        this.full = eta.clone();
        this.buffer = new double[full.length];
        this.buffer2 = new double[full.length];
    }

    private double[] with(double[] e) {
        if (e.length != n) {
            throw new IllegalArgumentException("linear predictor has length " + e.length + ", expected " + n);
        }
        System.arraycopy(e, 0, full, column * n, n);
        return full;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double weightSum() {
        return parent.weightSum();
    }

    @Override
    public double value(double[] eta) {
        return parent.value(with(eta));
    }

    @Override
    public void gradient(double[] eta, double[] out) {
        parent.gradient(with(eta), buffer);
        System.arraycopy(buffer, column * n, out, 0, n);
    }

    @Override
    public void hessianDiagonal(double[] eta, double[] out) {
        parent.hessianDiagonal(with(eta), buffer);
        System.arraycopy(buffer, column * n, out, 0, n);
    }

    @Override
    public void derivatives(double[] eta, double[] gradientOut, double[] hessianOut) {
        parent.derivatives(with(eta), buffer, buffer2);
        System.arraycopy(buffer, column * n, gradientOut, 0, n);
        System.arraycopy(buffer2, column * n, hessianOut, 0, n);
    }

    @Override
    public OptionalDouble curvatureBound() {
        return parent.curvatureBound();
    }

    /** The full datafit's saturated value (F_c is never below it). */
    @Override
    public double saturatedValue() {
        return parent.saturatedValue();
    }

    @Override
    public Set<Capability> capabilities() {
        return parent.capabilities();
    }

    @Override
    public String name() {
        return parent.name() + " (column " + (column + 1) + ")";
    }
}
