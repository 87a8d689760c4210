package dev.argmax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.optim.newton.FisherScoring;
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "binomial", "poisson"})
    void sameFitAsOneMachine(String familyName) {
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
        boolean withOffset = familyName.equals("poisson");

        Dataset.Builder local = Dataset.builder().x(x).y(y).weights(w).predictorNames(List.of("a", "b", "c"))
                .responseName("y");
        if (withOffset) {
            local.offset(offset);
        }
        FittedGlm one = Glm.builder(Family.of(familyName)).epsilon(1e-12).build().fit(local.build());

        SparkGlm.Builder spark = SparkGlm.builder().family(familyName).label("y").features("a", "b", "c").weight("w")
                .settings(new FisherScoring.Settings(1e-12, 50, 30));
        if (withOffset) {
            spark.offset("exposure");
        }
        SparkGlmFit distributed = spark.build().fit(LocalSpark.session().createDataFrame(rows, schema).repartition(3));

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
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-10 * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }
}
