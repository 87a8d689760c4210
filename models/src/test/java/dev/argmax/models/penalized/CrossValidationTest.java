package dev.argmax.models.penalized;

import dev.argmax.models.family.Family;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** K-fold cross-validation: deterministic folds, the curve against a direct computation, lambda_min / 1se rules. */
class CrossValidationTest {

    @Test
    void foldsAreDeterministicAndBalanced() {
        int[] a = CrossValidation.folds(103, 5, 42);
        int[] b = CrossValidation.folds(103, 5, 42);
        assertArrayEquals(a, b);
        int[] counts = new int[5];
        for (int f : a) {
            counts[f]++;
        }
        for (int c : counts) {
            assertTrue(c == 20 || c == 21, "fold size " + c);
        }
        assertThrows(InvalidDataException.class, () -> CrossValidation.folds(10, 1, 1));
    }

    @Test
    void curveMatchesADirectComputationAndParallelEqualsSerial() {
        Dataset d = PenalizedPropertyTest.randomData(Family.binomial(), 240, 8, 77);
        PenalizedRegression.Builder model = PenalizedRegression.builder().family(Family.binomial()).lasso()
                .path(15, 1e-2).relativeTolerance(1e-10);
        int[] folds = CrossValidation.folds(d.rows(), 4, 9);
        CrossValidation.Result par = CrossValidation.run(model.build(), d, CvMeasure.DEVIANCE, folds, 2);
        CrossValidation.Result ser = CrossValidation.run(model.build(), d, CvMeasure.DEVIANCE, folds, 1);
        // Same folds, same fits, results gathered in fold order: parallel and serial agree. Not
        // asserted bit for bit: BLAS may split its sums differently when two threads call it at once,
        // and then each fold fit is only determined to its stopping rule (relative KKT violation
        // 1e-10, so coefficients to about 1e-10 times gradient scale over curvature, which is O(1) on
        // this unit-variance random design); the held-out deviance is first order in them.
        // 1e-8 relative is far below any fold or lambda mix-up (differences of order 1).
        for (int l = 0; l < ser.mean().length; l++) {
            assertEquals(ser.mean()[l], par.mean()[l], 1e-8 * Math.abs(ser.mean()[l]), "mean at lambda " + l);
            assertEquals(ser.standardError()[l], par.standardError()[l],
                    1e-8 * Math.abs(ser.mean()[l]), "standard error at lambda " + l);
        }

        // direct computation at lambda index 7: refit each fold by hand, weighted mean deviance
        int l = 7;
        double lambda = par.lambdas()[l];
        double[] fm = new double[4];
        double[] fw = new double[4];
        for (int f = 0; f < 4; f++) {
            int nt = 0;
            for (int id : folds) {
                nt += id == f ? 1 : 0;
            }
            int[] tr = new int[d.rows() - nt];
            int[] te = new int[nt];
            int a = 0;
            int b = 0;
            for (int i = 0; i < d.rows(); i++) {
                if (folds[i] == f) {
                    te[b++] = i;
                } else {
                    tr[a++] = i;
                }
            }
            Dataset test = d.subset(te);
            PenalizedFit fit = PenalizedRegression.builder().family(Family.binomial()).lasso().lambda(lambda)
                    .relativeTolerance(1e-12).build().fit(d.subset(tr));
            double[] eta = fit.predictSolution(test, 0, false);
            double dev = 0;
            double ws = 0;
            for (int i = 0; i < nt; i++) {
                double mu = 1 / (1 + Math.exp(-eta[i]));
                double y = test.response()[i];
                dev += test.weights()[i] * -2 * (y * Math.log(mu) + (1 - y) * Math.log(1 - mu));
                ws += test.weights()[i];
            }
            fm[f] = dev / ws;
            fw[f] = ws;
        }
        double mean = 0;
        double tw = 0;
        for (int f = 0; f < 4; f++) {
            mean += fw[f] * fm[f];
            tw += fw[f];
        }
        mean /= tw;
        double var = 0;
        for (int f = 0; f < 4; f++) {
            var += fw[f] * (fm[f] - mean) * (fm[f] - mean);
        }
        double se = Math.sqrt(var / tw / 3);
        assertEquals(mean, par.mean()[l], 1e-7 * mean);
        assertEquals(se, par.standardError()[l], 1e-6 * se);

        int best = par.indexMin();
        for (double m : par.mean()) {
            assertTrue(par.mean()[best] <= m);
        }
        assertTrue(par.lambda1se() >= par.lambdaMin());
        assertTrue(par.mean()[par.index1se()] <= par.mean()[best] + par.standardError()[best]);
    }

    @Test
    void aucMatchesPairCountingAndMeasuresNeedTheRightFamily() {
        Random rnd = new Random(4);
        int n = 60;
        double[] y = new double[n];
        double[] w = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextBoolean() ? 1 : 0;
            w[i] = 1 + rnd.nextInt(3);
            s[i] = rnd.nextInt(10) + y[i] * rnd.nextInt(4);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    den += w[i] * w[j];
                    num += w[i] * w[j] * (s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0);
                }
            }
        }
        assertEquals(num / den, CvMeasure.auc(y, w, s), 1e-14);
        Dataset g = PenalizedPropertyTest.randomData(Family.gaussian(), 50, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(PenalizedRegression.builder().build(), g,
                CvMeasure.AUC, 5, 1));
    }

    @Test
    void gaussianMseEqualsDevianceAndAucIsMaximized() {
        Dataset g = PenalizedPropertyTest.randomData(Family.gaussian(), 120, 6, 3);
        PenalizedRegression.Builder m = PenalizedRegression.builder().lasso().path(10, 1e-2);
        CrossValidation.Result dev = CrossValidation.run(m.build(), g, CvMeasure.DEVIANCE, 5, 3);
        CrossValidation.Result mse = CrossValidation.run(m.build(), g, CvMeasure.MSE, 5, 3);
        for (int l = 0; l < dev.mean().length; l++) {
            assertEquals(dev.mean()[l], mse.mean()[l], 1e-9 * dev.mean()[l]);
        }
        Dataset b = PenalizedPropertyTest.randomData(Family.binomial(), 200, 6, 8);
        CrossValidation.Result auc = CrossValidation.run(PenalizedRegression.builder().family(Family.binomial())
                .lasso().path(10, 1e-2).build(), b, CvMeasure.AUC, 5, 3);
        for (double v : auc.mean()) {
            assertTrue(Double.isNaN(v) || auc.mean()[auc.indexMin()] >= v);
        }
    }
}
