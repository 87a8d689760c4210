package dev.argmax.bench;

import dev.argmax.core.data.CsvTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A timed command for the CSV reader, run side by side with R's {@code data.table::fread} and
 * pandas on the same file (see {@code benchmarks/csv/compare.sh}): reads a file {@code repeats}
 * times in this JVM and prints, per read, the wall time and the process CPU time it took, then
 * the memory the reading added.
 *
 * <p>Memory, as the comparison measures it: the resident memory of the process just before the
 * first read ({@code VmRSS}: the JVM's fixed start-up footprint, classes loaded) is subtracted
 * from its peak ({@code VmHWM}) after the reads; the difference is what loading added, set
 * against the bytes of the table's final columns (8 per numeric value, 4 per text code). Run
 * with one read and a heap large enough for the data so that no collection is forced; with the
 * argument {@code --none} it reads nothing, which gives the JVM's own footprint.
 *
 * <pre>
 * java -cp benchmarks/target/argmax-benchmarks.jar dev.argmax.bench.CsvReadTiming FILE.csv [repeats]
 * </pre>
 */
public final class CsvReadTiming {

    private CsvReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: CsvReadTiming FILE.csv [repeats] | --none");
            System.exit(2);
        }
        if (args[0].equals("--none")) {
            System.out.println("read nothing");
            return;
        }
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double mb = Files.size(file) / 1e6;
        double best = Double.POSITIVE_INFINITY;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long rssBefore = status("VmRSS");
        long finalBytes = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            CsvTable t = CsvTable.read(file);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            best = Math.min(best, s);
            int text = 0;
            for (String name : t.names()) {
                text += t.isText(name) ? 1 : 0;
            }
            finalBytes = (long) t.rows() * (8L * (t.names().size() - text) + 4L * text);
            System.out.printf(Locale.ROOT, "SECONDS %.3f CPU %.3f (read %d: %d rows x %d columns, %d text)%n", s, cpu,
                    r + 1, t.rows(), t.names().size(), text);
        }
        long peak = status("VmHWM");
        System.out.printf(Locale.ROOT, "%s: %.1f MB, best %.3f s, %.0f MB/s, %d threads%n", file, mb, best, mb / best,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "MEMORY before %.0f MB, peak %.0f MB, added %.0f MB = %.2f x the final columns"
                        + " (%.0f MB)%n", rssBefore / 1024.0, peak / 1024.0, (peak - rssBefore) / 1024.0,
                (peak - rssBefore) * 1024.0 / finalBytes, finalBytes / 1e6 / 1.048576);
    }

    /** A field of {@code /proc/self/status} in kB (0 where there is no such file). */
    private static long status(String field) throws IOException {
        Path p = Path.of("/proc/self/status");
        if (!Files.exists(p)) {
            return 0;
        }
        for (String line : Files.readAllLines(p)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
