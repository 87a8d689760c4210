package dev.argmax.core.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bridge between ND4J arrays, OpenBLAS pointers and Java arrays.
 *
 * <p>Every array argmax creates is {@code DOUBLE} (ND4J's default is FLOAT) and matrices are
 * column-major ({@code 'f'}), so that a column is contiguous and the array can be handed to
 * BLAS/LAPACK as it is. Moving data between the Java heap and native memory is a
 * {@code memcpy}; it is done in whole columns, never element by element through ND4J (each
 * ND4J element access is a JNI call of several microseconds).
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** A new, uninitialized column-major {@code rows x cols} double matrix. */
    public static INDArray matrix(long rows, long cols) {
        return Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, 'f');
    }

    /**
     * A new, uninitialized column-major {@code rows x cols} double matrix whose memory is not
     * touched until it is written: {@link #matrix} has ND4J fill its block, which makes the whole
     * block resident at once, while here the pages become resident as the columns are written
     * (for a large design filled column by column from data that is freed as it goes). The
     * block is JavaCPP's (counted against its {@code maxBytes}) and freed when the array is no
     * longer reachable.
     */
    public static INDArray lazyMatrix(long rows, long cols) {
        long length = rows * cols;
        if (length == 0) {
            return matrix(rows, cols);
        }
        DoublePointer block = new DoublePointer(length);
        // the buffer keeps the pointer (and so the block) alive as long as the array
        DataBuffer buffer = Nd4j.createBuffer(block, DataType.DOUBLE, length, DoubleIndexer.create(block));
        return Nd4j.create(buffer, new long[] {rows, cols}, new long[] {1, rows}, 0, 'f');
    }

    /** A new zero-filled column-major {@code rows x cols} double matrix. */
    public static INDArray zeros(long rows, long cols) {
        return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'f');
    }

    /**
     * True when {@code a} is a DOUBLE, column-major, densely packed 2-d array that BLAS can read
     * through its pointer with leading dimension {@code rows}.
     */
    public static boolean isDenseColumnMajor(INDArray a) {
        if (a.rank() != 2 || a.dataType() != DataType.DOUBLE) {
            return false;
        }
        long rows = a.rows();
        long cols = a.columns();
        if (rows * cols != a.length()) {
            return false;
        }
        if (cols == 0) {
            return true; // no predictor columns (the intercept-only design): nothing for BLAS to read
        }
        long[] stride = a.stride();
        boolean fStrides = stride[0] == 1 && (cols <= 1 || stride[1] == rows);
        return fStrides && a.data().length() >= a.offset() + rows * cols;
    }

    /**
     * The native address of element (0, 0) of a dense column-major DOUBLE matrix.
     *
     * @throws IllegalArgumentException if the array is not dense column-major DOUBLE
     */
    public static DoublePointer pointer(INDArray a) {
        if (!isDenseColumnMajor(a)) {
            throw new IllegalArgumentException("expected a dense column-major DOUBLE matrix, got "
                    + a.dataType() + " order " + a.ordering() + " shape " + java.util.Arrays.toString(a.shape()));
        }
        DoublePointer base = new DoublePointer(a.data().addressPointer());
        return base.position(a.offset());
    }

    /** Copies column {@code j} of the dense column-major matrix behind {@code p} into {@code out}. */
    public static void getColumn(DoublePointer p, long rows, int j, double[] out) {
        long start = p.position();
        p.position(start + (long) j * rows).get(out, 0, (int) rows);
        p.position(start);
    }

    /** Copies {@code values} into column {@code j} of the dense column-major matrix behind {@code p}. */
    public static void putColumn(DoublePointer p, long rows, int j, double[] values) {
        long start = p.position();
        p.position(start + (long) j * rows).put(values, 0, (int) rows);
        p.position(start);
    }

    /** A dense column-major DOUBLE copy of {@code a} (or {@code a} itself if it already is one). */
    public static INDArray asDenseColumnMajor(INDArray a) {
        if (isDenseColumnMajor(a)) {
            return a;
        }
        INDArray d = a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
        return d.dup('f');
    }

    /** A column-major matrix built from the columns given ({@code columns[j]} is column j). */
    public static INDArray fromColumns(double[][] columns, int rows) {
        INDArray m = matrix(rows, columns.length);
        DoublePointer p = pointer(m);
        for (int j = 0; j < columns.length; j++) {
            putColumn(p, rows, j, columns[j]);
        }
        return m;
    }
}
