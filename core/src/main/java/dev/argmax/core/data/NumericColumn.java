package dev.argmax.core.data;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A numeric column of a {@link CsvTable}, held in native memory (off the Java heap), NaN where a
 * value is missing.
 *
 * <p>Why native: a design matrix lives in native memory (ND4J, BLAS), so a column that is there
 * already is copied into it by {@code memcpy}, and a column whose last use has passed can be
 * freed at once (glibc returns large blocks to the system) instead of waiting for a collection
 * of the Java heap; a new block is also not zeroed by the JVM, and its pages are first touched
 * by the reader's workers as they write the parsed numbers.
 *
 * <p>Written once by the reader (workers write disjoint row ranges), then only read. The
 * storage is freed by {@link #release()} (later reads throw {@link IllegalStateException}) or,
 * failing that, when the column becomes unreachable.
 */
final class NumericColumn {

    /** Doubles moved through the Java heap at a time by the bulk reads. */
    private static final int BLOCK = 1 << 15;

    private final int length;
    /** What messages call the column, e.g. {@code column 'x' of data.csv}. */
    private final String label;
    private volatile DoublePointer storage;

    private NumericColumn(String label, DoublePointer storage, int length) {
        this.label = label;
        this.storage = storage;
        this.length = length;
    }

    /**
     * A column of {@code length} values, uninitialized (every row must then be written);
     * {@code label} names it in messages ({@code column 'x' of data.csv}).
     *
     * @throws OutOfMemoryError if the native memory (JavaCPP's budget, by default the heap's
     *     maximum size) cannot give it
     */
    static NumericColumn allocate(String label, int length) {
        DoublePointer p = new DoublePointer(Math.max(1, (long) length));
        return new NumericColumn(label, p, length);
    }

    /** Number of rows. */
    int length() {
        return length;
    }

    /** Writes {@code len} values of {@code src} from {@code off} at rows {@code [row, row + len)} (thread-safe for disjoint rows). */
    void write(int row, double[] src, int off, int len) {
        new DoublePointer(live()).position(row).put(src, off, len);
    }

    /** Reads rows {@code [row, row + len)} into {@code dst} from index 0. */
    void read(int row, double[] dst, int len) {
        new DoublePointer(live()).position(row).get(dst, 0, len);
    }

    /** The value at {@code row} (NaN where missing). */
    double get(int row) {
        java.util.Objects.checkIndex(row, length);
        return live().get(row);
    }

    /** A copy of the whole column on the Java heap. */
    double[] toArray() {
        double[] out = new double[length];
        new DoublePointer(live()).position(0).get(out, 0, length);
        return out;
    }

    /** Sets {@code missing[i]} for every row {@code i >= from} whose value is missing (NaN). */
    void markMissing(int from, boolean[] missing) {
        double[] block = new double[Math.min(BLOCK, Math.max(1, length - from))];
        for (int start = from; start < length; start += block.length) {
            int len = Math.min(block.length, length - start);
            read(start, block, len);
            for (int i = 0; i < len; i++) {
                if (Double.isNaN(block[i])) {
                    missing[start + i] = true;
                }
            }
        }
    }

    /**
     * Writes the values of the given rows (ascending; every row when null) to {@code target},
     * from its position on: one {@code memcpy} for every row, else in blocks through the heap.
     */
    void copyTo(int[] rows, DoublePointer target) {
        DoublePointer src = live();
        DoublePointer dst = new DoublePointer(target);
        if (rows == null) {
            // memcpy takes its arguments as void*: their positions count bytes
            BytePointer from = new BytePointer(src);
            from.position(0);
            BytePointer to = new BytePointer(target);
            to.position(target.position() * Double.BYTES);
            Pointer.memcpy(to, from, (long) length * Double.BYTES);
            return;
        }
        double[] in = new double[Math.min(BLOCK, Math.max(1, length))];
        double[] out = new double[in.length];
        long base = dst.position();
        int k = 0;
        for (int start = 0; start < length && k < rows.length; start += in.length) {
            int len = Math.min(in.length, length - start);
            int end = start + len;
            if (rows[k] >= end) {
                continue;
            }
            read(start, in, len);
            int first = k;
            int o = 0;
            while (k < rows.length && rows[k] < end) {
                if (rows[k] < start || k > 0 && rows[k] <= rows[k - 1]) {
                    throw new IllegalArgumentException("rows must be ascending, got " + rows[k] + " after "
                            + rows[k - 1]);
                }
                out[o++] = in[rows[k] - start];
                k++;
            }
            dst.position(base + first).put(out, 0, o);
        }
        if (k < rows.length) {
            throw new IndexOutOfBoundsException("row " + rows[k] + " of a column of " + length + " rows");
        }
    }

    /** Frees the storage now; later reads throw {@link IllegalStateException}. */
    void release() {
        DoublePointer p = storage;
        storage = null;
        if (p != null) {
            p.deallocate();
        }
    }

    boolean isReleased() {
        return storage == null;
    }

    private DoublePointer live() {
        DoublePointer p = storage;
        if (p == null) {
            throw new IllegalStateException(label + " was released (CsvTable.release, or its table was handed over"
                    + " to a model frame by CsvTable.handOver, which frees each column once the design holds it); read"
                    + " the file again to use it");
        }
        return p;
    }
}
