package dev.argmax.bench.problems;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A multinomial (softmax) classification problem with K classes, drawn reproducibly as
 * {@link SyntheticProblem} draws the GLM problems: one {@link SplittableRandom} seeded with the
 * seed gives, in this order, the {@code K p} true slopes {@code b_kj ~ N(0, 1/p)} (class by class),
 * X column by column as the {@link Scenario} says (iid or Toeplitz, as for the other families), then
 * each class label from
 *
 * <pre>
 *   P(y_i = k) = exp(eta_ik) / sum_l exp(eta_il),   eta_ik = a_k + x_i' b_k,   a_k = 0.2 (k - (K - 1)/2)
 * </pre>
 *
 * by inversion of one uniform draw. Each class's linear predictor has a standard deviation of
 * about 1 (iid design), so the classes overlap and the MLE exists (no separation at large n).
 * The labels are 0..K-1.
 *
 * @param n rows
 * @param p predictors (no intercept column)
 * @param classes K
 * @param scenario design ({@link Scenario#IID} or {@link Scenario#TOEPLITZ}; the others as there)
 * @param seed random seed
 */
public record MultinomialProblem(int n, int p, int classes, Scenario scenario, long seed, double[] x, int[] y,
                                 double[] intercepts, double[] slopes) {

    /** The number of classes of {@code n,p,multinomial,seed[,scenario]}. */
    public static final int DEFAULT_CLASSES = 5;

    /**
     * Whether a {@code --synthetic} spec names this kind of problem (its family field is
     * {@code multinomial}).
     */
    public static boolean matches(String spec) {
        String[] parts = spec.split(",");
        return parts.length >= 3 && parts[2].trim().toLowerCase(Locale.ROOT).equals("multinomial");
    }

    /** Parses {@code n,p,multinomial,seed[,scenario]} (K = {@value #DEFAULT_CLASSES}) and draws the problem. */
    public static MultinomialProblem parse(String spec) {
        String[] parts = spec.split(",");
        if (!matches(spec) || parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("expected n,p,multinomial,seed[,scenario], got '" + spec + "'");
        }
        try {
            return generate(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), DEFAULT_CLASSES,
                    parts.length == 5 ? Scenario.parse(parts[4]) : Scenario.IID, Long.parseLong(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected integer n, p and seed in '" + spec + "'", e);
        }
    }

    /** Draws the problem (see the class comment). */
    public static MultinomialProblem generate(int n, int p, int classes, Scenario scenario, long seed) {
        if (n < 1 || p < 1 || classes < 2) {
            throw new IllegalArgumentException("a multinomial problem needs n >= 1, p >= 1 and K >= 2, got n=" + n
                    + ", p=" + p + ", K=" + classes);
        }
        int rows = scenario.rows(n, p);
        if ((long) rows * p > ProblemSpec.MAX_ENTRIES) {
            throw new IllegalArgumentException("synthetic problem " + rows + " x " + p + " exceeds "
                    + ProblemSpec.MAX_ENTRIES + " entries");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double scale = 1 / Math.sqrt(p);
        double[] b = new double[classes * p];
        for (int j = 0; j < b.length; j++) {
            b[j] = scale * rng.nextGaussian();
        }
        double[] x = SyntheticProblem.design(rng, rows, p, scenario);
        double[] a = new double[classes];
        for (int k = 0; k < classes; k++) {
            a[k] = 0.2 * (k - (classes - 1) / 2.0);
        }
        double[] eta = new double[classes * rows];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < p; j++) {
                double bkj = b[k * p + j];
                int col = j * rows;
                int out = k * rows;
                for (int i = 0; i < rows; i++) {
                    eta[out + i] += x[col + i] * bkj;
                }
            }
        }
        int[] y = new int[rows];
        double[] prob = new double[classes];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                prob[k] = a[k] + eta[k * rows + i];
                max = Math.max(max, prob[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                prob[k] = Math.exp(prob[k] - max);
                sum += prob[k];
            }
            double u = rng.nextDouble() * sum;
            int k = 0;
            double cum = prob[0];
            while (u >= cum && k < classes - 1) {
                k++;
                cum += prob[k];
            }
            y[i] = k;
        }
        return new MultinomialProblem(rows, p, classes, scenario, seed, x, y, a, b);
    }

    /** A stable identifier, e.g. {@code multinomial5-toeplitz-100000x100-s1}. */
    public String id() {
        return "multinomial" + classes + "-" + scenario.label() + "-" + n + "x" + p + "-s" + seed;
    }

    /** The labels as doubles (0..K-1), the numeric response argmax's datasets carry. */
    public double[] response() {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[i];
        }
        return out;
    }
}
