package dev.argmax.models.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Whether the maximum-likelihood estimate of a binomial or Poisson GLM exists, decided by a
 * linear program (Konis 2007, "Linear programming algorithms for detecting separated data in
 * binary logistic regression models", as R's {@code safeBinaryRegression} and
 * {@code detectseparation} do), not from fitted values.
 *
 * <p>Each row with positive weight has a role: {@link Role#UP} when its mean sits at the upper end
 * of its range (a binomial y = 1), {@link Role#DOWN} at the lower end (binomial or Poisson y = 0),
 * {@link Role#FIXED} when it lies inside (a proportion strictly between 0 and 1, a positive count).
 * With {@code a_i = +x_i} (UP) or {@code -x_i} (DOWN), the log-likelihood never decreases along a
 * direction d of the coefficients in the cone
 * {@code C = {d : a_i'd >= 0 for UP/DOWN rows, x_i'd = 0 for FIXED rows}}, and increases without
 * bound along any d != 0 in C. For a design of full column rank the MLE exists if and only if
 * {@code C = {0}} (Albert and Anderson 1984; Silvapulle 1981).
 *
 * <p>The linear programs, bounded and invariant to rescaling of the columns (the direction is
 * free; only the normalization {@code c'd <= 1} with {@code c} the mean of the {@code a_i} bounds
 * it, and {@code c'd > 0} for every nonzero d in C when the design has full rank):
 * <ul>
 *   <li>existence: {@code max c'd} over {@code d in C, c'd <= 1}: 0 when the MLE exists, 1 when a
 *       separating direction exists (an exact 0/1 answer, decided at 1/2);</li>
 *   <li>diverging coefficients: {@code max +d_j} and {@code max -d_j} over the same set; a
 *       coefficient runs off (to +infinity, -infinity, or either way along different directions)
 *       when some separating direction moves it: its maximum exceeds {@link #RELATIVE_TOLERANCE}
 *       times the largest such maximum (columns scaled to unit max-abs first).</li>
 * </ul>
 * Each program is solved in its dual form, {@code min u} subject to
 * {@code u c - A'y + E'z = g}, {@code y, u >= 0} (A the UP/DOWN rows, E the FIXED rows, g the
 * primal objective), whose tableau has one row per coefficient, so that long data stay cheap;
 * identical rows are merged first. The simplex uses Bland's rule (the origin is a highly
 * degenerate vertex).
 */
public final class Separation {

    /** What a row allows a separating direction to do with its linear predictor. */
    public enum Role {
        /** The mean is at the top of its range (binomial y = 1): eta may go to +infinity. */
        UP,
        /** The mean is at the bottom of its range (y = 0): eta may go to -infinity. */
        DOWN,
        /** The mean is inside its range: eta must stay. */
        FIXED,
        /** Zero weight: the row does not take part. */
        IGNORED
    }

    /** The outcome of the check. */
    public enum Status {
        /** No separating direction: the MLE exists. */
        MLE_EXISTS,
        /** A separating direction exists: the MLE does not exist. */
        MLE_DOES_NOT_EXIST,
        /** The linear program was not solved (too large, or the simplex failed); see the reason. */
        NOT_CHECKED
    }

    /** Coordinates below this fraction of the largest diverging coordinate are not running off. */
    public static final double RELATIVE_TOLERANCE = 1e-7;
    /**
     * Largest simplex tableau (rows x columns) the check builds; larger problems are not checked.
     * commons-math's dense simplex took 0.3 s for 10,000 distinct rows and 5 or 20 coefficients,
     * and grows faster than linearly (23 s at 100,000 rows).
     */
    public static final long MAX_TABLEAU_ENTRIES = 300_000L;

    private final Status status;
    private final List<String> diverging;
    private final String reason;

    private Separation(Status status, List<String> diverging, String reason) {
        this.status = status;
        this.diverging = List.copyOf(diverging);
        this.reason = reason;
    }

    /** The result for a model where the question does not arise (e.g. the Gaussian family). */
    public static Separation notApplicable() {
        return new Separation(Status.MLE_EXISTS, List.of(), "");
    }

    public Status status() {
        return status;
    }

    /** True when a separating direction was found: the MLE does not exist. */
    public boolean mleDoesNotExist() {
        return status == Status.MLE_DOES_NOT_EXIST;
    }

    /** Names of the coefficients that some separating direction moves (empty unless the MLE does not exist). */
    public List<String> divergingCoefficients() {
        return diverging;
    }

    /** Why the check was not done (empty otherwise). */
    public String reason() {
        return reason;
    }

    /**
     * Runs the check.
     *
     * @param columns the design's columns of full column rank (intercept included as a column of
     *     ones when fitted; aliased columns left out), each of length n
     * @param names their names
     * @param roles each row's role (length n)
     */
    public static Separation check(double[][] columns, List<String> names, Role[] roles) {
        int k = columns.length;
        int n = roles.length;
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (roles[i] != Role.IGNORED) {
                    s = Math.max(s, Math.abs(columns[j][i]));
                }
            }
            scale[j] = s > 0 ? s : 1;
        }
        Map<Row, Boolean> ineq = new HashMap<>();
        Map<Row, Boolean> eq = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (roles[i] == Role.IGNORED) {
                continue;
            }
            double sign = roles[i] == Role.DOWN ? -1 : 1;
            double[] r = new double[k];
            for (int j = 0; j < k; j++) {
                r[j] = sign * columns[j][i] / scale[j];
            }
            (roles[i] == Role.FIXED ? eq : ineq).put(new Row(r), Boolean.TRUE);
        }
        if (ineq.isEmpty()) {
            return new Separation(Status.MLE_EXISTS, List.of(), "");
        }
        double[][] a = ineq.keySet().stream().map(Row::values).toArray(double[][]::new);
        double[][] e = eq.keySet().stream().map(Row::values).toArray(double[][]::new);
        long entries = (long) (k + 2) * (a.length + 2L * e.length + 2L * k + 2);
        if (entries > MAX_TABLEAU_ENTRIES) {
            return new Separation(Status.NOT_CHECKED, List.of(), "the linear program for separation has "
                    + (a.length + e.length) + " distinct rows x " + k + " coefficients, beyond the "
                    + MAX_TABLEAU_ENTRIES + "-entry tableau limit");
        }
        double[] c = new double[k];
        for (double[] r : a) {
            for (int j = 0; j < k; j++) {
                c[j] += r[j] / a.length;
            }
        }
        try {
            double value = maximum(a, e, c, c);
            if (value < 0.5) {
                return new Separation(Status.MLE_EXISTS, List.of(), "");
            }
            double[] up = new double[k];
            double[] down = new double[k];
            double largest = 0;
            for (int j = 0; j < k; j++) {
                double[] g = new double[k];
                g[j] = 1;
                up[j] = maximum(a, e, c, g);
                g[j] = -1;
                down[j] = maximum(a, e, c, g);
                largest = Math.max(largest, Math.max(up[j], down[j]));
            }
            List<String> out = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                boolean toPlus = up[j] > RELATIVE_TOLERANCE * largest;
                boolean toMinus = down[j] > RELATIVE_TOLERANCE * largest;
                if (toPlus || toMinus) {
                    out.add(names.get(j) + (toPlus && toMinus ? " (+-Inf)" : toPlus ? " (+Inf)" : " (-Inf)"));
                }
            }
            return new Separation(Status.MLE_DOES_NOT_EXIST, out, "");
        } catch (MathIllegalStateException ex) {
            return new Separation(Status.NOT_CHECKED, List.of(), "the simplex method failed on the separation "
                    + "linear program: " + ex.getMessage());
        }
    }

    /**
     * {@code max g'd} subject to {@code a_i'd >= 0}, {@code e_l'd = 0}, {@code c'd <= 1}, through
     * its dual {@code min u} subject to {@code u c - A'y + E'z = g}, {@code y, u >= 0}, z free
     * (split as {@code z+ - z-}).
     */
    private static double maximum(double[][] a, double[][] e, double[] c, double[] g) {
        int k = c.length;
        int m = a.length;
        int q = e.length;
        int vars = m + 2 * q + 1;
        List<LinearConstraint> constraints = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            double[] coef = new double[vars];
            for (int i = 0; i < m; i++) {
                coef[i] = -a[i][j];
            }
            for (int l = 0; l < q; l++) {
                coef[m + l] = e[l][j];
                coef[m + q + l] = -e[l][j];
            }
            coef[vars - 1] = c[j];
            constraints.add(new LinearConstraint(coef, Relationship.EQ, g[j]));
        }
        double[] objective = new double[vars];
        objective[vars - 1] = 1;
        PointValuePair sol = new SimplexSolver().optimize(new MaxIter(100_000 + 50 * vars),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MINIMIZE,
                new NonNegativeConstraint(true), PivotSelectionRule.BLAND);
        return sol.getValue();
    }

    /** A row of the scaled design, compared by value (identical rows are merged). */
    private record Row(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
