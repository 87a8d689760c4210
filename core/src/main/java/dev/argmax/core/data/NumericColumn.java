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
    /** Index of row 0 in the block (past the start, to align the rows to a huge page). */
    private final long offset;
    /** Whether the block was advised to be backed by huge pages. */
    private final boolean hugePages;
    /** What messages call the column, e.g. {@code column 'x' of data.csv}. */
    private final String label;
    private volatile DoublePointer storage;

    private NumericColumn(String label, DoublePointer storage, int length, long offset, boolean hugePages) {
        this.label = label;
        this.storage = storage;
        this.length = length;
        this.offset = offset;
        this.hugePages = hugePages;
    }

    /**
     * A column of {@code length} values, uninitialized (every row must then be written);
     * {@code label} names it in messages ({@code column 'x' of data.csv}).
     *
     * @throws OutOfMemoryError if the native memory (JavaCPP's budget, by default the heap's
     *     maximum size) cannot give it
     */
    static NumericColumn allocate(String label, int length) {
        long bytes = (long) length * Double.BYTES;
        if (bytes >= 2 * HugePages.SIZE && HugePages.available()) {
            // one huge page more, so that the rows can start on a huge-page boundary
            DoublePointer p = new DoublePointer(length + HugePages.SIZE / Double.BYTES);
            long aligned = (p.address() + HugePages.SIZE - 1) & -HugePages.SIZE;
            return new NumericColumn(label, p, length, (aligned - p.address()) / Double.BYTES,
                    HugePages.advise(aligned, bytes));
        }
        return new NumericColumn(label, new DoublePointer(Math.max(1, (long) length)), length, 0, false);
    }

    /** Whether the column's pages are huge pages (else {@link #touch} them before writing in scattered order). */
    boolean hugePages() {
        return hugePages;
    }

    /**
     * Touches every page of the column in order (writing zeros): the page faults of fresh memory
     * then come in sequence, cheaper than in the order the parsing writes.
     */
    void touch() {
        Pointer.memset(bytes(0), 0, (long) length * Double.BYTES);
    }

    /** The block at row {@code row}, as a byte pointer (memcpy and memset count positions in bytes). */
    private BytePointer bytes(long row) {
        BytePointer b = new BytePointer(live());
        b.position((offset + row) * Double.BYTES);
        return b;
    }

    /** A pointer to row {@code row} that no other thread moves. */
    private DoublePointer at(long row) {
        return new DoublePointer(live()).position(offset + row);
    }

    private static volatile boolean prepared;

    /**
     * Loads the native libraries the columns need (JavaCPP's and, for huge pages, JNA's): on
     * first use this takes a few hundred ms, which the reader spends in the background while it
     * counts the rows (idempotent, thread-safe).
     */
    static void prepare() {
        if (prepared) {
            return;
        }
        HugePages.available();
        new DoublePointer(1).deallocate();
        prepared = true;
    }

    /** Whether {@link #prepare} has run to its end. */
    static boolean prepared() {
        return prepared;
    }

    /** Number of rows. */
    int length() {
        return length;
    }

    /** Writes {@code len} values of {@code src} from {@code off} at rows {@code [row, row + len)} (thread-safe for disjoint rows). */
    void write(int row, double[] src, int off, int len) {
        at(row).put(src, off, len);
    }

    /** Reads rows {@code [row, row + len)} into {@code dst} from index 0. */
    void read(int row, double[] dst, int len) {
        at(row).get(dst, 0, len);
    }

    /** The value at {@code row} (NaN where missing). */
    double get(int row) {
        java.util.Objects.checkIndex(row, length);
        return at(row).get();
    }

    /** A copy of the whole column on the Java heap. */
    double[] toArray() {
        double[] out = new double[length];
        at(0).get(out, 0, length);
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
        DoublePointer dst = new DoublePointer(target);
        if (rows == null) {
            // memcpy takes its arguments as void*: their positions count bytes
            BytePointer to = new BytePointer(target);
            to.position(target.position() * Double.BYTES);
            Pointer.memcpy(to, bytes(0), (long) length * Double.BYTES);
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
