package dev.argmax.models.glm;

import dev.argmax.models.family.Family;

/**
 * The null deviance as R's {@code glm} computes it: the deviance of the model with the intercept
 * only (or nothing, without intercept), <em>keeping the offset</em>.
 *
 * <ul>
 *   <li>No intercept: {@code mu_i = g^-1(offset_i)}.</li>
 *   <li>Intercept, no offset: {@code mu = } the weighted mean of y (the intercept-only MLE for a
 *       canonical link).</li>
 *   <li>Intercept and offset: R refits the intercept-only model by IRLS; here the one-parameter
 *       MLE {@code b0} of {@code sum_i w_i l(y_i, offset_i + b0)} is found in closed form
 *       (Gaussian: weighted mean of {@code y - offset}; Poisson: {@code log(sum w y / sum w
 *       e^offset)}) or by a safeguarded Newton iteration (binomial).</li>
 * </ul>
 */
final class NullDeviance {

    private NullDeviance() {
    }

    static double compute(Family family, double[] y, double[] w, double[] offset, boolean intercept) {
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
            double mean = swy / sw;
            java.util.Arrays.fill(mu, mean);
            return family.deviance(y, mu, w);
        }
        double b0 = interceptWithOffset(family, y, w, offset);
        for (int i = 0; i < n; i++) {
            mu[i] = family.link().inverse(offset[i] + b0);
        }
        return family.deviance(y, mu, w);
    }

    private static double interceptWithOffset(Family family, double[] y, double[] w, double[] offset) {
        int n = y.length;
        switch (family.name()) {
            case "gaussian" -> {
                double sw = 0;
                double s = 0;
                for (int i = 0; i < n; i++) {
                    sw += w[i];
                    s += w[i] * (y[i] - offset[i]);
                }
                return s / sw;
            }
            case "poisson" -> {
                double swy = 0;
                double swe = 0;
                for (int i = 0; i < n; i++) {
                    swy += w[i] * y[i];
                    swe += w[i] * Math.exp(offset[i]);
                }
                return Math.log(swy / swe);
            }
            default -> {
                // binomial: maximise sum w [y (o + b) - log(1 + e^(o + b))] by Newton with halving
                double swy = 0;
                double sw = 0;
                double so = 0;
                for (int i = 0; i < n; i++) {
                    swy += w[i] * y[i];
                    sw += w[i];
                    so += w[i] * offset[i];
                }
                double ybar = swy / sw;
                if (ybar <= 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                if (ybar >= 1) {
                    return Double.POSITIVE_INFINITY;
                }
                double b = Math.log(ybar / (1 - ybar)) - so / sw;
                double value = logisticLoss(y, w, offset, b);
                for (int it = 0; it < 200; it++) {
                    double g = 0;
                    double h = 0;
                    for (int i = 0; i < n; i++) {
                        double mu = family.link().inverse(offset[i] + b);
                        g += w[i] * (mu - y[i]);
                        h += w[i] * family.link().derivative(offset[i] + b);
                    }
                    if (!(h > 0)) {
                        break;
                    }
                    double step = -g / h;
                    double t = 1;
                    double next = logisticLoss(y, w, offset, b + step);
                    while (!(next <= value) && t > 1e-10) {
                        t /= 2;
                        next = logisticLoss(y, w, offset, b + t * step);
                    }
                    if (!(next <= value)) {
                        break;
                    }
                    b += t * step;
                    value = next;
                    if (Math.abs(t * step) <= 1e-15 * (1 + Math.abs(b))) {
                        break;
                    }
                }
                return b;
            }
        }
    }

    private static double logisticLoss(double[] y, double[] w, double[] offset, double b) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = offset[i] + b;
            s += w[i] * (Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))) - y[i] * e);
        }
        return s;
    }
}
