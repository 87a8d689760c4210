package dev.argmax.models.penalized;

import dev.argmax.models.family.Binomial;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.QuasiBinomial;
import java.util.Locale;

/** A loss measured on held-out folds (glmnet's {@code type.measure}). */
public enum CvMeasure {
    /** Mean deviance per observation (weighted); for the Gaussian family this is the MSE. */
    DEVIANCE("deviance"),
    /** Mean squared error of the mean {@code mu}. */
    MSE("mse"),
    /** Mean absolute error of the mean {@code mu}. */
    MAE("mae"),
    /** Misclassification rate at threshold 1/2 (binomial only). */
    MISCLASSIFICATION("class"),
    /** Area under the ROC curve, computed per fold (binomial only); larger is better. */
    AUC("auc");

    private final String label;

    CvMeasure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether larger values are better (AUC). */
    public boolean largerIsBetter() {
        return this == AUC;
    }

    /** By name: deviance, mse, mae, class (or misclassification), auc. */
    public static CvMeasure of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "deviance" -> DEVIANCE;
            case "mse" -> MSE;
            case "mae" -> MAE;
            case "class", "misclassification" -> MISCLASSIFICATION;
            case "auc" -> AUC;
            default -> throw new IllegalArgumentException("unknown measure '" + name
                    + "'; the measures are deviance, mse, mae, class, auc");
        };
    }

    /**
     * The measure on one held-out fold: weighted mean over its observations (AUC: the weighted
     * Mann-Whitney statistic, ties counted one half).
     */
    double evaluate(Family family, double[] y, double[] w, double[] eta) {
        int n = y.length;
        double ws = 0;
        for (double v : w) {
            ws += v;
        }
        switch (this) {
            case DEVIANCE -> {
                return family.datafit(y, w).deviance(eta) / ws;
            }
            case MSE, MAE -> {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double r = y[i] - family.link().inverse(eta[i]);
                    s += w[i] * (this == MSE ? r * r : Math.abs(r));
                }
                return s / ws;
            }
            case MISCLASSIFICATION -> {
                requireBinomial(family);
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double predicted = family.link().inverse(eta[i]) > 0.5 ? 1 : 0;
                    s += predicted != y[i] ? w[i] : 0;
                }
                return s / ws;
            }
            default -> {
                requireBinomial(family);
                return auc(y, w, eta);
            }
        }
    }

    /**
     * The measure of a multinomial fit on one held-out fold: {@link #DEVIANCE}, the weighted mean
     * of {@code -2 log p_i,y_i} (computed as {@code -2 (eta_i,y_i - log sum_k exp eta_ik)}, so a
     * probability that underflows still counts; glmnet instead clips probabilities to
     * {@code [1e-5, 1 - 1e-5]}), or {@link #MISCLASSIFICATION}, the weighted share of rows whose most
     * probable class (the first on ties) is not the observed one.
     *
     * @param y the observed class of each row (0-based)
     * @param w the rows' weights
     * @param eta the linear predictors, {@code n x K}
     * @throws IllegalArgumentException for the other measures, which need a scalar response
     */
    public double evaluateClasses(int[] y, double[] w, double[][] eta) {
        if (this != DEVIANCE && this != MISCLASSIFICATION) {
            throw new IllegalArgumentException("measure '" + label + "' is not defined for a multinomial response;"
                    + " use deviance or class");
        }
        double ws = 0;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            ws += w[i];
            double[] e = eta[i];
            int best = 0;
            double max = e[0];
            for (int c = 1; c < e.length; c++) {
                if (e[c] > max) {
                    max = e[c];
                    best = c;
                }
            }
            if (this == DEVIANCE) {
                double sum = 0;
                for (double v : e) {
                    sum += Math.exp(v - max);
                }
                s += w[i] * -2 * (e[y[i]] - max - Math.log(sum));
            } else if (best != y[i]) {
                s += w[i];
            }
        }
        return s / ws;
    }

    /** Whether the family models proportions (binomial or quasi-binomial, any link). */
    static boolean isBinomial(Family family) {
        return family instanceof Binomial || family instanceof QuasiBinomial;
    }

    private void requireBinomial(Family family) {
        if (!isBinomial(family)) {
            throw new IllegalArgumentException("measure '" + label + "' needs the binomial family, not "
                    + family.name());
        }
    }

    static double auc(double[] y, double[] w, double[] score) {
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double negBelow = 0;
        double pos = 0;
        double neg = 0;
        double sum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double gp = 0;
            double gn = 0;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                int r = order[j];
                if (y[r] == 1) {
                    gp += w[r];
                } else {
                    gn += w[r];
                }
                j++;
            }
            sum += gp * (negBelow + 0.5 * gn);
            negBelow += gn;
            pos += gp;
            neg += gn;
            i = j;
        }
        return pos > 0 && neg > 0 ? sum / (pos * neg) : Double.NaN;
    }
}
