package dev.argmax.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.bytedeco.javacpp.Pointer;

/**
 * The CSV parser behind {@link CsvTable}: one record per line, fields separated by commas,
 * optionally in double quotes ({@code ""} inside quotes is a quote; a quoted field may hold
 * commas but not a line break), surrounding blanks trimmed, blank lines skipped, a UTF-8 byte
 * order mark and CRLF line ends accepted.
 *
 * <p>How it is fast: the bytes are read in chunks of a few MB that end at line breaks and parsed
 * by all cores at once, each worker reusing one chunk buffer (positional reads into it; on Linux
 * this measured cheaper than mapping the file, whose page faults cost more than the copy). A
 * first pass counts the rows of each chunk (a byte scan, eight bytes at a time), so that every
 * column is allocated once at its final length and each chunk writes its rows in place; the
 * second pass parses numbers straight from the bytes: Clinger's exact fast path fused with
 * finding the field's end (digits taken eight at a time), else a correctly rounded parser
 * (Eisel-Lemire, {@code fastdoubleparser}); text goes through per-chunk byte dictionaries, so no
 * {@code String} is made per field. Text levels of all chunks are merged and sorted at the end.
 *
 * <p>Column types: a column is numeric when every field that is not missing is a finite number
 * ({@code NA}, {@code NaN} and empty fields are missing); otherwise it is text. The types are
 * guessed from the first rows and a column that turns out to hold text further down is parsed
 * again as text.
 */
final class CsvReader {

    /** Numeric column missing-value marker: NaN (also what {@code NaN} in the file reads as). */
    static final byte NUMERIC = 0;
    static final byte TEXT = 1;

    private static final int SAMPLE_ROWS = 1000;
    private static final int MIN_CHUNK = 1 << 20;
    private static final int MAX_CHUNK = 4 << 20;

    /** Where bytes come from: a file (positional reads, thread-safe) or an array. */
    interface Source extends AutoCloseable {
        long size();

        /** Reads up to {@code len} bytes at {@code pos}; returns the count read (less only at the end). */
        int read(long pos, byte[] dst, int off, int len) throws IOException;

        String name();

        @Override
        void close() throws IOException;
    }

    static Source file(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new Source() {
            @Override
            public long size() {
                try {
                    return ch.size();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int read(long pos, byte[] dst, int off, int len) throws IOException {
                int total = 0;
                ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
                while (total < len) {
                    int r = ch.read(bb, pos + total);
                    if (r < 0) {
                        break;
                    }
                    total += r;
                }
                return total;
            }

            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    static Source bytes(byte[] data, String name) {
        return new Source() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public int read(long pos, byte[] dst, int off, int len) {
                int n = (int) Math.max(0, Math.min(len, data.length - pos));
                System.arraycopy(data, (int) pos, dst, off, n);
                return n;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The parsed content handed to {@link CsvTable}. */
    record Parsed(List<String> names, NumericColumn[] numeric, int[][] codes, List<List<String>> levels,
                  int[][] levelFirstRows, CsvTable.Cell[] firstMissing, int[] breakRows, int[] breakLines, int rows) {
    }

    private final Source src;
    private final int threads;
    /** Bytes the columns may take, or -1 for what the Java heap can still give. */
    private final long memoryLimit;
    /**
     * The workers of every pass of this read, made at the first parallel pass and shut down at
     * the end: the same threads read every chunk, so their buffers (and the JDK's per-thread
     * buffer behind a positional read) are reused, not faulted in afresh.
     */
    private ExecutorService pool;

    private CsvReader(Source src, int threads, long memoryLimit) {
        this.src = src;
        this.threads = threads;
        this.memoryLimit = memoryLimit;
    }

    static Parsed read(Source src) throws IOException {
        return read(src, -1);
    }

    /**
     * Reads with a memory budget for the columns instead of the heap's free space (tests inject
     * a small one; -1 for the heap's).
     */
    static Parsed read(Source src, long memoryLimit) throws IOException {
        CsvReader reader = new CsvReader(src, Math.max(1, Runtime.getRuntime().availableProcessors()), memoryLimit);
        try {
            return reader.run();
        } catch (OutOfMemoryError e) {
            reader.buffers.clear();
            throw new InvalidDataException(String.format(java.util.Locale.ROOT,
                    "%s (%.1f MB) is too large for the Java heap: the heap ran out while reading it (-Xmx%dm);"
                            + " start Java with a larger -Xmx (a numeric file needs about 8 bytes per value, plus"
                            + " the model's copy of its design)",
                    src.name(), src.size() / 1e6, Math.round(Runtime.getRuntime().maxMemory() / (double) (1 << 20))));
        } finally {
            if (reader.pool != null) {
                reader.pool.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------- header and layout

    private Parsed run() throws IOException {
        long size = src.size();
        long pos = 0;
        int line = 0;
        byte[] head = readAt(0, (int) Math.min(size, 1 << 16));
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
        byte[] headerBytes;
        while (true) {
            if (pos >= size) {
                throw new InvalidDataException(src.name() + " is empty: no header line");
            }
            byte[] lineBytes = lineAt(pos, size);
            line++;
            pos += lineBytes.length;
            if (!isBlank(lineBytes, 0, lineBytes.length)) {
                headerBytes = lineBytes;
                break;
            }
        }
        List<String> names = headerNames(headerBytes);
        int m = names.size();
        long dataStart = pos;
        int headerLine = line;

        if (!NumericColumn.prepared()) {
            // JavaCPP and JNA load their libraries during the count (a class being initialized
            // makes any other thread that needs it wait until it is ready)
            Thread loader = new Thread(() -> {
                try {
                    NumericColumn.prepare();
                } catch (RuntimeException | LinkageError e) {
                    // the reading thread meets the same failure when it allocates the columns
                }
            }, "argmax-csv-native");
            loader.setDaemon(true);
            loader.start();
        }
        long[] bounds = chunkBounds(dataStart, size);
        int chunks = bounds.length - 1;
        int[] rowsIn = new int[chunks];
        int[] linesIn = new int[chunks];
        parallel(chunks, k -> {
            byte[] buf = acquire(bounds[k + 1] - bounds[k]);
            try {
                count(buf, readFully(bounds[k], buf, (int) (bounds[k + 1] - bounds[k])), k, rowsIn, linesIn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                release(buf);
            }
            return null;
        });
        int[] rowStart = new int[chunks + 1];
        int[] lineStart = new int[chunks + 1];
        lineStart[0] = headerLine + 1;
        long total = 0;
        for (int k = 0; k < chunks; k++) {
            total += rowsIn[k];
            if (total > Integer.MAX_VALUE - 8) {
                throw new InvalidDataException(src.name() + " has more than " + (Integer.MAX_VALUE - 8) + " rows");
            }
            rowStart[k + 1] = (int) total;
            lineStart[k + 1] = lineStart[k] + linesIn[k];
        }
        int n = (int) total;
        if (n == 0) {
            throw new InvalidDataException(src.name() + " has a header but no data rows");
        }
        byte[] types = sampleTypes(dataStart, size, m, headerLine + 1, names);
        while (true) {
            Pass pass = new Pass(names, types, n, bounds, rowStart, lineStart);
            pass.allocate();
            try {
                parallel(chunks, k -> {
                    pass.parseChunk(k);
                    return null;
                });
            } catch (IOException | RuntimeException | Error e) {
                pass.releaseColumns();
                throw e;
            }
            Set<Integer> demoted = pass.demotedColumns();
            if (!demoted.isEmpty() || pass.failed()) {
                pass.releaseColumns();
            }
            if (!demoted.isEmpty()) {
                types = types.clone();
                for (int j : demoted) {
                    types[j] = TEXT;
                }
                continue;
            }
            pass.throwFirstError();
            return pass.finish();
        }
    }

    private byte[] readAt(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        int r = src.read(pos, b, 0, len);
        return r == len ? b : Arrays.copyOf(b, r);
    }

    /** The line starting at {@code pos}, including its line break (if any). */
    private byte[] lineAt(long pos, long size) throws IOException {
        int window = 1 << 16;
        while (true) {
            int len = (int) Math.min(window, size - pos);
            byte[] b = readAt(pos, len);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    return Arrays.copyOf(b, i + 1);
                }
            }
            if (pos + len >= size) {
                return b;
            }
            window *= 4;
        }
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private List<String> headerNames(byte[] header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int end = header.length;
        while (end > 0 && (header[end - 1] == '\n' || header[end - 1] == '\r')) {
            end--;
        }
        int[] field = new int[2];
        int pos = 0;
        for (int j = 0; ; j++) {
            int d = Fields.next(header, pos, end, field);
            if (field[0] < 0) {
                throw new InvalidDataException(src.name() + ": column " + (j + 1)
                        + " of the header has an opening quote without its closing quote");
            }
            byte[] tok = Fields.content(header, field, new byte[0]);
            String name = new String(tok, field[0], field[1] - field[0], StandardCharsets.UTF_8).trim();
            if (name.length() >= 2 && name.charAt(0) == '\'' && name.charAt(name.length() - 1) == '\'') {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                throw new InvalidDataException(src.name() + ": column " + (j + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new InvalidDataException(src.name() + ": duplicate column name '" + name + "'");
            }
            names.add(name);
            if (d >= end) {
                return List.copyOf(names);
            }
            pos = d + 1;
        }
    }

    /** Chunk boundaries: each chunk after the first starts right after a line break. */
    private long[] chunkBounds(long start, long size) throws IOException {
        long bytes = size - start;
        // chunk buffers (one per worker) take at most 1/16 of the heap, so that a small heap fills
        // up with the columns, whose size is checked before they are allocated, not with buffers
        long heapShare = Runtime.getRuntime().maxMemory() / (16L * threads);
        long target = Math.max(MIN_CHUNK, Math.min(Math.min(MAX_CHUNK, heapShare), bytes / (threads * 8L) + 1));
        List<Long> b = new ArrayList<>();
        b.add(start);
        long nominal = start + target;
        byte[] win = new byte[1 << 13];
        while (nominal < size) {
            long prev = b.get(b.size() - 1);
            long p = Math.max(nominal, prev + 1) - 1;
            long next = -1;
            while (p < size) {
                int r = src.read(p, win, 0, (int) Math.min(win.length, size - p));
                for (int i = 0; i < r; i++) {
                    if (win[i] == '\n') {
                        next = p + i + 1;
                        break;
                    }
                }
                if (next >= 0) {
                    break;
                }
                p += r;
            }
            if (next < 0 || next >= size) {
                break;
            }
            b.add(next);
            nominal = next + target;
        }
        b.add(size);
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bytes of the column-major block of parsed numbers each worker fills before copying it into the columns. */
    private static final int BLOCK_BYTES = 256 << 10;
    /** The workers' number blocks, reused chunk after chunk. */
    private final java.util.concurrent.ConcurrentLinkedDeque<double[]> blocks =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Chunk buffers, reused by both passes and chunk after chunk (at most one per worker is in use at a time). */
    private final java.util.concurrent.ConcurrentLinkedDeque<byte[]> buffers =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    private byte[] acquire(long len) {
        byte[] b = buffers.poll();
        return b != null && b.length >= len ? b : new byte[(int) Math.max(len, b == null ? 0 : b.length)];
    }

    private void release(byte[] b) {
        buffers.push(b);
    }

    private int readFully(long pos, byte[] buf, int len) throws IOException {
        int r = src.read(pos, buf, 0, len);
        if (r != len) {
            throw new IOException(src.name() + " changed while it was read (short read at byte " + (pos + r) + ")");
        }
        return len;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Counts the lines and the rows (lines that are not blank) of a chunk: line breaks are found
     * eight bytes at a time (a word-wide zero-byte test on {@code word ^ '\n'...}), and only the
     * first bytes of each line are looked at to see whether it is blank.
     */
    private static void count(byte[] buf, int len, int k, int[] rowsIn, int[] linesIn) {
        int breaks = 0;
        int blank = len > 0 && blankAt(buf, 0, len) ? 1 : 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long x = (long) LONGS.get(buf, i) ^ NEWLINES;
            long t = (x - ONES) & ~x & HIGHS;
            while (t != 0) {
                int p = i + (Long.numberOfTrailingZeros(t) >>> 3);
                t &= t - 1;
                if (buf[p] == '\n') {
                    breaks++;
                    if (p + 1 < len && blankAt(buf, p + 1, len)) {
                        blank++;
                    }
                }
            }
        }
        for (; i < len; i++) {
            if (buf[i] == '\n') {
                breaks++;
                if (i + 1 < len && blankAt(buf, i + 1, len)) {
                    blank++;
                }
            }
        }
        int lines = breaks + (len > 0 && buf[len - 1] != '\n' ? 1 : 0);
        rowsIn[k] = lines - blank;
        linesIn[k] = lines;
    }

    /** Whether the line starting at {@code s} (before {@code len}) holds only blanks. */
    private static boolean blankAt(byte[] b, int s, int len) {
        for (int i = s; i < len; i++) {
            byte c = b[i];
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** 10^0 .. 10^22, every one exactly a double. */
    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int e = 1; e < POWERS.length; e++) {
            POWERS[e] = POWERS[e - 1] * 10;
        }
    }

    /**
     * Clinger's fast path, fused with finding the end of the field: a plain decimal
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} whose significant digits form an integer
     * {@code m <= 2^53} and whose decimal exponent {@code e} lies in [-22, 22] is exactly
     * {@code m * 10^e} or {@code m / 10^-e} in one correctly rounded IEEE operation on two exact
     * doubles, hence the correctly rounded value of the decimal. Returns the index of the
     * delimiter (',' or '\n' or {@code len}) after the number and leaves the value in
     * {@code out[0]}, or returns -1 when the field is anything else (quotes, blanks, missing
     * values, more digits, a large exponent), which the general path then reads.
     */
    static int fastNumber(byte[] b, int pos, int len, double[] out) {
        int i = pos;
        boolean negative = false;
        if (i < len && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int exp10 = 0;
        int start = i;
        while (i + 8 <= len && m < 1_000_000_000L) {
            long w = (long) LONGS.get(b, i);
            if (!eightDigits(w)) {
                break;
            }
            m = m * 100_000_000L + eightDigitsValue(w);
            i += 8;
        }
        while (i < len) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                break;
            }
            if (m < 100_000_000_000_000_000L) {
                m = m * 10 + c;
            } else {
                return -1;
            }
            i++;
        }
        boolean any = i > start;
        if (i < len && b[i] == '.') {
            i++;
            int fs = i;
            while (i + 8 <= len && m < 1_000_000_000L) {
                long w = (long) LONGS.get(b, i);
                if (!eightDigits(w)) {
                    break;
                }
                m = m * 100_000_000L + eightDigitsValue(w);
                exp10 -= 8;
                i += 8;
            }
            while (i < len) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) {
                    break;
                }
                if (m < 100_000_000_000_000_000L) {
                    m = m * 10 + c;
                    exp10--;
                } else {
                    return -1;
                }
                i++;
            }
            any |= i > fs;
        }
        if (!any) {
            return -1;
        }
        if (i < len && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < len && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int es = i;
            int e = 0;
            while (i < len && b[i] >= '0' && b[i] <= '9' && e < 10_000) {
                e = e * 10 + (b[i] - '0');
                i++;
            }
            if (i == es) {
                return -1;
            }
            exp10 += eneg ? -e : e;
        }
        if (i < len && b[i] != ',' && b[i] != '\n') {
            return -1;
        }
        if (m > (1L << 53) || exp10 < -22 || exp10 > 22) {
            return -1;
        }
        double v = exp10 >= 0 ? (double) m * POWERS[exp10] : (double) m / POWERS[-exp10];
        out[0] = negative ? -v : v;
        return i;
    }

    /** Whether all eight bytes of the little-endian word {@code w} are ASCII digits. */
    private static boolean eightDigits(long w) {
        return (((w + 0x4646464646464646L) | (w - 0x3030303030303030L)) & 0x8080808080808080L) == 0;
    }

    /**
     * The value of eight ASCII digits read as a little-endian word (first digit in the lowest
     * byte): pairs, then quadruples, then the octet are combined by three multiplications.
     */
    private static long eightDigitsValue(long w) {
        long v = w & 0x0F0F0F0F0F0F0F0FL;
        v = (v * 2561) >>> 8 & 0x00FF00FF00FF00FFL;
        v = (v * 6553601) >>> 16 & 0x0000FFFF0000FFFFL;
        return (v * 42949672960001L) >>> 32;
    }

    private <T> void parallel(int tasks, IntFunction<T> body) throws IOException {
        if (tasks == 1 || threads == 1) {
            for (int k = 0; k < tasks; k++) {
                call(body, k);
            }
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "argmax-csv");
                t.setDaemon(true);
                return t;
            });
        }
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int k = 0; k < tasks; k++) {
                int kk = k;
                futures.add(pool.submit(() -> call(body, kk)));
            }
            for (Future<T> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + src.name(), e);
                }
            }
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private static <T> T call(IntFunction<T> body, int k) {
        return body.apply(k);
    }

    // ---------------------------------------------------------------- type guess

    private byte[] sampleTypes(long start, long size, int m, int firstLine, List<String> names) throws IOException {
        byte[] types = new byte[m];
        int len = (int) Math.min(size - start, 1 << 20);
        byte[] buf = readAt(start, len);
        int end = len;
        if (start + len < size) {
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
        }
        int pos = 0;
        int rows = 0;
        int[] field = new int[2];
        byte[] scratch = new byte[64];
        while (pos < end && rows < SAMPLE_ROWS) {
            int lineEnd = pos;
            while (lineEnd < end && buf[lineEnd] != '\n') {
                lineEnd++;
            }
            if (!isBlank(buf, pos, lineEnd)) {
                rows++;
                int p = pos;
                for (int j = 0; j < m && p <= lineEnd; j++) {
                    int next = Fields.next(buf, p, lineEnd, field);
                    if (field[0] < 0) {
                        break; // unterminated quote: reported by the full pass
                    }
                    if (types[j] == NUMERIC) {
                        byte[] tok = Fields.content(buf, field, scratch);
                        if (!Fields.isMissing(tok, field[0], field[1]) && !Fields.isNumber(tok, field[0], field[1])) {
                            types[j] = TEXT;
                        }
                    }
                    p = next + 1;
                }
            }
            pos = lineEnd + 1;
        }
        return types;
    }

    // ---------------------------------------------------------------- the parsing pass

    /** Field scanning shared by the type guess and the parsing pass. */
    static final class Fields {
        private Fields() {
        }

        /**
         * Scans the field starting at {@code pos}, up to the next ',' or line break, or
         * {@code lineEnd} (the end of the data to look at). Sets {@code field} to the trimmed content bounds
         * ({@code [from, to)}; for a quoted field, inside the quotes, and {@code field[0] = -1} for an
         * unterminated quote) and returns the index of the delimiter (',', '\n' or {@code lineEnd}).
         * A quoted field whose content has doubled quotes is marked by {@code field[1]} negative
         * ({@code -(to) - 1}); {@link #content} unescapes it.
         */
        static int next(byte[] b, int pos, int lineEnd, int[] field) {
            int s = pos;
            while (s < lineEnd && (b[s] == ' ' || b[s] == '\t')) {
                s++;
            }
            if (s < lineEnd && b[s] == '"') {
                int q = s + 1;
                boolean escaped = false;
                while (true) {
                    if (q >= lineEnd || b[q] == '\n') {
                        field[0] = -1;
                        return lineEnd;
                    }
                    if (b[q] == '"') {
                        if (q + 1 < lineEnd && b[q + 1] == '"') {
                            escaped = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    q++;
                }
                field[0] = s + 1;
                field[1] = escaped ? -q - 1 : q;
                int d = q + 1;
                while (d < lineEnd && b[d] != ',' && b[d] != '\n') {
                    d++;
                }
                return d;
            }
            int d = s;
            while (d < lineEnd) {
                byte c = b[d];
                if (c == ',' || c == '\n') {
                    break;
                }
                d++;
            }
            int e = d;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r')) {
                e--;
            }
            field[0] = s;
            field[1] = e;
            return d;
        }

        /**
         * The bytes of a scanned field: {@code b} itself when no unescaping is needed (then the
         * bounds are {@code field}), else {@code scratch} (possibly grown) holding the unescaped
         * content in {@code [0, field[1])} after this call.
         */
        static byte[] content(byte[] b, int[] field, byte[] scratch) {
            if (field[1] >= 0) {
                return b;
            }
            int to = -field[1] - 1;
            byte[] out = scratch.length >= to - field[0] ? scratch : new byte[to - field[0]];
            int k = 0;
            for (int i = field[0]; i < to; i++) {
                out[k++] = b[i];
                if (b[i] == '"') {
                    i++;
                }
            }
            field[0] = 0;
            field[1] = k;
            return out;
        }

        static boolean isMissing(byte[] b, int from, int to) {
            int len = to - from;
            return len == 0
                    || len == 2 && b[from] == 'N' && b[from + 1] == 'A'
                    || len == 3 && b[from] == 'N' && b[from + 1] == 'a' && b[from + 2] == 'N';
        }

        static boolean isNumber(byte[] b, int from, int to) {
            try {
                JavaDoubleParser.parseDouble(b, from, to - from);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** One parsing pass over every chunk, with the given column types. */
    private final class Pass {
        private final List<String> names;
        private final byte[] types;
        private final int n;
        private final long[] bounds;
        private final int[] rowStart;
        private final int[] lineStart;
        private final int m;
        private NumericColumn[] numeric;
        private int[][] codes;
        private final TextDictionary[][] dictionaries;
        private final InvalidDataException[] errors;
        private final int[] errorLines;
        private final int[][] demotedAt;
        private final CsvTable.Cell[][] missing;
        private final int[][] breaks;

        Pass(List<String> names, byte[] types, int n, long[] bounds, int[] rowStart, int[] lineStart) {
            this.names = names;
            this.types = types;
            this.n = n;
            this.bounds = bounds;
            this.rowStart = rowStart;
            this.lineStart = lineStart;
            this.m = names.size();
            int chunks = bounds.length - 1;
            this.dictionaries = new TextDictionary[chunks][];
            this.errors = new InvalidDataException[chunks];
            this.errorLines = new int[chunks];
            this.demotedAt = new int[chunks][];
            this.missing = new CsvTable.Cell[chunks][];
            this.breaks = new int[chunks][];
        }

        void allocate() throws IOException {
            long numericCols = 0;
            long textCols = 0;
            for (byte t : types) {
                if (t == NUMERIC) {
                    numericCols++;
                } else {
                    textCols++;
                }
            }
            long numericNeed = 8L * n * numericCols;
            long textNeed = 4L * n * textCols;
            long need = numericNeed + textNeed;
            Runtime rt = Runtime.getRuntime();
            // numbers go to native memory (JavaCPP's budget, by default the heap's maximum size),
            // text codes to the heap; an injected limit covers both
            long available;
            if (memoryLimit >= 0) {
                available = memoryLimit;
                if (need > available) {
                    throw tooLarge(need, available);
                }
            } else {
                long nativeBudget = Pointer.maxBytes() > 0 ? Pointer.maxBytes() - Pointer.totalBytes() : Long.MAX_VALUE;
                long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
                if (textNeed > heap) {
                    // what is used may be garbage: collect once before refusing
                    System.gc();
                    heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
                }
                available = Math.min(nativeBudget, heap);
                if (numericNeed > nativeBudget || textNeed > heap) {
                    throw tooLarge(need, available);
                }
            }
            try {
                numeric = new NumericColumn[m];
                codes = new int[m][];
                for (int j = 0; j < m; j++) {
                    if (types[j] == NUMERIC) {
                        // uninitialized: its pages are first touched by the workers that parse into it
                        numeric[j] = NumericColumn.allocate("column '" + names.get(j) + "' of " + src.name(), n);
                    }
                }
                // by all workers: the first touch of fresh memory (its page faults) is a large part of
                // a read's system time; the JVM zeroes a new array in the thread that allocates it, and
                // a numeric column without huge pages is touched in order here (see HugePages)
                parallel(m, j -> {
                    if (types[j] != NUMERIC) {
                        codes[j] = new int[n];
                    } else if (!numeric[j].hugePages()) {
                        numeric[j].touch();
                    }
                    return null;
                });
            } catch (OutOfMemoryError e) {
                releaseColumns();
                codes = null;
                throw tooLarge(need, available);
            }
        }

        /** Frees the native columns of a pass whose result is not used. */
        void releaseColumns() {
            if (numeric != null) {
                for (NumericColumn c : numeric) {
                    if (c != null) {
                        c.release();
                    }
                }
                numeric = null;
            }
        }

        private InvalidDataException tooLarge(long need, long available) {
            double mib = 1 << 20;
            long heap = Runtime.getRuntime().maxMemory();
            return new InvalidDataException(String.format(java.util.Locale.ROOT,
                    "%s (%.1f MB) is too large for the Java heap: its %d rows x %d columns need %.1f MiB, and the heap "
                            + "can give only %.1f MiB more (-Xmx%dm); start Java with a larger -Xmx, e.g. "
                            + "java -Xmx%dm -jar argmax.jar ...",
                    src.name(), src.size() / 1e6, n, m, need / mib, Math.max(available, 0) / mib,
                    Math.round(heap / mib), (long) Math.ceil((heap + 2.0 * (need - Math.max(available, 0))) / mib)));
        }

        void parseChunk(int k) {
            int len = (int) (bounds[k + 1] - bounds[k]);
            byte[] buf = acquire(len);
            try {
                readFully(bounds[k], buf, len);
                parseChunk(k, buf, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                release(buf);
            }
        }

        private void parseChunk(int k, byte[] buf, int len) {
            TextDictionary[] dicts = new TextDictionary[m];
            for (int j = 0; j < m; j++) {
                if (types[j] == TEXT) {
                    dicts[j] = new TextDictionary();
                }
            }
            dictionaries[k] = dicts;
            CsvTable.Cell[] miss = new CsvTable.Cell[m];
            missing[k] = miss;
            int[] demoted = new int[m];
            Arrays.fill(demoted, -1);
            demotedAt[k] = demoted;
            IntList brk = new IntList();
            int row = rowStart[k];
            int line = lineStart[k];
            brk.add(row);
            brk.add(line);
            boolean lastWasBlank = false;
            int[] field = new int[2];
            double[] number = new double[1];
            // numbers go to a small column-major block (a few hundred rows, cache-resident) that is
            // copied into the columns when full: writing 100 columns row by row straight into
            // arrays of millions of values would miss the cache on every column of every row
            int block = Math.max(16, Math.min(4096, BLOCK_BYTES / (8 * m)));
            double[] local = blocks.poll();
            if (local == null || local.length < block * m) {
                local = new double[block * m];
            }
            int blockStart = row;
            byte[] scratch = new byte[64];
            int pos = 0;
            while (pos < len) {
                int q = pos;
                while (q < len && (buf[q] == ' ' || buf[q] == '\t' || buf[q] == '\r')) {
                    q++;
                }
                if (q >= len || buf[q] == '\n') {
                    lastWasBlank = true;
                    pos = q + 1;
                } else {
                    if (lastWasBlank) {
                        brk.add(row);
                        brk.add(line);
                        lastWasBlank = false;
                    }
                    int p = pos;
                    int d = pos;
                    for (int j = 0; j < m; j++) {
                        if (types[j] == NUMERIC && demoted[j] < 0) {
                            int e = fastNumber(buf, p, len, number);
                            if (e >= 0) {
                                boolean endOfLine = e >= len || buf[e] == '\n';
                                if (endOfLine != (j == m - 1)) {
                                    fail(k, line, endOfLine
                                            ? "line " + line + " has " + (j + 1) + " fields but the header has " + m
                                            : "line " + line + " has more fields than the header (" + m + ")");
                                    return;
                                }
                                local[j * block + row - blockStart] = number[0];
                                d = e;
                                p = e + 1;
                                continue;
                            }
                        }
                        d = Fields.next(buf, p, len, field);
                        if (field[0] < 0) {
                            fail(k, line, "line " + line + ", column '" + names.get(j)
                                    + "' has an opening quote without its closing quote (a quoted field cannot span lines)");
                            return;
                        }
                        boolean endOfLine = d >= len || buf[d] == '\n';
                        if (endOfLine && j < m - 1) {
                            fail(k, line, "line " + line + " has " + (j + 1) + " fields but the header has " + m);
                            return;
                        }
                        if (!endOfLine && j == m - 1) {
                            fail(k, line, "line " + line + " has more fields than the header (" + m + ")");
                            return;
                        }
                        byte[] tok = Fields.content(buf, field, scratch);
                        if (tok != buf) {
                            scratch = tok;
                        }
                        int from = field[0];
                        int to = field[1];
                        if (types[j] == NUMERIC) {
                            double v;
                            if (Fields.isMissing(tok, from, to)) {
                                v = Double.NaN;
                                if (miss[j] == null) {
                                    miss[j] = new CsvTable.Cell(row, line, names.get(j),
                                            new String(tok, from, to - from, StandardCharsets.UTF_8));
                                }
                            } else if (demoted[j] >= 0) {
                                v = Double.NaN;
                            } else {
                                try {
                                    v = JavaDoubleParser.parseDouble(tok, from, to - from);
                                } catch (NumberFormatException e) {
                                    demoted[j] = line;
                                    v = Double.NaN;
                                }
                                if (Double.isInfinite(v) || Double.isNaN(v)) {
                                    if (Double.isNaN(v)) {
                                        // a spelling of NaN other than the missing-value markers, e.g. "+NaN"
                                        if (miss[j] == null) {
                                            miss[j] = new CsvTable.Cell(row, line, names.get(j),
                                                    new String(tok, from, to - from, StandardCharsets.UTF_8));
                                        }
                                    } else {
                                        fail(k, line, "non-finite value '"
                                                + new String(tok, from, to - from, StandardCharsets.UTF_8) + "' at line "
                                                + line + ", column '" + names.get(j) + "'");
                                        return;
                                    }
                                }
                            }
                            local[j * block + row - blockStart] = v;
                        } else {
                            int c;
                            if (Fields.isMissing(tok, from, to)) {
                                c = -1;
                                if (miss[j] == null) {
                                    miss[j] = new CsvTable.Cell(row, line, names.get(j),
                                            new String(tok, from, to - from, StandardCharsets.UTF_8));
                                }
                            } else {
                                c = dicts[j].code(tok, from, to, row);
                            }
                            codes[j][row] = c;
                        }
                        p = d + 1;
                    }
                    row++;
                    if (row - blockStart == block) {
                        flush(local, block, blockStart, row);
                        blockStart = row;
                    }
                    pos = d + 1;
                }
                line++;
            }
            flush(local, block, blockStart, row);
            blocks.push(local);
            breaks[k] = brk.toArray();
        }

        /** Copies the block's rows {@code [from, to)} into the numeric columns. */
        private void flush(double[] local, int block, int from, int to) {
            for (int j = 0; j < m; j++) {
                if (types[j] == NUMERIC) {
                    numeric[j].write(from, local, j * block, to - from);
                }
            }
        }

        private void fail(int k, int line, String message) {
            errors[k] = new InvalidDataException(src.name() + ": " + message);
            errorLines[k] = line;
        }

        Set<Integer> demotedColumns() {
            Set<Integer> out = new HashSet<>();
            for (int k = 0; k < demotedAt.length; k++) {
                // rows after a chunk's first error were not parsed: a demotion there is still real
                if (demotedAt[k] == null) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    if (demotedAt[k][j] >= 0) {
                        out.add(j);
                    }
                }
            }
            return out;
        }

        boolean failed() {
            for (InvalidDataException e : errors) {
                if (e != null) {
                    return true;
                }
            }
            return false;
        }

        void throwFirstError() {
            for (InvalidDataException e : errors) {
                if (e != null) {
                    throw e;
                }
            }
        }

        Parsed finish() throws IOException {
            int chunks = bounds.length - 1;
            List<List<String>> levels = new ArrayList<>();
            int[][] firstRows = new int[m][];
            for (int j = 0; j < m; j++) {
                if (types[j] != TEXT) {
                    levels.add(null);
                    continue;
                }
                Map<String, Integer> first = new HashMap<>();
                for (int k = 0; k < chunks; k++) {
                    TextDictionary d = dictionaries[k][j];
                    for (int c = 0; c < d.size(); c++) {
                        String s = d.string(c);
                        Integer prev = first.get(s);
                        if (prev == null || d.firstRow(c) < prev) {
                            first.put(s, d.firstRow(c));
                        }
                    }
                }
                List<String> sorted = new ArrayList<>(first.keySet());
                sorted.sort(LevelOrder.R);
                levels.add(List.copyOf(sorted));
                int[] fr = new int[sorted.size()];
                Map<String, Integer> index = new HashMap<>();
                for (int c = 0; c < sorted.size(); c++) {
                    index.put(sorted.get(c), c);
                    fr[c] = first.get(sorted.get(c));
                }
                firstRows[j] = fr;
                int jj = j;
                parallel(chunks, k -> {
                    TextDictionary d = dictionaries[k][jj];
                    int[] map = new int[d.size()];
                    for (int c = 0; c < map.length; c++) {
                        map[c] = index.get(d.string(c));
                    }
                    int[] col = codes[jj];
                    for (int r = rowStart[k]; r < rowStart[k + 1]; r++) {
                        int c = col[r];
                        col[r] = c < 0 ? -1 : map[c];
                    }
                    return null;
                });
            }
            CsvTable.Cell[] firstMissing = new CsvTable.Cell[m];
            for (int k = 0; k < chunks; k++) {
                for (int j = 0; j < m; j++) {
                    if (firstMissing[j] == null && missing[k][j] != null) {
                        firstMissing[j] = missing[k][j];
                    }
                }
            }
            IntList br = new IntList();
            IntList bl = new IntList();
            for (int k = 0; k < chunks; k++) {
                for (int i = 0; i < breaks[k].length; i += 2) {
                    br.add(breaks[k][i]);
                    bl.add(breaks[k][i + 1]);
                }
            }
            return new Parsed(names, numeric, codes, levels, firstRows, firstMissing, br.toArray(), bl.toArray(), n);
        }
    }

    /** A growable list of ints. */
    static final class IntList {
        private int[] a = new int[8];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
