package dev.argmax.models.distribution;

import java.util.List;

/**
 * A one-parameter family: every array-valued method of {@link Likelihood} reduces to a scalar
 * one. Subclasses give the closed forms; this class adapts them.
 */
public abstract class ScalarLikelihood implements Likelihood {

    /** The parameter's name, e.g. {@code "p"}. */
    public abstract String parameter();

    /** The closed-form MLE of the validated data. */
    public abstract double estimate(double[] data);

    /** The full log-likelihood at {@code theta}. */
    public abstract double logLikelihood(double[] data, double theta);

    /** The derivative of the log-likelihood at {@code theta}. */
    public abstract double score(double[] data, double theta);

    /** The expected Fisher information of one observation, {@code I(theta)}. */
    public abstract double information(double theta);

    /** {@code 1 / I(theta)} in a form that stays finite on the boundary. */
    public abstract double inverseInformation(double theta);

    /** Warnings about the MLE {@code theta} of {@code data}. */
    public abstract List<String> diagnose(double[] data, double theta);

    /** {@code KL(P_a || P_b)}. */
    public abstract double klDivergence(double a, double b);

    /** The entropy of {@code P_theta}. */
    public abstract double entropy(double theta);

    @Override
    public final List<String> parameterNames() {
        return List.of(parameter());
    }

    @Override
    public int sampleSize(double[] data) {
        return data.length;
    }

    @Override
    public final double[] mle(double[] data) {
        return new double[] {estimate(data)};
    }

    @Override
    public final double logLikelihood(double[] data, double[] theta) {
        return logLikelihood(data, single(theta));
    }

    @Override
    public final double[] score(double[] data, double[] theta) {
        return new double[] {score(data, single(theta))};
    }

    @Override
    public final double[][] fisherInformation(double[] theta) {
        return new double[][] {{information(single(theta))}};
    }

    @Override
    public final double[][] asymptoticCovariance(double[] theta, int n) {
        return new double[][] {{inverseInformation(single(theta)) / n}};
    }

    @Override
    public final List<String> diagnose(double[] data, double[] theta) {
        return diagnose(data, single(theta));
    }

    @Override
    public final double klDivergence(double[] from, double[] to) {
        return klDivergence(single(from), single(to));
    }

    @Override
    public final double entropy(double[] theta) {
        return entropy(single(theta));
    }

    private double single(double[] theta) {
        if (theta.length != 1) {
            throw new IllegalArgumentException(family() + " has one parameter (" + parameter() + "), got "
                    + theta.length + " values");
        }
        return theta[0];
    }

    /** The standard boundary warning. */
    protected final String boundary(double theta, String why) {
        return "MLE " + parameter() + " = " + theta + " lies on the boundary of the parameter space (" + why
                + "): the Fisher information there is infinite, the Wald standard error 0 is not a measure of"
                + " uncertainty and the Wald interval is degenerate";
    }

    /** {@code a log(a / b)} with {@code 0 log(0/b) = 0}. */
    static double relativeEntropyTerm(double a, double b) {
        if (a == 0) {
            return 0;
        }
        if (b == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return a * Math.log(a / b);
    }
}
