package dev.argmax.spark;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.models.family.Family;
import dev.argmax.optim.newton.NewtonSums;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rows of one Spark partition as primitive arrays, read once from the {@code Dataset<Row>} and
 * cached: predictors column-major ({@code x[i + j * rows]}), response, prior weights and offset.
 * The native design and the datafit are built on first use in the executor and kept (transient),
 * so that every IRLS iteration runs the single-machine kernel {@link NewtonSums#of} on them.
 */
final class PartitionBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int partition;
    private final int rows;
    private final int predictors;
    private final boolean intercept;
    private final double[] x;
    private final double[] y;
    private final double[] weights;
    private final double[] offset;
    private final FamilySpec familySpec;
    private transient Family family;
    private transient double[] validResponse;
    private transient Design design;
    private transient Design interceptOnly;
    private transient Design standardized;
    private transient double[] standardizedMeans;
    private transient double[] standardizedScales;
    private transient Datafit datafit;

    PartitionBlock(int partition, int rows, int predictors, boolean intercept, double[] x, double[] y, double[] weights,
            double[] offset, FamilySpec familySpec) {
        this.partition = partition;
        this.rows = rows;
        this.predictors = predictors;
        this.intercept = intercept;
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.offset = offset;
        this.familySpec = familySpec;
    }

    int rows() {
        return rows;
    }

    /**
     * The moments of this partition, exactly (two passes over the cached rows):
     * {@code (rows, W = sum w, sum w y, the weighted means of the p columns, the p sums
     * sum w (x_j - mean_j)^2)}; partitions are combined by {@link #mergeMoments} (Chan, Golub and
     * LeVeque's pairwise update), which, unlike {@code sum w x^2 / W - mean^2}, does not cancel
     * for a column far from zero.
     */
    double[] moments() {
        double[] m = new double[3 + 2 * predictors];
        m[0] = rows;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1 : weights[i];
            m[1] += w;
            m[2] += w * y[i];
        }
        if (!(m[1] > 0)) {
            return m;
        }
        for (int j = 0; j < predictors; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += (weights == null ? 1 : weights[i]) * x[i + j * rows];
            }
            double mean = s / m[1];
            double s2 = 0;
            for (int i = 0; i < rows; i++) {
                double d = x[i + j * rows] - mean;
                s2 += (weights == null ? 1 : weights[i]) * d * d;
            }
            m[3 + j] = mean;
            m[3 + predictors + j] = s2;
        }
        return m;
    }

    /** The moments of the union of two disjoint sets of rows, from theirs ({@link #moments}). */
    static double[] mergeMoments(double[] a, double[] b) {
        if (!(a[1] > 0)) {
            double[] out = b.clone();
            out[0] += a[0];
            return out;
        }
        if (!(b[1] > 0)) {
            double[] out = a.clone();
            out[0] += b[0];
            return out;
        }
        int p = (a.length - 3) / 2;
        double[] out = new double[a.length];
        out[0] = a[0] + b[0];
        double total = a[1] + b[1];
        out[1] = total;
        out[2] = a[2] + b[2];
        for (int j = 0; j < p; j++) {
            double delta = b[3 + j] - a[3 + j];
            out[3 + j] = a[3 + j] + delta * (b[1] / total);
            out[3 + p + j] = a[3 + p + j] + b[3 + p + j] + delta * delta * (a[1] * b[1] / total);
        }
        return out;
    }

    /** The Newton sums of this partition at beta; the neutral element for an empty partition. */
    NewtonSums sums(double[] beta) {
        if (rows == 0) {
            return NewtonSums.zero(beta.length);
        }
        return NewtonSums.of(design(false), datafit(), offset, beta);
    }

    /**
     * The Newton sums at beta of the standardized design, columns {@code (x_j - m_j) / s_j}
     * (glmnet's {@code standardize}); the standardized columns are built on first use and kept
     * for the same {@code (m, s)}.
     */
    NewtonSums standardizedSums(double[] beta, double[] means, double[] scales) {
        if (rows == 0) {
            return NewtonSums.zero(beta.length);
        }
        if (standardized == null || !java.util.Arrays.equals(standardizedMeans, means)
                || !java.util.Arrays.equals(standardizedScales, scales)) {
            double[] z = new double[rows * predictors];
            for (int j = 0; j < predictors; j++) {
                for (int i = 0; i < rows; i++) {
                    z[i + j * rows] = (x[i + j * rows] - means[j]) / scales[j];
                }
            }
            INDArray matrix = predictors == 0 ? NativeArrays.matrix(rows, 0)
                    : Nd4j.create(z, new long[] {rows, predictors}, 'f').castTo(DataType.DOUBLE);
            standardized = new Design(NativeArrays.asDenseColumnMajor(matrix), intercept);
            standardizedMeans = means.clone();
            standardizedScales = scales.clone();
        }
        return NewtonSums.of(standardized, datafit(), offset, beta);
    }

    /** The Newton sums of the intercept-only (null) model at {@code (b0)}, offset kept. */
    NewtonSums nullModelSums(double[] beta) {
        if (rows == 0) {
            return NewtonSums.zero(beta.length);
        }
        return NewtonSums.of(design(true), datafit(), offset, beta);
    }

    /**
     * R's start: the sums of the working model at {@code eta0 = link(mustart)} with the family's
     * {@code mustart} ({@link NewtonSums#atLinearPredictor}).
     */
    NewtonSums startSums(boolean nullModel) {
        if (rows == 0) {
            return NewtonSums.zero((nullModel ? 0 : predictors) + (intercept ? 1 : 0));
        }
        Design d = design(nullModel);
        Datafit fit = datafit();
        double[] mu = family.startingMeans(validResponse, weights);
        double[] eta = new double[rows];
        for (int i = 0; i < rows; i++) {
            eta[i] = family.link().link(mu[i]);
        }
        return NewtonSums.atLinearPredictor(d, fit, eta, offset == null ? new double[rows] : offset);
    }

    /**
     * The Newton sums of this partition at beta with the observed information
     * ({@link NewtonSums#observedAt}); the neutral element for an empty partition.
     */
    NewtonSums observedSums(double[] beta, boolean nullModel) {
        if (rows == 0) {
            return NewtonSums.zero(beta.length);
        }
        return NewtonSums.observedAt(design(nullModel), datafit(), linearPredictor(beta, nullModel));
    }

    /** {@code eta = offset + A beta} of this partition's rows. */
    private double[] linearPredictor(double[] beta, boolean nullModel) {
        double[] eta = new double[rows];
        design(nullModel).multiply(beta, eta);
        if (offset != null) {
            for (int i = 0; i < rows; i++) {
                eta[i] += offset[i];
            }
        }
        return eta;
    }

    /** The loss {@code sum_i w_i l_i} at beta alone (no derivatives, no Gram); infinite outside the domain. */
    double loss(double[] beta, boolean nullModel) {
        if (rows == 0) {
            return 0.0;
        }
        double[] eta = linearPredictor(beta, nullModel);
        for (double v : eta) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        Datafit fit = datafit();
        return fit.weightSum() * fit.value(eta);
    }

    private Design design(boolean nullModel) {
        if (nullModel) {
            if (interceptOnly == null) {
                interceptOnly = new Design(NativeArrays.matrix(rows, 0), intercept);
            }
            return interceptOnly;
        }
        if (design == null) {
            INDArray matrix = predictors == 0 ? NativeArrays.matrix(rows, 0)
                    : Nd4j.create(x, new long[] {rows, predictors}, 'f').castTo(DataType.DOUBLE);
            design = new Design(NativeArrays.asDenseColumnMajor(matrix), intercept);
        }
        return design;
    }

    private Datafit datafit() {
        if (datafit == null) {
            family = familySpec.family();
            try {
                validResponse = family.validate(y, weights);
            } catch (InvalidDataException e) {
                throw new InvalidDataException("partition " + partition + ": " + e.getMessage());
            }
            datafit = family.datafit(validResponse, weights);
        }
        return datafit;
    }

    /**
     * The additive goodness-of-fit sums at beta, with the family's own formulas:
     * {@code (Pearson chi-square, log-likelihood (families with a fixed dispersion), sum of log w
     * over positive weights, number of positive weights, deviance)}.
     */
    double[] statistics(double[] beta) {
        double[] out = new double[5];
        if (rows == 0) {
            return out;
        }
        datafit();
        double[] eta = linearPredictor(beta, false);
        double[] mu = new double[rows];
        for (int i = 0; i < rows; i++) {
            mu[i] = family.link().inverse(eta[i]);
        }
        double[] w = weights == null ? ones() : weights;
        for (int i = 0; i < rows; i++) {
            if (w[i] > 0) {
                double r = validResponse[i] - mu[i];
                out[0] += w[i] * r * r / family.variance(mu[i]);
                out[2] += Math.log(w[i]);
                out[3]++;
            }
        }
        out[4] = family.deviance(validResponse, mu, w);
        if (!family.estimatesDispersion()) {
            out[1] = family.logLikelihood(validResponse, mu, w, out[4]);
        }
        return out;
    }

    private double[] ones() {
        double[] w = new double[rows];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
