package dev.argmax.bench.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generators give the designs they promise (checked against their population values) and are reproducible. */
class SyntheticProblemTest {

    @Test
    void sameSpecGivesSameDoubles() {
        ProblemSpec spec = new ProblemSpec(500, 7, Family.POISSON, Scenario.TOEPLITZ, 42);
        SyntheticProblem a = SyntheticProblem.generate(spec);
        SyntheticProblem b = SyntheticProblem.generate(spec);
        assertArrayEquals(a.columnMajor(), b.columnMajor());
        assertArrayEquals(a.response(), b.response());
        SyntheticProblem c = SyntheticProblem.generate(new ProblemSpec(500, 7, Family.POISSON, Scenario.TOEPLITZ, 43));
        assertTrue(a.columnMajor()[0] != c.columnMajor()[0]);
    }

    @Test
    void toeplitzColumnsHaveLagCorrelationRhoToTheLag() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(200_000, 4, Family.GAUSSIAN,
                Scenario.TOEPLITZ, 1));
        // population values 0.9 and 0.81; the standard error of a sample correlation at n = 2e5 is < 0.001
        assertEquals(0.9, correlation(prob.column(0), prob.column(1)), 0.005);
        assertEquals(0.81, correlation(prob.column(1), prob.column(3)), 0.005);
        assertEquals(1.0, prob.columnSds()[3], 0.01);
    }

    @Test
    void rareEventsGiveAboutTwoPercentOnes() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(100_000, 10, Family.BINOMIAL,
                Scenario.RARE, 3));
        double f = prob.nonZeroFraction();
        assertTrue(f > 0.015 && f < 0.04, "share of ones " + f);
    }

    @Test
    void scalesSpanSixDecadesWithTheSameLinearPredictor() {
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(50_000, 5, Family.GAUSSIAN,
                Scenario.SCALES, 5));
        double[] sd = prob.columnSds();
        assertEquals(1e-3, sd[0], 2e-5);
        assertEquals(1e3, sd[4], 20);
        SyntheticProblem iid = SyntheticProblem.generate(new ProblemSpec(50_000, 5, Family.GAUSSIAN, Scenario.IID, 5));
        assertEquals(iid.trueSlopes()[0], prob.trueSlopes()[0] * 1e-3, 1e-15);
    }

    @Test
    void poissonDrawsHaveTheirMean() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        for (double mean : new double[] {0.3, 4.0, 350.0}) {
            double s = 0;
            int k = 20_000;
            for (int i = 0; i < k; i++) {
                s += SyntheticProblem.poisson(rng, mean);
            }
            // 5 standard errors of the sample mean
            assertEquals(mean, s / k, 5 * Math.sqrt(mean / k));
        }
    }

    @Test
    void wideHasPCloseToN() {
        ProblemSpec spec = ProblemSpec.parse("10,100,binomial,1,wide");
        assertEquals(120, spec.rows());
        assertEquals("binomial-wide-120x100-s1", spec.id());
        assertThrows(IllegalArgumentException.class, () -> ProblemSpec.parse("10,100,weibull,1"));
        assertThrows(IllegalArgumentException.class, () -> ProblemSpec.parse("1000000,1000,gaussian,1"));
    }

    @Test
    void answersRoundTrip(@TempDir Path dir) {
        Answer a = new Answer("smile", "OLS", "gaussian-iid-10x2-s1", "OLS", new double[] {0.1, -2.5e-17, 3}, 0);
        a.write(dir);
        List<Answer> back = Answer.readAll(dir);
        assertEquals(1, back.size());
        assertArrayEquals(a.coefficients(), back.get(0).coefficients());
        assertEquals(0.0, a.maxDifference(back.get(0)));
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void exportedFilesReadBackToTheSameDoubles(@TempDir Path dir) throws Exception {
        SyntheticProblem prob = SyntheticProblem.generate(ProblemSpec.parse("300,4,binomial,2,scales"));
        Export.write(prob, dir, true);
        String id = prob.spec().id();
        java.nio.ByteBuffer bx = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(dir.resolve(id + ".X.f64")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[300 * 4];
        bx.asDoubleBuffer().get(x);
        assertArrayEquals(prob.columnMajor(), x);
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve(id + ".csv"));
        assertEquals("y,x1,x2,x3,x4", lines.get(0));
        String[] row = lines.get(7).split(",");
        assertEquals(prob.response()[6], Double.parseDouble(row[0]));
        assertEquals(prob.columnMajor()[3 * 300 + 6], Double.parseDouble(row[4]));
    }
}
