package dev.argmax.core.linalg;

import java.util.Arrays;

/**
 * A small dense matrix on the Java heap, stored column-major, for {@code p x p} work
 * (information matrices, covariances, Cholesky and QR factors): element loops on a Java array
 * cost nanoseconds where an ND4J element access costs microseconds.
 *
 * <p>Immutable: the constructor copies and accessors never expose the storage.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix from rows: {@code values[i][j]} is row i, column j. */
    public static Matrix of(double[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("ragged rows: row " + i + " has " + values[i].length
                        + " values, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                d[i + j * r] = values[i][j];
            }
        }
        return new Matrix(r, c, d);
    }

    /** A matrix from column-major storage (copied). */
    public static Matrix fromColumnMajor(int rows, int cols, double[] columnMajor) {
        if (columnMajor.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values, got " + columnMajor.length);
        }
        return new Matrix(rows, cols, columnMajor.clone());
    }

    /** Wraps column-major storage without copying; for use by this package only. */
    static Matrix wrap(int rows, int cols, double[] columnMajor) {
        return new Matrix(rows, cols, columnMajor);
    }

    /** The {@code n x n} identity. */
    public static Matrix identity(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i + i * n] = 1;
        }
        return new Matrix(n, n, d);
    }

    /** A diagonal matrix. */
    public static Matrix diagonal(double[] diagonal) {
        int n = diagonal.length;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i + i * n] = diagonal[i];
        }
        return new Matrix(n, n, d);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i, int j) {
        return data[i + j * rows];
    }

    /** A copy of the column-major storage. */
    public double[] toColumnMajor() {
        return data.clone();
    }

    /** Column-major storage shared with this package (no copy). */
    double[] storage() {
        return data;
    }

    /** The matrix as rows: {@code result[i][j]}. */
    public double[][] toArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = data[i + j * rows];
            }
        }
        return out;
    }

    public double[] column(int j) {
        return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
    }

    public double[] diagonal() {
        int m = Math.min(rows, cols);
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            d[i] = data[i + i * rows];
        }
        return d;
    }

    public Matrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j + i * cols] = data[i + j * rows];
            }
        }
        return new Matrix(cols, rows, t);
    }

    /** {@code this * v}. */
    public double[] times(double[] v) {
        if (v.length != cols) {
            throw new IllegalArgumentException("vector length " + v.length + " != " + cols + " columns");
        }
        double[] out = new double[rows];
        for (int j = 0; j < cols; j++) {
            double vj = v[j];
            int base = j * rows;
            for (int i = 0; i < rows; i++) {
                out[i] += data[base + i] * vj;
            }
        }
        return out;
    }

    /** {@code this * other}. */
    public Matrix times(Matrix other) {
        if (other.rows != cols) {
            throw new IllegalArgumentException("shapes " + rows + "x" + cols + " and " + other.rows + "x" + other.cols);
        }
        double[] out = new double[rows * other.cols];
        for (int j = 0; j < other.cols; j++) {
            for (int k = 0; k < cols; k++) {
                double b = other.data[k + j * other.rows];
                if (b == 0) {
                    continue;
                }
                int base = k * rows;
                int outBase = j * rows;
                for (int i = 0; i < rows; i++) {
                    out[outBase + i] += data[base + i] * b;
                }
            }
        }
        return new Matrix(rows, other.cols, out);
    }

    /** {@code this + c * I} (square matrices). */
    public Matrix plusDiagonal(double[] c) {
        requireSquare();
        if (c.length != rows) {
            throw new IllegalArgumentException("diagonal length " + c.length + " != " + rows);
        }
        double[] d = data.clone();
        for (int i = 0; i < rows; i++) {
            d[i + i * rows] += c[i];
        }
        return new Matrix(rows, cols, d);
    }

    /** {@code this - other}, entry by entry. */
    public Matrix subtract(Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shapes differ: " + rows + "x" + cols + " and " + other.rows + "x"
                    + other.cols);
        }
        double[] d = data.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] -= other.data[i];
        }
        return new Matrix(rows, cols, d);
    }

    /** {@code s * this}. */
    public Matrix scale(double s) {
        double[] d = data.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= s;
        }
        return new Matrix(rows, cols, d);
    }

    /** The largest absolute difference between corresponding entries. */
    public double maxAbsDifference(Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shapes differ");
        }
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - other.data[i]));
        }
        return m;
    }

    void requireSquare() {
        if (rows != cols) {
            throw new IllegalArgumentException("expected a square matrix, got " + rows + "x" + cols);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix " + rows + "x" + cols);
        if (rows * cols <= 64) {
            for (double[] row : toArray()) {
                sb.append('\n').append(Arrays.toString(row));
            }
        }
        return sb.toString();
    }
}
