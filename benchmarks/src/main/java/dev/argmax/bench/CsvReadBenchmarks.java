package dev.argmax.bench;

import dev.argmax.core.data.CsvTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CSV reader on a file written the way R's {@code data.table::fwrite} writes standard normal
 * numbers (15 significant digits, shortest form), {@code rows x columns}, with {@code text} of the
 * columns holding one of 20 levels instead: {@link CsvTable#read} end to end (row count, column
 * allocation, parsing, level merge), page cache warm. The side-by-side comparison with fread and
 * pandas on the same machine is {@code benchmarks/csv/compare.sh}; this measures the reader alone
 * with JIT warm-up, for changes to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class CsvReadBenchmarks {

    @Param({"200000"})
    public int rows;

    @Param({"100"})
    public int columns;

    @Param({"0", "10"})
    public int text;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("argmax-csv-bench", ".csv");
        SplittableRandom rnd = new SplittableRandom(1);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < columns; j++) {
                line.append(j == 0 ? "" : ",").append(j < columns - text ? "x" : "g").append(j);
            }
            w.write(line.append('\n').toString());
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < columns; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    if (j < columns - text) {
                        line.append(shortest15(rnd.nextGaussian()));
                    } else {
                        line.append("level").append(1 + rnd.nextInt(20));
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    /** A number as fwrite writes it: 15 significant digits, trailing zeros dropped, small ones with an exponent. */
    private static String shortest15(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(15)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 ? d.toPlainString() : d.toString();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public CsvTable read() {
        return CsvTable.read(file);
    }
}
