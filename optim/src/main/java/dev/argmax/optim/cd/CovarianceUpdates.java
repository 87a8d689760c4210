package dev.argmax.optim.cd;

import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.optim.trace.Trace;

/**
 * Covariance updates for a quadratic datafit: the centered weighted Gram {@code G = X~' H X~}
 * (the Schur complement of the intercept in {@code A'HA}, formed once by one SYRK) and the
 * gradient {@code gamma = X~' H r} kept up to date by {@link GramCoordinateDescent}: an update
 * costs O(p), independent of n. The intercept of the centered model is decoupled from the slopes
 * and gets its exact step {@code -grad_0 / sum h} first.
 */
final class CovarianceUpdates implements InnerUpdates {

    private final int p;
    private final int off;
    private final double[] means;
    private final double weightSum;
    private final GramCoordinateDescent gram;

    /**
     * @param fullGram {@code A'HA} (k x k, column-major, intercept first when there is one)
     * @param p slopes
     * @param intercept whether coefficient 0 is an intercept
     * @param means the centering means, {@code (A'HA)_{0j} / (A'HA)_{00}} (filled here)
     */
    CovarianceUpdates(double[] fullGram, int p, boolean intercept, double[] means) {
        this.p = p;
        this.off = intercept ? 1 : 0;
        int k = p + off;
        double[] gm = new double[p * p];
        if (intercept) {
            double s00 = fullGram[0];
            for (int j = 0; j < p; j++) {
                means[j] = s00 > 0 ? fullGram[(j + 1) * k] / s00 : 0.0;
            }
            for (int c = 0; c < p; c++) {
                double s0c = fullGram[(c + 1) * k];
                for (int r = 0; r < p; r++) {
                    double s0r = fullGram[(r + 1) * k];
                    gm[r + c * p] = fullGram[(r + 1) + (c + 1) * k] - (s00 > 0 ? s0r * s0c / s00 : 0.0);
                }
            }
            this.weightSum = s00;
        } else {
            for (int c = 0; c < p; c++) {
                System.arraycopy(fullGram, c * k, gm, c * p, p);
            }
            this.weightSum = 0;
        }
        this.means = means;
        this.gram = new GramCoordinateDescent(gm, p, GramCoordinateDescent.slopes(p));
    }

    @Override
    public String name() {
        return "covariance";
    }

    @Override
    public int run(SeparablePenalty sep, double[] b, double[] c0, EvaluationState st, double tol, double target,
                   int budget, Trace.Recorder rec, int passesBefore) {
        double[] grad = st.grad;
        double dataValue = st.datafitValue;
        if (off == 1 && weightSum > 0) {
            c0[0] -= grad[0] / weightSum;
            dataValue -= grad[0] * grad[0] / (2 * weightSum);
        }
        double[] gamma = new double[p];
        for (int j = 0; j < p; j++) {
            gamma[j] = -(grad[j + off] - (off == 1 ? means[j] * grad[0] : 0.0));
        }
        double start = dataValue + sep.value(b);
        GramCoordinateDescent.Outcome o = gram.minimize(sep, b, gamma, st.eligible, tol, target, budget,
                (pass, change, viol) -> rec.record(passesBefore + pass, start + change, viol, Double.NaN));
        return o.passes();
    }
}
