package dev.argmax.models.conjugate;

/**
 * The mode of a density: the MAP estimate when the density is a posterior. It need not be an
 * interior point, and need not exist:
 *
 * <ul>
 *   <li>{@link Kind#INTERIOR}: a unique maximum inside the support;</li>
 *   <li>{@link Kind#BOUNDARY}: a unique finite maximum on the boundary of the support (e.g. a
 *       Beta(1, b) with b &gt; 1 has its mode at p = 0);</li>
 *   <li>{@link Kind#UNBOUNDED}: the density grows without bound towards the boundary (e.g. Beta
 *       with alpha &lt; 1): there is no mode and no MAP estimate;</li>
 *   <li>{@link Kind#NOT_UNIQUE}: the density is flat (Beta(1, 1)): every point is a mode.</li>
 * </ul>
 *
 * @param kind which of the cases
 * @param location the mode (one entry per parameter) when it exists, otherwise empty
 * @param explanation why the mode is on the boundary or does not exist; empty for an interior mode
 */
public record Mode(Kind kind, double[] location, String explanation) {

    /** The cases of a mode. */
    public enum Kind {
        INTERIOR, BOUNDARY, UNBOUNDED, NOT_UNIQUE
    }

    public Mode {
        location = location.clone();
        if (exists(kind) == (location.length == 0)) {
            throw new IllegalArgumentException("a " + kind + " mode " + (exists(kind) ? "needs" : "has no")
                    + " location");
        }
    }

    @Override
    public double[] location() {
        return location.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mode m && kind == m.kind && java.util.Arrays.equals(location, m.location)
                && explanation.equals(m.explanation);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + java.util.Arrays.hashCode(location);
    }

    @Override
    public String toString() {
        return exists() ? kind + " mode at " + java.util.Arrays.toString(location)
                + (explanation.isEmpty() ? "" : " (" + explanation + ")") : kind + ": " + explanation;
    }

    /** A unique interior mode. */
    public static Mode interior(double... location) {
        return new Mode(Kind.INTERIOR, location, "");
    }

    /** A unique mode on the boundary of the support. */
    public static Mode boundary(String explanation, double... location) {
        return new Mode(Kind.BOUNDARY, location, explanation);
    }

    /** No mode: the density is unbounded. */
    public static Mode unbounded(String explanation) {
        return new Mode(Kind.UNBOUNDED, new double[0], explanation);
    }

    /** No unique mode: the density is flat. */
    public static Mode notUnique(String explanation) {
        return new Mode(Kind.NOT_UNIQUE, new double[0], explanation);
    }

    private static boolean exists(Kind kind) {
        return kind == Kind.INTERIOR || kind == Kind.BOUNDARY;
    }

    /** Whether a unique mode exists (interior or on the boundary). */
    public boolean exists() {
        return exists(kind);
    }

    /** Whether the mode is a unique interior point. */
    public boolean interior() {
        return kind == Kind.INTERIOR;
    }

    /**
     * The mode of a one-parameter density.
     *
     * @throws IllegalStateException with the explanation when there is no unique mode
     */
    public double value() {
        if (!exists()) {
            throw new IllegalStateException("no MAP estimate: " + explanation);
        }
        return location[0];
    }

    /**
     * The mode of a Dirichlet(a_1..a_K) density (Beta for K = 2): {@code (a_k - 1)/(A - K)} when
     * every {@code a_k >= 1} and not all are 1 (on the boundary when some {@code a_k = 1});
     * unbounded when some {@code a_k < 1}; flat when all are 1.
     */
    static Mode ofDirichlet(double[] a, String[] names) {
        double total = 0;
        boolean allOne = true;
        boolean someOne = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] < 1) {
                return unbounded(names[k] + " = " + a[k] + " < 1: the density is unbounded as the probability"
                        + " goes to 0, so there is no mode (no MAP estimate)");
            }
            allOne &= a[k] == 1;
            someOne |= a[k] == 1;
            total += a[k];
        }
        if (allOne) {
            return notUnique("all parameters are 1: the density is uniform and every point is a mode");
        }
        double[] m = new double[a.length];
        double denominator = total - a.length;
        for (int k = 0; k < a.length; k++) {
            m[k] = (a[k] - 1) / denominator;
        }
        if (someOne) {
            return boundary("a parameter equal to 1 puts the mode on the boundary (that probability is 0)", m);
        }
        return interior(m);
    }
}
