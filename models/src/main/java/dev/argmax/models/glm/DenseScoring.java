package dev.argmax.models.glm;

import dev.argmax.core.linalg.Cholesky;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.linalg.NotPositiveDefiniteException;
import dev.argmax.models.family.Family;
import dev.argmax.models.family.Link;
import dev.argmax.models.inference.Sandwich;

/**
 * Fisher scoring on plain arrays for the many small refits of profiling, and for Firth's
 * penalized likelihood: {@code beta <- beta + (X'WX)^-1 U(beta)} with {@code W = w mu'^2 / V},
 * halving a step that lowers the objective (the log-likelihood {@code -D/2}, or Firth's
 * {@code l + (1/2) log det(X'WX)}), until every step is below {@code tolerance (1 + |beta_j|)},
 * after which one more (polishing) step is taken. The score is
 * {@code U = X'(w (y - mu) mu'/V)}, plus {@code X'(h xi)} for Firth with the hat values
 * {@code h_i = W_i x_i'(X'WX)^-1 x_i} and {@code xi = (1/2) mu''/mu'} of a canonical link
 * ({@code 1/2 - mu} for logit, {@code 1/2} for log).
 */
final class DenseScoring {

    /** The state at one beta. */
    static final class State {
        final double[] beta;
        final double[] mu;
        final Matrix inverse;
        final double[] score;
        final double deviance;
        final double objective;
        final boolean valid;

        private State(double[] beta, double[] mu, Matrix inverse, double[] score, double deviance, double objective,
                      boolean valid) {
            this.beta = beta;
            this.mu = mu;
            this.inverse = inverse;
            this.score = score;
            this.deviance = deviance;
            this.objective = objective;
            this.valid = valid;
        }
    }

    /** The result of a run. */
    record Result(State state, int iterations, boolean converged) {
    }

    private final Family family;
    private final double[][] cols;
    private final double[] y;
    private final double[] w;
    private final double[] offset;
    private final boolean firth;

    DenseScoring(Family family, double[][] cols, double[] y, double[] w, double[] offset, boolean firth) {
        this.family = family;
        this.cols = cols;
        this.y = y;
        this.w = w;
        this.offset = offset;
        this.firth = firth;
    }

    /** Runs scoring from {@code start}. */
    Result run(double[] start, double tolerance, int maxIterations) {
        int k = start.length;
        State s = evaluate(start.clone());
        if (!s.valid) {
            return new Result(s, 0, false);
        }
        int iterations = 0;
        boolean polished = false;
        while (iterations < maxIterations) {
            iterations++;
            double[] step = s.inverse.times(s.score);
            double size = 1;
            State next = null;
            for (int halvings = 0; halvings < 50; halvings++) {
                double[] b = new double[k];
                for (int j = 0; j < k; j++) {
                    b[j] = s.beta[j] + size * step[j];
                }
                State candidate = evaluate(b);
                if (candidate.valid && candidate.objective >= s.objective - 1e-12 * Math.abs(s.objective)) {
                    next = candidate;
                    break;
                }
                size /= 2;
            }
            if (next == null) {
                return new Result(s, iterations, polished);
            }
            boolean small = true;
            for (int j = 0; j < k; j++) {
                small &= Math.abs(size * step[j]) <= tolerance * (1 + Math.abs(s.beta[j]));
            }
            s = next;
            if (small) {
                if (polished) {
                    return new Result(s, iterations, true);
                }
                polished = true;
            }
        }
        return new Result(s, iterations, false);
    }

    /** Means, information and its inverse, score and objective at beta. */
    State evaluate(double[] beta) {
        int k = beta.length;
        int n = y.length;
        double[] eta = offset.clone();
        for (int j = 0; j < k; j++) {
            double b = beta[j];
            double[] c = cols[j];
            for (int i = 0; i < n; i++) {
                eta[i] += b * c[i];
            }
        }
        Link link = family.link();
        double[] mu = new double[n];
        double[] ww = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = link.inverse(eta[i]);
            double d = link.derivative(eta[i]);
            double v = family.variance(mu[i]);
            ww[i] = w[i] == 0 ? 0 : w[i] * d * d / v;
            r[i] = w[i] == 0 ? 0 : w[i] * (y[i] - mu[i]) * d / v;
        }
        double deviance = family.deviance(y, mu, w);
        double[][] info = new double[k][k];
        for (int a = 0; a < k; a++) {
            double[] ca = cols[a];
            for (int b = 0; b <= a; b++) {
                double[] cb = cols[b];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += ca[i] * ww[i] * cb[i];
                }
                info[a][b] = sum;
                info[b][a] = sum;
            }
        }
        Cholesky chol;
        try {
            chol = k == 0 ? null : Cholesky.factor(Matrix.of(info));
        } catch (NotPositiveDefiniteException e) {
            return new State(beta, mu, null, null, deviance, Double.NaN, false);
        }
        Matrix inverse = k == 0 ? Matrix.of(new double[0][0]) : chol.inverse();
        double[] score = new double[k];
        double[] x = new double[k];
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                x[j] = cols[j][i];
            }
            double u = r[i];
            if (firth) {
                double xi = link == Link.LOGIT ? 0.5 - mu[i] : 0.5;
                u += ww[i] * Sandwich.quadraticForm(inverse, x) * xi;
            }
            for (int j = 0; j < k; j++) {
                score[j] += x[j] * u;
            }
        }
        double objective = firth
                ? family.logLikelihood(y, mu, w, deviance) + 0.5 * chol.logDeterminant()
                : -deviance / 2;
        return new State(beta, mu, inverse, score, deviance, objective, Double.isFinite(objective));
    }
}
