package dev.argmax.core.data;

import dev.argmax.core.linalg.NativeArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data of one estimation problem: an {@code n x p} design matrix of predictors, the response,
 * and optional observation (prior) weights, frequency weights and offset.
 *
 * <p>Prior weights {@code w_i} scale an observation's variance ({@code Var y_i = phi V(mu_i) / w_i},
 * R's {@code weights}). Frequency weights {@code f_i} (Stata's {@code fweight}, statsmodels'
 * {@code freq_weights}) say that row i stands for {@code f_i} identical observations: a model
 * that supports them gives the results of the data with every row repeated {@code f_i} times
 * (n, degrees of freedom, dispersion, AIC and BIC included). They are whole numbers {@code >= 0}
 * ({@link Checks#requireFrequencyWeights}); a row with frequency 0 is left out as a row with
 * prior weight 0 is. Models that do not support them refuse data that have them.
 *
 * <p>The design holds predictors only; whether an intercept is fitted is a property of the model,
 * not of the data, so that no {@code n x (p+1)} copy with a column of ones is ever made. The
 * matrix is an ND4J {@code DOUBLE} array in column-major order (a column is contiguous, which is
 * what coordinate descent and BLAS want).
 *
 * <p>Everything is validated once, when the dataset is built: non-finite values (the message
 * gives row and column), mismatched lengths, empty data, negative or all-zero weights.
 * Family-specific checks of the response (0/1, counts) belong to the model.
 *
 * <p>Instances are immutable by contract: the arrays returned by {@link #response()},
 * {@link #weights()} and {@link #offset()} and the matrix returned by {@link #x()} are the
 * dataset's own storage, shared to avoid copies of large data; callers must not modify them.
 */
public final class Dataset {

    private final INDArray x;
    private final int rows;
    private final int columns;
    private final double[] y;
    private final double[] weights;
    private final double[] offset;
    private final double[] frequencyWeights;
    private final List<String> predictorNames;
    private final String responseName;

    private Dataset(INDArray x, double[] y, double[] weights, double[] offset, double[] frequencyWeights,
                    List<String> predictorNames, String responseName) {
        this.x = x;
        this.rows = y.length;
        this.columns = (int) x.columns();
        this.y = y;
        this.weights = weights;
        this.offset = offset;
        this.frequencyWeights = frequencyWeights;
        this.predictorNames = predictorNames;
        this.responseName = responseName;
    }

    /** Starts a dataset; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code n x p} design matrix (column-major DOUBLE). Do not modify. */
    public INDArray x() {
        return x;
    }

    /** Number of observations n. */
    public int rows() {
        return rows;
    }

    /** Number of predictors p (the intercept, if any, is not counted). */
    public int columns() {
        return columns;
    }

    /** The response y (length n). Do not modify. */
    public double[] response() {
        return y;
    }

    /** True when observation weights were given. */
    public boolean hasWeights() {
        return weights != null;
    }

    /** Observation weights (length n), or all ones when none were given. Do not modify. */
    public double[] weights() {
        if (weights == null) {
            double[] ones = new double[rows];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        return weights;
    }

    /** True when frequency weights were given. */
    public boolean hasFrequencyWeights() {
        return frequencyWeights != null;
    }

    /** Frequency weights (length n; whole numbers), or all ones when none were given. Do not modify. */
    public double[] frequencyWeights() {
        if (frequencyWeights == null) {
            double[] ones = new double[rows];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        return frequencyWeights;
    }

    /**
     * Refuses data with frequency weights, for a procedure that does not support them (so that it
     * never silently treats a row of frequency 3 as one row).
     *
     * @param procedure what refuses them, for the message
     */
    public void requireNoFrequencyWeights(String procedure) {
        if (frequencyWeights != null) {
            throw new InvalidDataException(procedure + " does not support frequency weights; expand the rows or fit"
                    + " an unpenalized GLM (Glm), which does");
        }
    }

    /** True when an offset was given. */
    public boolean hasOffset() {
        return offset != null;
    }

    /** The offset added to the linear predictor (length n), or zeros when none was given. Do not modify. */
    public double[] offset() {
        return offset == null ? new double[rows] : offset;
    }

    /** Names of the predictors, in column order. */
    public List<String> predictorNames() {
        return predictorNames;
    }

    /** Name of the response. */
    public String responseName() {
        return responseName;
    }

    /** A copy of predictor column {@code j} (0-based). */
    public double[] column(int j) {
        Objects.checkIndex(j, columns);
        double[] out = new double[rows];
        NativeArrays.getColumn(NativeArrays.pointer(x), rows, j, out);
        return out;
    }

    /** Indices of the predictor columns whose values are all equal. */
    public int[] constantColumns() {
        DoublePointer p = NativeArrays.pointer(x);
        double[] col = new double[rows];
        int[] found = new int[columns];
        int count = 0;
        for (int j = 0; j < columns; j++) {
            NativeArrays.getColumn(p, rows, j, col);
            boolean constant = true;
            for (int i = 1; i < rows && constant; i++) {
                constant = col[i] == col[0];
            }
            if (constant) {
                found[count++] = j;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Rejects a dataset that has a constant predictor column, for procedures where such a column
     * cannot be used (standardization divides by the column's standard deviation; with an
     * intercept a constant column is aliased with it).
     *
     * @param reason why a constant column is a problem here, appended to the message
     */
    public void requireNoConstantColumns(String reason) {
        int[] constant = constantColumns();
        if (constant.length > 0) {
            List<String> names = new ArrayList<>();
            for (int j : constant) {
                names.add(predictorNames.get(j));
            }
            throw new InvalidDataException("constant predictor column" + (names.size() > 1 ? "s " : " ")
                    + String.join(", ", names) + ": " + reason);
        }
    }

    /**
     * The observations at the given row indices (in that order), as a new dataset: used for
     * cross-validation folds and bootstrap samples.
     */
    public Dataset subset(int[] rowIndices) {
        int m = rowIndices.length;
        if (m == 0) {
            throw new InvalidDataException("a subset needs at least one row");
        }
        for (int r : rowIndices) {
            Objects.checkIndex(r, rows);
        }
        INDArray sx = NativeArrays.matrix(m, columns);
        DoublePointer src = NativeArrays.pointer(x);
        DoublePointer dst = NativeArrays.pointer(sx);
        double[] col = new double[rows];
        double[] picked = new double[m];
        for (int j = 0; j < columns; j++) {
            NativeArrays.getColumn(src, rows, j, col);
            for (int i = 0; i < m; i++) {
                picked[i] = col[rowIndices[i]];
            }
            NativeArrays.putColumn(dst, m, j, picked);
        }
        return new Dataset(sx, pick(y, rowIndices), pick(weights, rowIndices), pick(offset, rowIndices),
                pick(frequencyWeights, rowIndices), predictorNames, responseName);
    }

    /** The same data with the predictor columns at {@code keep} only (in that order). */
    public Dataset selectColumns(int[] keep) {
        INDArray sx = NativeArrays.matrix(rows, keep.length);
        DoublePointer src = NativeArrays.pointer(x);
        DoublePointer dst = NativeArrays.pointer(sx);
        double[] col = new double[rows];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < keep.length; k++) {
            Objects.checkIndex(keep[k], columns);
            NativeArrays.getColumn(src, rows, keep[k], col);
            NativeArrays.putColumn(dst, rows, k, col);
            names.add(predictorNames.get(keep[k]));
        }
        return new Dataset(sx, y, weights, offset, frequencyWeights, Collections.unmodifiableList(names),
                responseName);
    }

    private static double[] pick(double[] values, int[] idx) {
        if (values == null) {
            return null;
        }
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset[n=" + rows + ", p=" + columns + ", response=" + responseName
                + (weights != null ? ", weighted" : "")
                + (frequencyWeights != null ? ", frequency-weighted" : "") + (offset != null ? ", offset" : "") + "]";
    }

    /**
     * Builds and validates a {@link Dataset}. The design is given either as rows
     * ({@code double[n][p]}), as columns, or as an ND4J matrix; a dense column-major DOUBLE
     * matrix is used without a copy, anything else is copied once.
     */
    public static final class Builder {
        private double[][] rowMajor;
        private double[][] columnMajor;
        private INDArray matrix;
        private double[] y;
        private double[] weights;
        private double[] offset;
        private double[] frequencyWeights;
        private List<String> predictorNames;
        private String responseName = "y";

        private Builder() {
        }

        /** The design as {@code rows[i][j]} = observation i, predictor j. */
        public Builder x(double[][] rows) {
            this.rowMajor = Objects.requireNonNull(rows, "x");
            this.columnMajor = null;
            this.matrix = null;
            return this;
        }

        /** The design as {@code columns[j][i]} = observation i, predictor j. */
        public Builder columns(double[][] columns) {
            this.columnMajor = Objects.requireNonNull(columns, "columns");
            this.rowMajor = null;
            this.matrix = null;
            return this;
        }

        /** The design as an {@code n x p} ND4J matrix. */
        public Builder x(INDArray matrix) {
            this.matrix = Objects.requireNonNull(matrix, "x");
            this.rowMajor = null;
            this.columnMajor = null;
            return this;
        }

        public Builder y(double[] response) {
            this.y = Objects.requireNonNull(response, "y");
            return this;
        }

        /** Observation (prior) weights, {@code >= 0}, not all zero. */
        public Builder weights(double[] weights) {
            this.weights = weights;
            return this;
        }

        /**
         * Frequency weights: row i stands for {@code f_i} identical observations; whole numbers
         * {@code >= 0}, not all zero (null for none).
         */
        public Builder frequencyWeights(double[] frequencies) {
            this.frequencyWeights = frequencies;
            return this;
        }

        /** A known term added to the linear predictor (e.g. log exposure for Poisson rates). */
        public Builder offset(double[] offset) {
            this.offset = offset;
            return this;
        }

        public Builder predictorNames(List<String> names) {
            this.predictorNames = names;
            return this;
        }

        public Builder responseName(String name) {
            this.responseName = Objects.requireNonNull(name, "responseName");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidDataException naming the first problem found
         */
        public Dataset build() {
            if (y == null) {
                throw new InvalidDataException("no response given");
            }
            int n = y.length;
            if (n == 0) {
                throw new InvalidDataException("the data are empty: no observations");
            }
            Checks.requireFinite(y, "response " + responseName);
            if (weights != null) {
                Checks.requireLength(weights, n, "weights");
                Checks.requireWeights(weights, "weights");
            }
            if (frequencyWeights != null) {
                Checks.requireLength(frequencyWeights, n, "frequency weights");
                Checks.requireFrequencyWeights(frequencyWeights, "frequency weights");
            }
            if (offset != null) {
                Checks.requireLength(offset, n, "offset");
                Checks.requireFinite(offset, "offset");
            }
            INDArray x = buildMatrix(n);
            int p = (int) x.columns();
            List<String> names = predictorNames;
            if (names == null) {
                names = new ArrayList<>();
                for (int j = 0; j < p; j++) {
                    names.add("x" + (j + 1));
                }
            } else if (names.size() != p) {
                throw new InvalidDataException(names.size() + " predictor names given for " + p + " columns");
            }
            checkFinite(x, n, p, names);
            return new Dataset(x, y.clone(), weights == null ? null : weights.clone(),
                    offset == null ? null : offset.clone(), frequencyWeights == null ? null : frequencyWeights.clone(),
                    List.copyOf(names), responseName);
        }

        private INDArray buildMatrix(int n) {
            if (rowMajor != null) {
                if (rowMajor.length != n) {
                    throw new InvalidDataException("x has " + rowMajor.length + " rows but the response has " + n);
                }
                int p = rowMajor[0].length;
                double[][] cols = new double[p][n];
                for (int i = 0; i < n; i++) {
                    if (rowMajor[i].length != p) {
                        throw new InvalidDataException("x row " + (i + 1) + " has " + rowMajor[i].length
                                + " values but row 1 has " + p);
                    }
                    for (int j = 0; j < p; j++) {
                        cols[j][i] = rowMajor[i][j];
                    }
                }
                return NativeArrays.fromColumns(cols, n);
            }
            if (columnMajor != null) {
                for (int j = 0; j < columnMajor.length; j++) {
                    if (columnMajor[j].length != n) {
                        throw new InvalidDataException("x column " + (j + 1) + " has " + columnMajor[j].length
                                + " values but the response has " + n);
                    }
                }
                return NativeArrays.fromColumns(columnMajor, n);
            }
            if (matrix != null) {
                if (matrix.rank() != 2) {
                    throw new InvalidDataException("x must be a matrix (rank 2), got rank " + matrix.rank());
                }
                if (matrix.rows() != n) {
                    throw new InvalidDataException("x has " + matrix.rows() + " rows but the response has " + n);
                }
                return NativeArrays.asDenseColumnMajor(matrix);
            }
            throw new InvalidDataException("no design matrix x given");
        }

        private static void checkFinite(INDArray x, int n, int p, List<String> names) {
            DoublePointer ptr = NativeArrays.pointer(x);
            double[] col = new double[n];
            for (int j = 0; j < p; j++) {
                NativeArrays.getColumn(ptr, n, j, col);
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(col[i])) {
                        throw new InvalidDataException("x has a non-finite value (" + col[i] + ") at row " + (i + 1)
                                + ", column " + (j + 1) + " (" + names.get(j) + ")");
                    }
                }
            }
        }
    }
}
