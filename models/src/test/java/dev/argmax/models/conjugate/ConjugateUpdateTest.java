package dev.argmax.models.conjugate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.distribution.Bernoulli;
import dev.argmax.models.distribution.Exponential;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Multinomial;
import dev.argmax.models.distribution.Poisson;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the conjugate updates: a batch update equals one observation at a time; the MAP
 * under a flat prior is the MLE; Laplace's rule and add-k smoothing are posterior means; credible
 * intervals are equal-tailed (checked with the commons-math3 CDFs); predictive distributions sum
 * to one and have the stated moments; modes on the boundary or not existing are reported as such.
 */
class ConjugateUpdateTest {

    private static final double REL = 1e-12;

    private static void close(double want, double got, String what) {
        assertTrue(Math.abs(want - got) <= REL * Math.abs(want), what + ": " + want + " vs " + got);
    }

    private final Random random = new Random(42);

    private double[] gaussianSample(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 + 1.5 * random.nextGaussian();
        }
        return x;
    }

    @Test
    void betaBatchEqualsSequential() {
        double[] x = {1, 0, 0, 1, 1, 1, 0, 1};
        Beta batch = new Beta(2, 3).updateBernoulli(x);
        Beta seq = new Beta(2, 3);
        for (double v : x) {
            seq = seq.observe(v == 1);
        }
        assertEquals(batch, seq);
        assertEquals(new Beta(2 + 9, 3 + 3), new Beta(2, 3).updateBinomial(new double[] {4, 5}, 6));
        assertEquals(new Beta(2 + 3, 3 + 7), new Beta(2, 3).updateGeometric(new double[] {0, 4, 3}));
    }

    @Test
    void dirichletBatchEqualsSequential() {
        double[] counts = {3, 0, 5, 2};
        Dirichlet seq = Dirichlet.symmetric(4, 0.5);
        for (int k = 0; k < counts.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                seq = seq.observe(k);
            }
        }
        assertEquals(Dirichlet.symmetric(4, 0.5).update(counts), seq);
    }

    @Test
    void gammaBatchEqualsSequential() {
        double[] counts = {2, 0, 4, 1, 7};
        Gamma seq = new Gamma(2, 1);
        for (double c : counts) {
            seq = seq.observePoisson(c);
        }
        assertEquals(new Gamma(2, 1).updatePoisson(counts), seq);
        double[] times = {0.3, 1.7, 0.25, 4.1};
        Gamma seqE = new Gamma(3, 2);
        for (double t : times) {
            seqE = seqE.observeExponential(t);
        }
        Gamma batchE = new Gamma(3, 2).updateExponential(times);
        close(batchE.shape(), seqE.shape(), "shape");
        close(batchE.rate(), seqE.rate(), "rate");
    }

    @Test
    void normalFamiliesBatchEqualsSequential() {
        double[] x = gaussianSample(50);
        Normal seq = new Normal(0, 4);
        InverseGamma seqIg = new InverseGamma(3, 2);
        NormalInverseGamma seqNig = new NormalInverseGamma(3, 1, 2, 1);
        for (double v : x) {
            seq = seq.observeMean(v, 2);
            seqIg = seqIg.observeVariance(v, 2.5);
            seqNig = seqNig.observe(v);
        }
        Normal batch = new Normal(0, 4).updateMean(x, 2);
        close(batch.mean(), seq.mean(), "normal mean");
        close(batch.variance(), seq.variance(), "normal variance");
        InverseGamma batchIg = new InverseGamma(3, 2).updateVariance(x, 2.5);
        close(batchIg.shape(), seqIg.shape(), "IG shape");
        close(batchIg.scale(), seqIg.scale(), "IG scale");
        NormalInverseGamma batchNig = new NormalInverseGamma(3, 1, 2, 1).update(x);
        close(batchNig.mu(), seqNig.mu(), "NIG mu");
        close(batchNig.kappa(), seqNig.kappa(), "NIG kappa");
        close(batchNig.alpha(), seqNig.alpha(), "NIG alpha");
        close(batchNig.beta(), seqNig.beta(), "NIG beta");
        // splitting the batch in two is the same as well
        double[] first = java.util.Arrays.copyOf(x, 20);
        double[] second = java.util.Arrays.copyOfRange(x, 20, 50);
        NormalInverseGamma split = new NormalInverseGamma(3, 1, 2, 1).update(first).update(second);
        close(batchNig.beta(), split.beta(), "NIG beta in two batches");
    }

    @Test
    void mapUnderAFlatPriorIsTheMle() {
        double[] x = {1, 0, 1, 1, 0, 1, 1};
        assertEquals(new Bernoulli().fit(x).estimate("p"), Beta.uniform().updateBernoulli(x).mode().value(), 1e-15);
        double[] counts = {12, 30, 8, 50};
        assertArrayEquals(Multinomial.withCategories(4).fit(counts).estimate(),
                Dirichlet.uniform(4).update(counts).mode().location(), 1e-15);
        double[] poisson = {2, 3, 0, 1, 4, 2, 5, 1, 3, 2};
        assertEquals(new Poisson().fit(poisson).estimate("lambda"), Gamma.flat().updatePoisson(poisson).mode().value(),
                1e-15);
        double[] times = {0.5, 1.2, 0.3, 2.4, 0.9, 1.7};
        assertEquals(new Exponential().fit(times).estimate("rate"),
                Gamma.flat().updateExponential(times).mode().value(), 1e-15);
        // where it does not hold: all successes under Beta(1, 1) -> MAP on the boundary, equal to the MLE 1
        Mode boundary = Beta.uniform().updateBernoulli(new double[] {1, 1, 1}).mode();
        assertEquals(Mode.Kind.BOUNDARY, boundary.kind());
        assertEquals(1.0, boundary.value());
        assertThrows(IllegalStateException.class, () -> Gamma.flat().mean(), "improper prior has no mean");
    }

    @Test
    void ruleOfSuccessionAndAddKSmoothingArePosteriorMeans() {
        assertEquals(8.0 / 12.0, Beta.ruleOfSuccession(7, 10), 1e-16);
        assertEquals(1.0 / 7.0, Beta.ruleOfSuccession(0, 5), 1e-16);
        double[] counts = {12, 30, 8, 50};
        double[] laplace = Dirichlet.addKSmoothing(counts, 1);
        double[] half = Dirichlet.addKSmoothing(counts, 0.5);
        for (int k = 0; k < counts.length; k++) {
            assertEquals((counts[k] + 1) / 104.0, laplace[k], 1e-16);
            assertEquals((counts[k] + 0.5) / 102.0, half[k], 1e-16);
        }
        assertEquals(5.0, new Beta(2, 3).effectiveSampleSize());
        assertEquals(new Beta(2, 3), Beta.uniform().update(1, 2), "Beta(a, b) = uniform prior after a-1, b-1");
        assertEquals(6.0, new NormalInverseGamma(0, 1, 3, 1).alpha() * 2, "2 alpha pseudo-observations");
        assertEquals(0.5, new Normal(0, 4).pseudoObservations(2));
    }

    @Test
    void credibleIntervalsAreEqualTailed() {
        double level = 0.9;
        Beta beta = new Beta(9, 6);
        Interval b = beta.credibleInterval(level);
        assertEquals(0.05, beta.cdf(b.lower()), 1e-12);
        assertEquals(0.95, beta.cdf(b.upper()), 1e-12);
        Gamma gamma = new Gamma(25, 11);
        Interval g = gamma.credibleInterval(level);
        assertEquals(0.05, gamma.cdf(g.lower()), 1e-12);
        assertEquals(0.95, gamma.cdf(g.upper()), 1e-12);
        InverseGamma ig = new InverseGamma(7, 6.65);
        Interval i = ig.credibleInterval(level);
        assertEquals(0.05, ig.cdf(i.lower()), 1e-12);
        assertEquals(0.95, ig.cdf(i.upper()), 1e-12);
        StudentT t = new NormalInverseGamma(3, 1, 2, 1).update(gaussianSample(8)).marginalMean();
        Interval ti = t.interval(level);
        assertEquals(0.05, t.cdf(ti.lower()), 1e-10);
        assertEquals(0.95, t.cdf(ti.upper()), 1e-10);
        Normal normal = new Normal(3.2, 0.23529411764705882);
        Interval n = normal.credibleInterval(0.95);
        assertEquals(3.2 - 1.959963984540054 * Math.sqrt(0.23529411764705882), n.lower(), 1e-14);
        Interval[] d = new Dirichlet(new double[] {13, 31, 9, 51}).credibleIntervals(level);
        Beta marginal = new Beta(31, 73);
        assertEquals(marginal.credibleInterval(level), d[1]);
        assertThrows(InvalidDataException.class, () -> beta.credibleInterval(1.0));
    }

    @Test
    void predictiveDistributionsSumToOneWithTheStatedMoments() {
        BetaBinomial bb = new Beta(9, 6).predictive(10);
        double total = 0;
        double mean = 0;
        double second = 0;
        for (int k = 0; k <= 10; k++) {
            double p = bb.probability(k);
            total += p;
            mean += k * p;
            second += k * k * p;
        }
        assertEquals(1, total, 1e-13);
        assertEquals(bb.mean(), mean, 1e-12);
        assertEquals(bb.variance(), second - mean * mean, 1e-11);
        NegativeBinomial nb = new Gamma(25, 11).poissonPredictive();
        total = 0;
        mean = 0;
        second = 0;
        for (int k = 0; k <= 200; k++) {
            double p = nb.probability(k);
            total += p;
            mean += k * p;
            second += (double) k * k * p;
        }
        assertEquals(1, total, 1e-13);
        assertEquals(nb.mean(), mean, 1e-12);
        assertEquals(nb.variance(), second - mean * mean, 1e-11);
        NormalInverseGamma nig = new NormalInverseGamma(3.3555555555555556, 9, 6, 5.081111111111111);
        StudentT predictive = nig.predictive();
        assertEquals(12, predictive.df());
        // variance of the predictive = E[sigma2] (1 + 1/kappa)
        close(nig.marginalVariance().mean() * (1 + 1.0 / 9), predictive.variance(), "predictive variance");
        Normal known = new Normal(3.2, 0.25).predictive(2);
        assertEquals(2.25, known.variance());
    }

    @Test
    void modesOnTheBoundaryOrNotExistingAreExplicit() {
        assertEquals(Mode.Kind.BOUNDARY, new Beta(1, 3).mode().kind());
        assertEquals(0.0, new Beta(1, 3).mode().value());
        assertEquals(1.0, new Beta(3, 1).mode().value());
        Mode unbounded = new Beta(0.5, 5.5).mode();
        assertEquals(Mode.Kind.UNBOUNDED, unbounded.kind());
        assertFalse(unbounded.exists());
        String message = assertThrows(IllegalStateException.class, unbounded::value).getMessage();
        assertTrue(message.contains("unbounded"), message);
        assertEquals(Mode.Kind.NOT_UNIQUE, Beta.uniform().mode().kind());
        assertEquals(Mode.Kind.BOUNDARY, new Gamma(1, 2).mode().kind());
        assertEquals(Mode.Kind.UNBOUNDED, new Gamma(0.5, 2).mode().kind());
        Mode dirichlet = new Dirichlet(new double[] {1, 3, 2}).mode();
        assertEquals(Mode.Kind.BOUNDARY, dirichlet.kind());
        assertArrayEquals(new double[] {0, 2.0 / 3, 1.0 / 3}, dirichlet.location(), 1e-16);
        assertEquals(Mode.Kind.INTERIOR, new InverseGamma(0.5, 1).mode().kind());
        assertEquals(Double.POSITIVE_INFINITY, new InverseGamma(0.5, 1).mean(), "no finite mean for alpha <= 1");
        assertEquals(Double.POSITIVE_INFINITY, new InverseGamma(1.5, 1).variance());
    }

    @Test
    void invalidHyperparametersAndDataAreRejected() {
        assertThrows(InvalidDataException.class, () -> new Beta(0, 1));
        assertThrows(InvalidDataException.class, () -> new Beta(1, Double.NaN));
        assertThrows(InvalidDataException.class, () -> new Gamma(-1, 1));
        assertThrows(InvalidDataException.class, () -> new Dirichlet(new double[] {1}));
        assertThrows(InvalidDataException.class, () -> new NormalInverseGamma(0, 0, 1, 1));
        String msg = assertThrows(InvalidDataException.class,
                () -> Beta.uniform().updateBernoulli(new double[] {1, 0.5})).getMessage();
        assertTrue(msg.contains("not an integer"), msg);
        String counts = assertThrows(InvalidDataException.class,
                () -> Dirichlet.uniform(3).update(new double[] {1, 2})).getMessage();
        assertTrue(counts.contains("2 counts given for 3 categories"), counts);
        assertThrows(InvalidDataException.class, () -> new Gamma(2, 1).updatePoisson(new double[] {-1}));
        assertThrows(InvalidDataException.class, () -> new Normal(0, 1).updateMean(new double[0], 1));
    }
}
