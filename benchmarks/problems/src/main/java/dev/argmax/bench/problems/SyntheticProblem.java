package dev.argmax.bench.problems;

import java.util.SplittableRandom;

/**
 * A regression problem drawn from a {@link ProblemSpec}: the design X (n x p, column-major, no
 * intercept column), the response y, and the true coefficients it was drawn from.
 *
 * <p>Drawn in a fixed order from one {@link SplittableRandom} seeded with the spec's seed: the p
 * slopes {@code b_j ~ N(0, s^2 / p)} (s = 1, or 1/2 for Poisson and Gamma so that counts and
 * sizes stay moderate), then X column by column (see {@link Scenario}), then y. The intercept is 1
 * (Gaussian, Gamma), -0.2 (binomial, probit) or 0.5 (Poisson), and -4 for binomial
 * {@link Scenario#RARE} (about 2% ones; probit -2).
 * Everything is deterministic: argmax's benchmarks and the peers' benchmarks, which run in
 * different JVMs, fit the same doubles.
 */
public final class SyntheticProblem {

    private final ProblemSpec spec;
    private final int n;
    private final int p;
    private final double[] x;
    private final double[] y;
    private final double intercept;
    private final double[] slopes;

    private SyntheticProblem(ProblemSpec spec, double[] x, double[] y, double intercept, double[] slopes) {
        this.spec = spec;
        this.n = spec.rows();
        this.p = spec.p();
        this.x = x;
        this.y = y;
        this.intercept = intercept;
        this.slopes = slopes;
    }

    /** Draws the problem of {@code spec}. */
    public static SyntheticProblem generate(ProblemSpec spec) {
        int n = spec.rows();
        int p = spec.p();
        SplittableRandom rng = new SplittableRandom(spec.seed());
        double slopeScale = (spec.family() == Family.POISSON || spec.family() == Family.GAMMA_LOG ? 0.5 : 1.0)
                / Math.sqrt(p);
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = slopeScale * rng.nextGaussian();
        }
        double[] x = design(rng, n, p, spec.scenario());
        double[] eta = new double[n];
        for (int j = 0; j < p; j++) {
            int col = j * n;
            double bj = b[j];
            for (int i = 0; i < n; i++) {
                eta[i] += x[col + i] * bj;
            }
        }
        if (spec.scenario() == Scenario.SCALES) {
            for (int j = 0; j < p; j++) {
                double c = p == 1 ? 1.0 : Math.pow(10, -3 + 6.0 * j / (p - 1));
                int col = j * n;
                for (int i = 0; i < n; i++) {
                    x[col + i] *= c;
                }
                b[j] /= c;
            }
        }
        double b0 = switch (spec.family()) {
            case GAUSSIAN -> 1.0;
            case BINOMIAL -> spec.scenario() == Scenario.RARE ? -4.0 : -0.2;
            case POISSON -> spec.scenario() == Scenario.RARE ? -2.0 : 0.5;
            case PROBIT -> spec.scenario() == Scenario.RARE ? -2.0 : -0.2;
            case GAMMA_LOG -> 1.0;
        };
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double e = b0 + eta[i];
            y[i] = switch (spec.family()) {
                case GAUSSIAN -> e + rng.nextGaussian();
                case BINOMIAL -> rng.nextDouble() < 1 / (1 + Math.exp(-e)) ? 1.0 : 0.0;
                case POISSON -> poisson(rng, Math.exp(e));
                case PROBIT -> e + rng.nextGaussian() > 0 ? 1.0 : 0.0;
                case GAMMA_LOG -> Math.exp(e) * gamma(rng, GAMMA_SHAPE) / GAMMA_SHAPE;
            };
        }
        return new SyntheticProblem(spec, x, y, b0, b);
    }

    /**
     * X (n x p, column-major) drawn column by column from {@code rng} as {@link Scenario} says:
     * independent N(0, 1) columns, or (Toeplitz, wide) the AR(1) across columns
     * {@code x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j}.
     */
    static double[] design(SplittableRandom rng, int n, int p, Scenario scenario) {
        double[] x = new double[Math.multiplyExact(n, p)];
        boolean correlated = scenario == Scenario.TOEPLITZ || scenario == Scenario.WIDE;
        double innovation = Math.sqrt(1 - Scenario.RHO * Scenario.RHO);
        for (int j = 0; j < p; j++) {
            int col = j * n;
            if (correlated && j > 0) {
                int prev = (j - 1) * n;
                for (int i = 0; i < n; i++) {
                    x[col + i] = Scenario.RHO * x[prev + i] + innovation * rng.nextGaussian();
                }
            } else {
                for (int i = 0; i < n; i++) {
                    x[col + i] = rng.nextGaussian();
                }
            }
        }
        return x;
    }

    /** Shape of the Gamma responses (coefficient of variation 1/sqrt 2). */
    static final double GAMMA_SHAPE = 2.0;

    /**
     * A Gamma(shape, 1) draw, shape {@code >= 1}, by Marsaglia and Tsang (2000): with
     * {@code d = shape - 1/3}, {@code c = 1/sqrt(9d)}, accept {@code d v} for {@code v = (1 + c z)^3}
     * when {@code log u < z^2/2 + d - d v + d log v}.
     */
    static double gamma(SplittableRandom rng, double shape) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A Poisson(mean) draw by inversion, in pieces of mean at most 200 (exp(-mean) stays normal). */
    static double poisson(SplittableRandom rng, double mean) {
        double total = 0;
        double left = mean;
        while (left > 0) {
            double m = Math.min(left, 200.0);
            left -= m;
            double u = rng.nextDouble();
            double prob = Math.exp(-m);
            double cdf = prob;
            int k = 0;
            while (u > cdf && k < 10_000) {
                k++;
                prob *= m / k;
                cdf += prob;
            }
            total += k;
        }
        return total;
    }

    public ProblemSpec spec() {
        return spec;
    }

    /** Rows n actually drawn. */
    public int rows() {
        return n;
    }

    /** Predictors p. */
    public int predictors() {
        return p;
    }

    /** X, column-major: element (i, j) at {@code j * n + i}. The array itself (not a copy: it may be large). */
    public double[] columnMajor() {
        return x;
    }

    /** X as n rows of p (a copy, for libraries that take {@code double[][]}). */
    public double[][] rowsArray() {
        double[][] rows = new double[n][p];
        for (int j = 0; j < p; j++) {
            int col = j * n;
            for (int i = 0; i < n; i++) {
                rows[i][j] = x[col + i];
            }
        }
        return rows;
    }

    /** Column j (a copy). */
    public double[] column(int j) {
        double[] c = new double[n];
        System.arraycopy(x, j * n, c, 0, n);
        return c;
    }

    /** The response (the array itself). */
    public double[] response() {
        return y;
    }

    /** The true intercept. */
    public double trueIntercept() {
        return intercept;
    }

    /** The true slopes (a copy). */
    public double[] trueSlopes() {
        return slopes.clone();
    }

    /**
     * The population (1/n) standard deviation of every column: what Smile scales by before its
     * ridge and lasso fits, and glmnet's standardization.
     */
    public double[] columnSds() {
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            int col = j * n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[col + i];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = x[col + i] - mean;
                ss += d * d;
            }
            sd[j] = Math.sqrt(ss / n);
        }
        return sd;
    }

    /** Fraction of non-zero responses (the share of ones for a binomial problem). */
    public double nonZeroFraction() {
        int k = 0;
        for (double v : y) {
            if (v != 0) {
                k++;
            }
        }
        return (double) k / n;
    }
}
