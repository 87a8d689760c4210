package dev.argmax.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.bench.problems.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's arithmetic on a hand-made JMH result (JMH's JSON format): rates from the known
 * flop and byte counts, iterations as multiples of the reference rows, peers matched to argmax's
 * answer on the same problem.
 */
class BenchReportTest {

    private static final String JMH = """
            [
             {"benchmark": "dev.argmax.bench.ReferenceBenchmarks.Dgemm.dgemm", "params": {"m": "1000"},
              "primaryMetric": {"score": 100.0, "scoreError": 1.0, "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.ReferenceBenchmarks.syrk", "params": {"n": "100000", "p": "100"},
              "primaryMetric": {"score": 50.0, "scoreError": "NaN", "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.ReferenceBenchmarks.pass", "params": {"n": "100000", "p": "100"},
              "primaryMetric": {"score": 10.0, "scoreError": 0.5, "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.KernelBenchmarks.newtonStep",
              "params": {"family": "binomial", "n": "100000", "p": "100"},
              "primaryMetric": {"score": 72.0, "scoreError": 0.5, "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.KernelBenchmarks.gradientStep",
              "params": {"family": "binomial", "n": "100000", "p": "100"},
              "primaryMetric": {"score": 25.0, "scoreError": 0.5, "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.FitBenchmarks.fit",
              "params": {"family": "binomial", "n": "100000", "p": "100", "scenario": "iid", "solver": "irls"},
              "primaryMetric": {"score": 0.36, "scoreError": 0.01, "scoreUnit": "s/op"}},
             {"benchmark": "dev.argmax.bench.PeerProblemBenchmarks.ols",
              "params": {"n": "10000", "p": "10", "scenario": "iid", "seed": "1"},
              "primaryMetric": {"score": 2.0, "scoreError": 0.1, "scoreUnit": "ms/op"}},
             {"benchmark": "dev.argmax.bench.peers.PeerBenchmarks.smileOls",
              "params": {"n": "10000", "p": "10", "scenario": "iid", "seed": "1"},
              "primaryMetric": {"score": 8.0, "scoreError": 0.1, "scoreUnit": "ms/op"}}
            ]
            """;

    @Test
    void ratesRatiosAndPeers(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        Files.writeString(json, JMH);
        new Answer("argmax", "irls", "binomial-iid-100000x100-s1", "MLE", new double[] {1, 2}, 6).write(dir);
        new Answer("argmax", "LeastSquares", "gaussian-iid-10000x10-s1", "OLS", new double[] {1, 2}, 0).write(dir);
        new Answer("smile", "OLS", "gaussian-iid-10000x10-s1", "OLS", new double[] {1, 2 + 3e-12}, -1).write(dir);
        BenchReport report = new BenchReport(BenchReport.readJmh(List.of(json)), Answer.readAll(dir));

        // DGEMM 2e9 flops in 0.1 s; SYRK 1e5 * 100^2 = 1e9 flops in 0.05 s; a pass 8e7 bytes in 0.01 s
        String md = report.markdown("test machine");
        assertTrue(md.contains("20.00 GFLOP/s"), md);
        assertTrue(md.contains("8.00 GB/s"), md);

        List<BenchReport.IterationRatio> ratios = report.iterationRatios();
        assertEquals(3, ratios.size());
        // Newton kernel 72 ms against SYRK + pass = 60 ms; gradient 25 ms against 2 passes = 20 ms;
        // the IRLS fit 360 ms / 6 iterations = 60 ms against 60 ms
        assertEquals(1.2, ratios.get(0).ratio(), 1e-12);
        assertEquals(1.25, ratios.get(1).ratio(), 1e-12);
        assertEquals(1.0, ratios.get(2).ratio(), 1e-12);

        List<BenchReport.PeerComparison> peers = report.peerComparisons();
        assertEquals(1, peers.size());
        assertEquals(4.0, peers.get(0).speedup(), 1e-12);
        assertEquals(3e-12, peers.get(0).maxCoefficientDifference(), 1e-15);
        assertTrue(report.toJson().get("peers").get(0).has("max_coef_diff"));
    }
}
