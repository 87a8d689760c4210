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
    private final String familyName;
    private transient Family family;
    private transient double[] validResponse;
    private transient Design design;
    private transient Design interceptOnly;
    private transient Datafit datafit;

    PartitionBlock(int partition, int rows, int predictors, boolean intercept, double[] x, double[] y, double[] weights,
            double[] offset, String familyName) {
        this.partition = partition;
        this.rows = rows;
        this.predictors = predictors;
        this.intercept = intercept;
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.offset = offset;
        this.familyName = familyName;
    }

    int rows() {
        return rows;
    }

    /**
     * One pass of moments: {@code (rows, sum w, sum w y, sum w x_j (p values), sum w x_j^2 (p values))},
     * for the start, lambda_max and glmnet's standardisation (weighted, 1/W).
     */
    double[] moments() {
        double[] m = new double[3 + 2 * predictors];
        m[0] = rows;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1 : weights[i];
            m[1] += w;
            m[2] += w * y[i];
        }
        for (int j = 0; j < predictors; j++) {
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < rows; i++) {
                double w = weights == null ? 1 : weights[i];
                double v = x[i + j * rows];
                s += w * v;
                s2 += w * v * v;
            }
            m[3 + j] = s;
            m[3 + predictors + j] = s2;
        }
        return m;
    }

    /** The Newton sums of this partition at beta; the neutral element for an empty partition. */
    NewtonSums sums(double[] beta) {
        if (rows == 0) {
            return NewtonSums.zero(beta.length);
        }
        return NewtonSums.of(design(false), datafit(), offset, beta);
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

    /** The loss {@code sum_i w_i l_i} at beta alone (no derivatives, no Gram); infinite outside the domain. */
    double loss(double[] beta, boolean nullModel) {
        if (rows == 0) {
            return 0.0;
        }
        double[] eta = new double[rows];
        design(nullModel).multiply(beta, eta);
        for (int i = 0; i < rows; i++) {
            if (offset != null) {
                eta[i] += offset[i];
            }
            if (!Double.isFinite(eta[i])) {
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
            family = Family.of(familyName);
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
     * {@code (Pearson chi-square, log-likelihood (binomial, Poisson), sum of log w over positive
     * weights, number of positive weights)}.
     */
    double[] statistics(double[] beta) {
        double[] out = new double[4];
        if (rows == 0) {
            return out;
        }
        datafit();
        double[] eta = new double[rows];
        design(false).multiply(beta, eta);
        double[] mu = new double[rows];
        for (int i = 0; i < rows; i++) {
            mu[i] = family.link().inverse(offset == null ? eta[i] : eta[i] + offset[i]);
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
        if (!family.estimatesDispersion()) {
            out[1] = family.logLikelihood(validResponse, mu, w, family.deviance(validResponse, mu, w));
        }
        return out;
    }

    private double[] ones() {
        double[] w = new double[rows];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
