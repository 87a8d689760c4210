package dev.argmax.bench.problems;

import java.util.Locale;

/**
 * How the design of a synthetic problem is drawn: the easy case and the cases where solvers
 * separate. Every column before scaling has unit variance; the true slopes are drawn so that the
 * linear predictor has a standard deviation of about 1 (before the intercept).
 */
public enum Scenario {
    /** Independent N(0, 1) columns: easy for every first-order method. */
    IID,
    /**
     * Toeplitz correlation {@code corr(x_j, x_k) = 0.9^|j-k|}, drawn as an AR(1) across columns:
     * {@code x_j = 0.9 x_{j-1} + sqrt(1 - 0.81) z_j}. Ill-conditioned for gradient methods.
     */
    TOEPLITZ,
    /**
     * Independent columns on very different scales: column j is multiplied by
     * {@code 10^(-3 + 6 j / (p - 1))} (six decades from first to last), its slope divided by the
     * same factor, so the linear predictor is unchanged.
     */
    SCALES,
    /**
     * Independent columns and, for the binomial family, rare events: the intercept is -4, which
     * gives about 2% ones. (For the other families it is the same as {@link #IID} but with that
     * intercept's effect on the mean.)
     */
    RARE,
    /**
     * p close to n: the number of rows is {@code ceil(1.2 p)} whatever n was asked for, with
     * Toeplitz-correlated columns.
     */
    WIDE;

    /** The Toeplitz / AR(1) correlation of {@link #TOEPLITZ} and {@link #WIDE}. */
    public static final double RHO = 0.9;

    /** The scenario of a command-line or JMH parameter name (case-insensitive). */
    public static Scenario parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; the scenarios are iid, toeplitz, "
                    + "scales, rare, wide", e);
        }
    }

    /** Lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The number of rows actually generated when {@code requested} are asked for with p predictors. */
    public int rows(int requested, int p) {
        return this == WIDE ? (int) Math.ceil(1.2 * p) : requested;
    }
}
