package dev.argmax.bench.problems;

/**
 * What identifies a synthetic problem: size, family, design scenario and seed. The same spec
 * gives the same doubles on every JVM (generation uses {@link java.util.SplittableRandom} and
 * {@link StrictMath}-free arithmetic that Java specifies exactly).
 *
 * @param n rows asked for ({@link Scenario#WIDE} replaces it, see {@link #rows()})
 * @param p predictors (no intercept column)
 * @param family response distribution
 * @param scenario design
 * @param seed random seed
 */
public record ProblemSpec(int n, int p, Family family, Scenario scenario, long seed) {

    /** Largest n * p generated (8 GB of doubles would not fit next to the other helpers' work). */
    public static final long MAX_ENTRIES = 400_000_000L;

    public ProblemSpec {
        if (n < 1 || p < 1) {
            throw new IllegalArgumentException("a synthetic problem needs n >= 1 and p >= 1, got n=" + n + ", p=" + p);
        }
        if (family == null || scenario == null) {
            throw new IllegalArgumentException("family and scenario are required");
        }
        long entries = (long) scenario.rows(n, p) * p;
        if (entries > MAX_ENTRIES) {
            throw new IllegalArgumentException("synthetic problem " + scenario.rows(n, p) + " x " + p + " has " + entries
                    + " entries (" + (entries * 8 >> 20) + " MB); the limit is " + MAX_ENTRIES + " entries");
        }
    }

    /**
     * Parses {@code n,p,family,seed[,scenario]}, the form of {@code --synthetic}, e.g.
     * {@code 10000,20,binomial,1,toeplitz}; the scenario defaults to {@code iid}.
     */
    public static ProblemSpec parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4 && parts.length != 5) {
            throw new IllegalArgumentException("expected n,p,family,seed[,scenario], got '" + text + "'");
        }
        try {
            int n = Integer.parseInt(parts[0].trim());
            int p = Integer.parseInt(parts[1].trim());
            Family family = Family.parse(parts[2]);
            long seed = Long.parseLong(parts[3].trim());
            Scenario scenario = parts.length == 5 ? Scenario.parse(parts[4]) : Scenario.IID;
            return new ProblemSpec(n, p, family, scenario, seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected n,p,family,seed[,scenario] with integer n, p and seed, got '"
                    + text + "'", e);
        }
    }

    /** The rows actually generated. */
    public int rows() {
        return scenario.rows(n, p);
    }

    /** A stable identifier, e.g. {@code binomial-toeplitz-10000x100-s1}, used to match answers. */
    public String id() {
        return family.label() + "-" + scenario.label() + "-" + rows() + "x" + p + "-s" + seed;
    }

    @Override
    public String toString() {
        return id();
    }
}
