package dev.argmax.bench;

import dev.argmax.core.data.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A timed command for the CSV reader, run side by side with R's {@code data.table::fread} and
 * pandas on the same file (see {@code benchmarks/csv/}): reads a file {@code repeats} times in
 * this JVM and prints the wall time of each read, the best time and the throughput. Run it in a
 * fresh JVM under {@code /usr/bin/time -v} to see the peak resident memory; with the argument
 * {@code --none} it reads nothing, which gives the JVM's own footprint to subtract.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.argmax.bench.CsvReadTiming FILE.csv [repeats]
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
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            CsvTable t = CsvTable.read(file);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            int text = 0;
            for (String name : t.names()) {
                text += t.isText(name) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "SECONDS %.3f (read %d: %d rows x %d columns, %d text)%n", s, r + 1,
                    t.rows(), t.names().size(), text);
        }
        System.out.printf(Locale.ROOT, "%s: %.1f MB, best %.3f s, %.0f MB/s, %d threads%n", file, mb, best, mb / best,
                Runtime.getRuntime().availableProcessors());
    }
}
