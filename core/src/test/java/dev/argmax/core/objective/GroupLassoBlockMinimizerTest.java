package dev.argmax.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact block update of the group elastic net, {@code argmin_u u'Hu/2 - r'u + P_g(u)}, checked
 * by its optimality conditions (not by another solver): u = 0 exactly when {@code ||r|| <= lambda
 * alpha}, else {@code H u - r + lambda (1 - alpha) u + lambda alpha u / ||u|| = 0} to rounding
 * (residual at most 1e-13 relative to {@code ||H|| ||u|| + ||r|| + lambda}, the size of
 * the terms: rounding in the eigendecomposition of H is of order 1e-16 ||H||), for random positive semi-definite H, singular ones
 * (the multinomial's common-shift direction) included; with {@code H = h I} it equals the prox of
 * step 1/h.
 */
class GroupLassoBlockMinimizerTest {

    @Test
    void satisfiesTheOptimalityConditions() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int s = 1 + random.nextInt(6);
            double lambda = 0.01 + random.nextDouble();
            double alpha = trial % 3 == 0 ? 1.0 : random.nextDouble();
            double[] h = randomPsd(random, s, trial % 2 == 0);
            double[] r = new double[s];
            for (int i = 0; i < s; i++) {
                r[i] = 3 * random.nextGaussian();
            }
            if (trial % 2 == 0) {
                double mean = 0;
                for (double v : r) {
                    mean += v / s;
                }
                for (int i = 0; i < s; i++) {
                    r[i] -= mean;
                }
            }
            GroupLasso pen = new GroupLasso(lambda, alpha, new int[][] {range(s)});
            double[] u = new double[s];
            pen.blockMinimizer(0, h, r, u);
            double rn = norm(r);
            double un = norm(u);
            if (rn <= lambda * alpha) {
                assertEquals(0.0, un, 0.0);
                continue;
            }
            assertTrue(un > 0);
            double worst = 0;
            for (int i = 0; i < s; i++) {
                double res = -r[i] + lambda * (1 - alpha) * u[i] + lambda * alpha * u[i] / un;
                for (int j = 0; j < s; j++) {
                    res += h[i * s + j] * u[j];
                }
                worst = Math.max(worst, Math.abs(res));
            }
            double scale = norm(h) * un + rn + lambda;
            assertTrue(worst <= 1e-13 * scale, "residual " + worst + " (scale " + scale + ") at trial " + trial);
        }
    }

    @Test
    void withAMultipleOfTheIdentityItIsTheProx() {
        GroupLasso pen = new GroupLasso(0.3, 0.8, new int[][] {{0, 1, 2}});
        double h = 2.5;
        double[] r = {1.0, -0.4, 0.7};
        double[] u = new double[3];
        pen.blockMinimizer(0, new double[] {h, 0, 0, 0, h, 0, 0, 0, h}, r, u);
        double[] z = {r[0] / h, r[1] / h, r[2] / h};
        pen.prox(0, z, 1 / h);
        for (int i = 0; i < 3; i++) {
            assertEquals(z[i], u[i], 1e-15);
        }
    }

    @Test
    void anUnboundedSubproblemIsAnError() {
        GroupLasso pen = new GroupLasso(0.1, 1.0, new int[][] {{0, 1}});
        assertThrows(IllegalArgumentException.class,
                () -> pen.blockMinimizer(0, new double[] {1, 0, 0, 0}, new double[] {0, 1}, new double[2]));
    }

    private static double[] randomPsd(Random random, int s, boolean singular) {
        int rank = singular ? Math.max(0, s - 1) : s;
        double[][] a = new double[s][rank];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < rank; j++) {
                a[i][j] = random.nextGaussian() * Math.pow(10, random.nextInt(3) - 1);
            }
        }
        if (singular) {
            for (int j = 0; j < rank; j++) {
                double mean = 0;
                for (int i = 0; i < s; i++) {
                    mean += a[i][j] / s;
                }
                for (int i = 0; i < s; i++) {
                    a[i][j] -= mean;
                }
            }
        }
        double[] h = new double[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                double v = 0;
                for (int q = 0; q < rank; q++) {
                    v += a[i][q] * a[j][q];
                }
                h[i * s + j] = v;
            }
        }
        return h;
    }

    private static int[] range(int s) {
        int[] out = new int[s];
        for (int i = 0; i < s; i++) {
            out[i] = i;
        }
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
