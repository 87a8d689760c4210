package dev.argmax.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.PeerModel;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import smile.data.formula.Formula;
import smile.regression.LASSO;
import smile.regression.LinearModel;
import smile.regression.RidgeRegression;

/**
 * {@link PeerModel}'s claim that Smile's ridge and lasso minimize argmax's (glmnet's) objective
 * with the translated lambda and penalty factors, checked without argmax: Smile's ridge against
 * the normal equations of the translated objective solved by commons-math3, Smile's lasso
 * against the translated objective's KKT conditions.
 */
class PeerModelTest {

    private static final SyntheticProblem PROBLEM = SyntheticProblem.generate(new ProblemSpec(400, 6, Family.GAUSSIAN,
            Scenario.SCALES, 11));

    @Test
    void smileRidgeSolvesTheTranslatedObjective() {
        int n = PROBLEM.rows();
        int p = PROBLEM.predictors();
        LinearModel m = RidgeRegression.fit(Formula.lhs("y"), PeerBenchmarks.frame(PROBLEM),
                PeerModel.RIDGE.peerLambda(n));
        double lambda = PeerModel.RIDGE.argmaxLambda(n);
        double[] v = PeerModel.RIDGE.argmaxPenaltyFactors(PROBLEM.columnSds());
        double[][] xc = centered();
        double[] yc = centredResponse();
        // (X_c' X_c / n + lambda diag(v)) b = X_c' y_c / n: the stationarity condition of
        // (1/2n)|y - b0 - X b|^2 + (lambda/2) sum v_j b_j^2
        RealMatrix x = new Array2DRowRealMatrix(xc, false);
        RealMatrix a = x.transpose().multiply(x).scalarMultiply(1.0 / n);
        for (int j = 0; j < p; j++) {
            a.addToEntry(j, j, lambda * v[j]);
        }
        double[] rhs = x.transpose().operate(new ArrayRealVector(yc)).mapDivide(n).toArray();
        double[] b = new CholeskyDecomposition(a, 1e-14, 1e-300).getSolver().solve(new ArrayRealVector(rhs)).toArray();
        double[] w = m.coefficients();
        for (int j = 0; j < p; j++) {
            // the slopes span six decades (Scenario.SCALES): compare relative to each slope
            assertEquals(b[j], w[j], 1e-8 * Math.abs(b[j]), "slope " + j);
        }
    }

    @Test
    void smileLassoSatisfiesTheTranslatedKktConditions() {
        int n = PROBLEM.rows();
        int p = PROBLEM.predictors();
        // strong enough that some slopes are 0 (the benchmarks' 0.1 n leaves all six active here)
        double peerLambda = 0.6 * n;
        LinearModel m = LASSO.fit(Formula.lhs("y"), PeerBenchmarks.frame(PROBLEM), peerLambda, 1e-10, 5000);
        double lambda = PeerModel.LASSO.argmaxLambda(peerLambda, n);
        double[] v = PeerModel.LASSO.argmaxPenaltyFactors(PROBLEM.columnSds());
        double[][] xc = centered();
        double[] yc = centredResponse();
        double[] b = m.coefficients();
        double[] r = yc.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                r[i] -= xc[i][j] * b[j];
            }
        }
        int active = 0;
        for (int j = 0; j < p; j++) {
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += xc[i][j] * r[i];
            }
            g /= n;
            double threshold = lambda * v[j];
            // an interior-point method never lands exactly on 0: a slope at the rounding level of
            // its column counts as zero, and must then satisfy |g_j| <= lambda v_j
            boolean zero = Math.abs(b[j]) * PROBLEM.columnSds()[j] < 1e-6;
            if (zero) {
                assertTrue(Math.abs(g) <= threshold * (1 + 1e-4), "zero slope " + j + ": |g| " + Math.abs(g)
                        + " > " + threshold);
            } else {
                active++;
                assertEquals(threshold * Math.signum(b[j]), g, 1e-4 * threshold, "active slope " + j);
            }
        }
        assertTrue(active > 0 && active < p, "the test lambda should leave some slopes active and some at 0: "
                + active);
    }

    private static double[][] centered() {
        int n = PROBLEM.rows();
        int p = PROBLEM.predictors();
        double[][] rows = PROBLEM.rowsArray();
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += rows[i][j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                rows[i][j] -= mean;
            }
        }
        return rows;
    }

    private static double[] centredResponse() {
        double[] y = PROBLEM.response().clone();
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        for (int i = 0; i < y.length; i++) {
            y[i] -= mean;
        }
        return y;
    }
}
