package dev.argmax.models.glm;

import dev.argmax.core.objective.Datafit;
import dev.argmax.models.family.Family;
import dev.argmax.optim.newton.InterceptOnlyNewton;

/**
 * The null deviance as R's {@code glm} computes it: the deviance of the intercept-only model (or
 * of no coefficients at all, without intercept) of the same family and link, <em>keeping the
 * offset</em>.
 *
 * <ul>
 *   <li>No intercept: {@code mu_i = g^-1(offset_i)}.</li>
 *   <li>Intercept, no offset: {@code mu = } the weighted mean of y, the intercept-only MLE for
 *       every family and link (its score {@code (mu'/V(mu)) sum_i w_i (y_i - mu)} vanishes
 *       there).</li>
 *   <li>Intercept and offset: the one-parameter fit of {@code b0} in
 *       {@code eta_i = offset_i + b0}, as R refits it, started (as R does) from the full model's
 *       linear predictor: one weighted least-squares step on the working response, then Newton
 *       steps on the exact curvature when it is positive (Fisher's otherwise), each halved until
 *       the datafit does not increase, until the step is at rounding level
 *       ({@link InterceptOnlyNewton}).</li>
 * </ul>
 */
final class NullDeviance {

    private NullDeviance() {
    }

    /**
     * @param datafit the family's datafit for y and w (its derivatives drive the offset case)
     * @param fittedEta the full model's linear predictor (offset included), the start with an offset
     */
    static double compute(Family family, Datafit datafit, double[] y, double[] w, double[] offset, boolean intercept,
                          double[] fittedEta) {
        int n = y.length;
        double[] mu = new double[n];
        boolean anyOffset = false;
        for (double o : offset) {
            anyOffset |= o != 0;
        }
        if (!intercept) {
            for (int i = 0; i < n; i++) {
                mu[i] = family.link().inverse(offset[i]);
            }
            return family.deviance(y, mu, w);
        }
        if (!anyOffset) {
            double sw = 0;
            double swy = 0;
            for (int i = 0; i < n; i++) {
                sw += w[i];
                swy += w[i] * y[i];
            }
            java.util.Arrays.fill(mu, swy / sw);
            return family.deviance(y, mu, w);
        }
        double b0 = interceptWithOffset(datafit, offset, fittedEta);
        for (int i = 0; i < n; i++) {
            mu[i] = family.link().inverse(offset[i] + b0);
        }
        return family.deviance(y, mu, w);
    }

    private static double interceptWithOffset(Datafit datafit, double[] offset, double[] start) {
        int n = offset.length;
        double[] g = new double[n];
        double[] h = new double[n];
        double[] eta = start.clone();
        datafit.derivatives(eta, g, h);
        double sh = 0;
        double shz = 0;
        for (int i = 0; i < n; i++) {
            if (h[i] > 0) {
                sh += h[i];
                shz += h[i] * (eta[i] - offset[i] - g[i] / h[i]);
            }
        }
        double b0 = shz / sh;
        for (int i = 0; i < n; i++) {
            eta[i] = offset[i] + b0;
        }
        if (!Double.isFinite(datafit.value(eta))) {
            // the least-squares step left the domain: go back towards the full model's fit
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += (start[i] - offset[i]) / n;
            }
            b0 = mean;
        }
        return InterceptOnlyNewton.fit(datafit, offset, b0, eta);
    }
}
