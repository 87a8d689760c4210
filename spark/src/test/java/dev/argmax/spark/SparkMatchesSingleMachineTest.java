package dev.argmax.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.optim.newton.ProximalNewton;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * argmax on Spark (local[2], 3 partitions) against the single-machine {@link Glm} on the same
 * data, with prior weights and, for Poisson, a log-exposure offset: coefficients, standard errors,
 * deviance, null deviance, Pearson chi-square, log-likelihood and AIC to 1e-10 relative (the
 * single-machine fit is itself checked against R's glm in the models module).
 */
class SparkMatchesSingleMachineTest {

    private static final int N = 3000;

    /** The same simulated rows as a local Dataset and as a Spark DataFrame. */
    private record Simulated(Dataset local, org.apache.spark.sql.Dataset<Row> distributed, double[][] x) {
    }

    private static Simulated simulate(String familyName, boolean withOffset) {
        Random rnd = new Random(familyName.hashCode());
        double[][] x = new double[N][3];
        double[] y = new double[N];
        double[] w = new double[N];
        double[] offset = new double[N];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            x[i][0] = rnd.nextGaussian();
            x[i][1] = rnd.nextGaussian() * 2 + x[i][0];
            x[i][2] = rnd.nextInt(2);
            double eta = 0.3 + 0.5 * x[i][0] - 0.2 * x[i][1] + 0.4 * x[i][2];
            w[i] = 0.5 + rnd.nextInt(3);
            offset[i] = familyName.equals("poisson") ? Math.log(1 + rnd.nextInt(5)) : 0.0;
            y[i] = switch (familyName) {
                case "gaussian" -> eta + rnd.nextGaussian();
                case "binomial" -> rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                default -> poisson(rnd, Math.exp(eta + offset[i]));
            };
            rows.add(RowFactory.create(y[i], x[i][0], x[i][1], x[i][2], w[i], offset[i]));
        }
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType).add("w", DataTypes.DoubleType)
                .add("exposure", DataTypes.DoubleType);
        Dataset.Builder local = Dataset.builder().x(x).y(y).weights(w).predictorNames(List.of("a", "b", "c"))
                .responseName("y");
        if (withOffset) {
            local.offset(offset);
        }
        return new Simulated(local.build(), LocalSpark.session().createDataFrame(rows, schema).repartition(3), x);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial", "poisson"})
    void sameFitAsOneMachine(String familyName) {
        boolean withOffset = familyName.equals("poisson");
        Simulated data = simulate(familyName, withOffset);
        FittedGlm one = Glm.builder(Family.of(familyName)).epsilon(1e-12).build().fit(data.local());

        SparkGlm.Builder spark = SparkGlm.builder().family(familyName).label("y").features("a", "b", "c").weight("w")
                .epsilon(1e-12).maxIterations(50);
        if (withOffset) {
            spark.offset("exposure");
        }
        SparkGlmFit distributed = spark.build().fit(data.distributed());

        assertTrue(distributed.converged());
        assertEquals(one.coefficientNames(), distributed.coefficientNames());
        assertClose(one.coefficients(), distributed.coefficients(), "coefficients");
        assertClose(one.standardErrors(), distributed.standardErrors(), "standard errors");
        assertClose(one.pValues(), distributed.pValues(), "p-values");
        double[] expected = {one.deviance(), one.nullDeviance(), one.pearsonChiSquare(), one.logLikelihood(), one.aic(),
            one.bic(), one.dispersion()};
        double[] actual = {distributed.deviance(), distributed.nullDeviance(), distributed.pearsonChiSquare(),
            distributed.logLikelihood(), distributed.aic(), distributed.bic(), distributed.dispersion()};
        assertClose(expected, actual, "deviance, null deviance, Pearson, loglik, AIC, BIC, dispersion");
        assertEquals(one.dfResidual(), distributed.dfResidual());
    }

    /**
     * Ridge (MAP under a Gaussian prior) on Spark against the single-machine {@code PenalizedRegression}
     * (itself checked against the glmnet / closed-form ridge fixtures): coefficients and the
     * Laplace-approximation standard errors to 1e-9 relative.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial", "poisson"})
    void sameRidgeFitAsOneMachine(String familyName) {
        Simulated data = simulate(familyName, false);
        double lambda = 0.05;
        PenalizedFit one = PenalizedRegression.builder().family(Family.of(familyName))
                .ridge().lambda(lambda).tolerance(1e-12).fit(data.local());
        SparkGlmFit distributed = SparkGlm.builder().family(familyName).label("y").features("a", "b", "c")
                .weight("w").ridge(lambda).epsilon(1e-14).maxIterations(50).build()
                .fit(data.distributed());
        assertClose(one.solution(0).allCoefficients(), distributed.coefficients(), 1e-9, "ridge coefficients");
        assertClose(one.standardErrors(0), distributed.standardErrors(), 1e-9, "ridge standard errors");
    }

    /**
     * A lasso path on Spark against the single-machine path at the same lambdas: coefficients to 1e-7
     * absolute and objectives to 1e-10 relative (the penalty issue's tolerances).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial", "poisson"})
    void sameLassoPathAsOneMachine(String familyName) {
        Simulated data = simulate(familyName, false);
        PenalizedFit one = PenalizedRegression.builder().family(Family.of(familyName))
                .lasso().path(8, 0.01).tolerance(1e-10).fit(data.local());
        SparkPath distributed = SparkGlm.builder().family(familyName).label("y").features("a", "b", "c").weight("w")
                .alpha(1.0).pathSettings(new ProximalNewton.Settings(1e-11, 100, 1_000_000)).build()
                .path(data.distributed(), one.lambdas());
        assertEquals(one.lambdaMax(), distributed.lambdaMax(), 1e-12 * one.lambdaMax(), "lambda_max");
        for (int k = 0; k < one.lambdas().length; k++) {
            double[] expected = one.solution(k).allCoefficients();
            double[] actual = distributed.points().get(k).coefficients();
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], actual[j], 1e-7, "coefficient " + j + " at lambda " + one.lambdas()[k]);
            }
            assertEquals(one.solution(k).objective(), distributed.points().get(k).objective(),
                    1e-10 * Math.abs(one.solution(k).objective()), "objective at lambda " + one.lambdas()[k]);
        }
    }

    /**
     * Elastic net (alpha = 0.5) with glmnet's standardisation and unequal penalty factors that do
     * not sum to p, on a column far from zero (mean 1e5, standard deviation 1: a one-pass variance
     * loses about 10 of its digits there), against the single-machine {@code PenalizedRegression}
     * at the same lambdas: coefficients to 1e-9 absolute and objectives to 1e-10 relative. Both
     * stop at a KKT violation of 1e-12, which bounds each coefficient's error by 1e-12 over the
     * smallest curvature of the standardised problem (above 1e-2 here).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial", "poisson"})
    void sameStandardizedElasticNetAsOneMachine(String familyName) {
        Simulated data = simulate(familyName, false);
        double[][] x = data.x();
        double[][] shifted = new double[x.length][];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            shifted[i] = new double[] {x[i][0] + 1e5, x[i][1], x[i][2]};
            rows.add(RowFactory.create(data.local().response()[i], shifted[i][0], shifted[i][1], shifted[i][2],
                    data.local().weights()[i]));
        }
        Dataset local = Dataset.builder().x(shifted).y(data.local().response()).weights(data.local().weights())
                .predictorNames(List.of("a", "b", "c")).responseName("y").build();
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        org.apache.spark.sql.Dataset<Row> distributed = LocalSpark.session().createDataFrame(rows, schema)
                .repartition(3);
        double[] factors = {1.0, 2.0, 0.5};
        PenalizedFit one = PenalizedRegression.builder().family(Family.of(familyName))
                .alpha(0.5).standardize(true).penaltyFactors(factors).path(6, 0.01).tolerance(1e-12).fit(local);
        SparkPath spark = SparkGlm.builder().family(familyName).label("y").features("a", "b", "c").weight("w")
                .alpha(0.5).standardize(true).penaltyFactors(factors)
                .pathSettings(new ProximalNewton.Settings(1e-12, 200, 1_000_000)).build()
                .path(distributed, one.lambdas());
        assertEquals(one.lambdaMax(), spark.lambdaMax(), 1e-10 * one.lambdaMax(), "lambda_max");
        for (int k = 0; k < one.lambdas().length; k++) {
            double[] expected = one.solution(k).allCoefficients();
            double[] actual = spark.points().get(k).coefficients();
            assertTrue(spark.points().get(k).converged(), "converged at lambda " + one.lambdas()[k]);
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], actual[j], 1e-9 * Math.max(1, Math.abs(expected[j])),
                        "coefficient " + j + " at lambda " + one.lambdas()[k]);
            }
            assertEquals(one.solution(k).objective(), spark.points().get(k).objective(),
                    1e-10 * Math.abs(one.solution(k).objective()), "objective at lambda " + one.lambdas()[k]);
        }
    }

    /**
     * A design with a duplicated column and a column that is the sum of two others: the
     * single-machine {@link Glm} (like R) reports their coefficients as NaN (NA) with a warning, and so must Spark, with the other
     * coefficients and standard errors equal to 1e-10 relative (the fits without the aliased
     * column, stopped at epsilon 1e-12).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial"})
    void collinearColumnReportedNaLikeOneMachine(String familyName) {
        Simulated data = simulate(familyName, false);
        double[][] x = data.x();
        double[][] wide = new double[x.length][];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            wide[i] = new double[] {x[i][0], x[i][1], x[i][0], x[i][0] + x[i][1], x[i][2]};
            rows.add(RowFactory.create(data.local().response()[i], wide[i][0], wide[i][1], wide[i][2], wide[i][3],
                    wide[i][4], data.local().weights()[i]));
        }
        Dataset local = Dataset.builder().x(wide).y(data.local().response()).weights(data.local().weights())
                .predictorNames(List.of("a", "b", "copy", "sum", "c")).responseName("y").build();
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("copy", DataTypes.DoubleType).add("sum", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        org.apache.spark.sql.Dataset<Row> distributed = LocalSpark.session().createDataFrame(rows, schema)
                .repartition(3);
        FittedGlm one = Glm.builder(Family.of(familyName)).solver("irls").epsilon(1e-12).build().fit(local);
        SparkGlmFit spark = SparkGlm.builder().family(familyName).label("y").features("a", "b", "copy", "sum", "c")
                .weight("w").epsilon(1e-12).maxIterations(50).build().fit(distributed);

        assertArrayEquals(new int[] {3, 4}, one.aliased(), "single machine aliases the copy and the sum");
        assertArrayEquals(one.aliased(), spark.aliased());
        for (int a : spark.aliased()) {
            assertTrue(Double.isNaN(spark.coefficients()[a]), "the aliased coefficient is NaN (R's NA)");
            assertTrue(Double.isNaN(spark.standardErrors()[a]));
        }
        assertTrue(spark.warnings().stream().anyMatch(w -> w.contains("not defined because of singularities")),
                spark.warnings().toString());
        assertTrue(spark.converged());
        for (int j : new int[] {0, 1, 2, 5}) {
            assertEquals(one.coefficients()[j], spark.coefficients()[j], 1e-10 * Math.abs(one.coefficients()[j]),
                    "coefficient " + j);
            assertEquals(one.standardErrors()[j], spark.standardErrors()[j], 1e-10 * one.standardErrors()[j],
                    "standard error " + j);
        }
        assertEquals(one.dfResidual(), spark.dfResidual());
        assertEquals(one.aic(), spark.aic(), 1e-10 * Math.abs(one.aic()));
    }

    /**
     * Families with non-canonical links (Gamma with the log link, binomial with the probit link,
     * negative binomial at theta = 2.5 with the log link) at default settings, where Fisher scoring
     * alone stops short of the MLE: both fits finish with Newton steps on the observed information
     * ({@code ObservedNewton}), to a score at rounding level, so they agree to rounding times the
     * conditioning of the information; the 1e-9 relative is asserted on coefficients,
     * standard errors, deviance, null deviance, Pearson chi-square and dispersion, and for the
     * families with a fixed dispersion on the log-likelihood and AIC. Spark does not compute the
     * Gamma log-likelihood (its dispersion at the likelihood is not a sum over partitions): NaN.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gamma-log", "probit", "negbin-2.5"})
    void sameFitAsOneMachineForNonCanonicalLinks(String which) {
        Family family = switch (which) {
            case "gamma-log" -> Family.gamma().withLink("log");
            case "probit" -> Family.binomial().withLink("probit");
            default -> Family.negativeBinomial(2.5);
        };
        Random rnd = new Random(which.hashCode());
        org.apache.commons.math3.random.Well19937c gammaSource = new org.apache.commons.math3.random.Well19937c(
                which.hashCode());
        double[][] x = new double[N][3];
        double[] y = new double[N];
        double[] w = new double[N];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            x[i][0] = rnd.nextGaussian();
            x[i][1] = rnd.nextGaussian() * 2 + x[i][0];
            x[i][2] = rnd.nextInt(2);
            double eta = 0.3 + 0.5 * x[i][0] - 0.2 * x[i][1] + 0.4 * x[i][2];
            w[i] = 0.5 + rnd.nextInt(3);
            y[i] = switch (which) {
                case "gamma-log" -> new org.apache.commons.math3.distribution.GammaDistribution(gammaSource, 2.0,
                        Math.exp(eta) / 2.0).sample();
                case "probit" -> rnd.nextDouble() < new org.apache.commons.math3.distribution.NormalDistribution()
                        .cumulativeProbability(eta) ? 1 : 0;
                default -> poisson(rnd, new org.apache.commons.math3.distribution.GammaDistribution(gammaSource, 2.5,
                        Math.exp(eta) / 2.5).sample());
            };
            rows.add(RowFactory.create(y[i], x[i][0], x[i][1], x[i][2], w[i]));
        }
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        Dataset local = Dataset.builder().x(x).y(y).weights(w).predictorNames(List.of("a", "b", "c"))
                .responseName("y").build();
        FittedGlm one = Glm.builder(family).build().fit(local);
        SparkGlmFit distributed = SparkGlm.builder().family(family).label("y").features("a", "b", "c").weight("w")
                .build().fit(LocalSpark.session().createDataFrame(rows, schema).repartition(3));

        assertTrue(distributed.converged());
        // Fisher scoring alone stops with a score of about 1e-9 here; the finish takes it to rounding level
        assertTrue(distributed.solverResult().optimality() < 1e-12, distributed.solverResult().message());
        assertClose(one.coefficients(), distributed.coefficients(), 1e-9, "coefficients");
        assertClose(one.standardErrors(), distributed.standardErrors(), 1e-9, "standard errors");
        double[] expected = {one.deviance(), one.nullDeviance(), one.pearsonChiSquare(), one.dispersion()};
        double[] actual = {distributed.deviance(), distributed.nullDeviance(), distributed.pearsonChiSquare(),
            distributed.dispersion()};
        assertClose(expected, actual, 1e-9, "deviance, null deviance, Pearson, dispersion");
        if (family.estimatesDispersion()) {
            assertTrue(Double.isNaN(distributed.logLikelihood()));
        } else {
            assertClose(new double[] {one.logLikelihood(), one.aic()},
                    new double[] {distributed.logLikelihood(), distributed.aic()}, 1e-9, "log-likelihood, AIC");
        }
        assertEquals(one.dfResidual(), distributed.dfResidual());
    }

    private static double poisson(Random rnd, double mean) {
        double limit = Math.exp(-mean);
        double product = rnd.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, 1e-10, what);
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }
}
