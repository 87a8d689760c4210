package dev.argmax.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

/**
 * The CSV parser behind {@link CsvTable}: one record per line, fields separated by commas,
 * optionally in double quotes ({@code ""} inside quotes is a quote; a quoted field may hold
 * commas but not a line break), surrounding blanks trimmed, blank lines skipped, a UTF-8 byte
 * order mark and CRLF line ends accepted.
 *
 * <p>How it is fast: the bytes are read in chunks that end at line breaks and parsed by all
 * cores at once. A first pass counts the rows of each chunk (a byte scan), so that every column
 * is allocated once at its final length and each chunk writes its rows in place; the second pass
 * parses numbers straight from the bytes with a correctly rounded parser (Eisel-Lemire,
 * {@code fastdoubleparser}) and encodes text through per-chunk byte dictionaries, so no
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
    private static final int MAX_CHUNK = 32 << 20;

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
    record Parsed(List<String> names, double[][] numeric, int[][] codes, List<List<String>> levels,
                  int[][] levelFirstRows, CsvTable.Cell[] firstMissing, int[] breakRows, int[] breakLines, int rows) {
    }

    private final Source src;
    private final int threads;

    private CsvReader(Source src, int threads) {
        this.src = src;
        this.threads = threads;
    }

    static Parsed read(Source src) throws IOException {
        return new CsvReader(src, Math.max(1, Runtime.getRuntime().availableProcessors())).run();
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

        long[] bounds = chunkBounds(dataStart, size);
        int chunks = bounds.length - 1;
        int[] rowsIn = new int[chunks];
        int[] linesIn = new int[chunks];
        parallel(chunks, k -> {
            byte[] buf = buffer(bounds[k + 1] - bounds[k]);
            try {
                count(buf, readFully(bounds[k], buf, (int) (bounds[k + 1] - bounds[k])), k, rowsIn, linesIn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
            parallel(chunks, k -> {
                pass.parseChunk(k);
                return null;
            });
            Set<Integer> demoted = pass.demotedColumns();
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
        long target = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, bytes / (threads * 4L) + 1));
        List<Long> b = new ArrayList<>();
        b.add(start);
        long nominal = start + target;
        while (nominal < size) {
            long prev = b.get(b.size() - 1);
            long p = Math.max(nominal, prev + 1) - 1;
            long next = -1;
            byte[] win = new byte[1 << 16];
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

    private final ThreadLocal<byte[]> buffers = new ThreadLocal<>();

    private byte[] buffer(long len) {
        byte[] b = buffers.get();
        if (b == null || b.length < len) {
            b = new byte[(int) len];
            buffers.set(b);
        }
        return b;
    }

    private int readFully(long pos, byte[] buf, int len) throws IOException {
        int r = src.read(pos, buf, 0, len);
        if (r != len) {
            throw new IOException(src.name() + " changed while it was read (short read at byte " + (pos + r) + ")");
        }
        return len;
    }

    private static void count(byte[] buf, int len, int k, int[] rowsIn, int[] linesIn) {
        int rows = 0;
        int lines = 0;
        boolean content = false;
        for (int i = 0; i < len; i++) {
            byte c = buf[i];
            if (c == '\n') {
                lines++;
                if (content) {
                    rows++;
                }
                content = false;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                content = true;
            }
        }
        if (content) {
            rows++;
            lines++;
        }
        rowsIn[k] = rows;
        linesIn[k] = lines;
    }

    private <T> void parallel(int tasks, IntFunction<T> body) throws IOException {
        if (tasks == 1 || threads == 1) {
            for (int k = 0; k < tasks; k++) {
                call(body, k);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks), r -> {
            Thread t = new Thread(r, "argmax-csv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
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
            pool.shutdownNow();
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
        private double[][] numeric;
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

        void allocate() {
            long numericCols = 0;
            long textCols = 0;
            for (byte t : types) {
                if (t == NUMERIC) {
                    numericCols++;
                } else {
                    textCols++;
                }
            }
            long need = (long) n * (8 * numericCols + 4 * textCols);
            Runtime rt = Runtime.getRuntime();
            long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > available) {
                throw tooLarge(need, available);
            }
            try {
                numeric = new double[m][];
                codes = new int[m][];
                for (int j = 0; j < m; j++) {
                    if (types[j] == NUMERIC) {
                        numeric[j] = new double[n];
                    } else {
                        codes[j] = new int[n];
                    }
                }
            } catch (OutOfMemoryError e) {
                numeric = null;
                codes = null;
                throw tooLarge(need, available);
            }
        }

        private InvalidDataException tooLarge(long need, long available) {
            return new InvalidDataException(String.format(java.util.Locale.ROOT,
                    "%s is too large for the Java heap: its %d rows x %d columns need %.0f MB, and the heap can give "
                            + "only %.0f MB more; start Java with a larger -Xmx (at least %.0f MB more than now)",
                    src.name(), n, m, need / 1e6, available / 1e6, (need - available) / 1e6 + 1));
        }

        void parseChunk(int k) {
            int len = (int) (bounds[k + 1] - bounds[k]);
            byte[] buf = buffer(len);
            try {
                readFully(bounds[k], buf, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
                            numeric[j][row] = v;
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
                    pos = d + 1;
                }
                line++;
            }
            breaks[k] = brk.toArray();
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
                Map<String, byte[]> raw = new HashMap<>();
                for (int k = 0; k < chunks; k++) {
                    TextDictionary d = dictionaries[k][j];
                    for (int c = 0; c < d.size(); c++) {
                        String s = d.string(c);
                        Integer prev = first.get(s);
                        if (prev == null || d.firstRow(c) < prev) {
                            first.put(s, d.firstRow(c));
                        }
                        raw.putIfAbsent(s, d.bytes(c));
                    }
                }
                List<String> sorted = new ArrayList<>(first.keySet());
                sorted.sort((a, b) -> Arrays.compareUnsigned(raw.get(a), raw.get(b)));
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
