package dev.argmax.models.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-validation for families beyond the canonical three (Gamma with the log link, binomial
 * with the probit link, on the data of the {@code glmnet_families} fixtures, whose lasso fits are
 * checked against glmnet in {@link GlmnetFamiliesFixtureTest}): the CV curve's mean deviance at
 * every lambda equals the fold-weighted mean of the held-out deviances written out here from
 * their definitions (Gamma {@code 2 sum w [(y - mu)/mu - log(y/mu)]}, probit
 * {@code -2 sum w [y log Phi(eta) + (1 - y) log(1 - Phi(eta))]}, per unit weight), each fold
 * refitted at the full path's lambdas; lambda_min is the curve's argmin. Both sides come from
 * the same fold fits, so they agree to rounding (1e-12 relative).
 */
class CrossValidationFamiliesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lasso_gamma_log_cars93", "lasso_probit_birthwt"})
    void devianceCurveIsTheHeldOutDevianceOfEachFold(String name) {
        JsonNode ref = Fixtures.json("glmnet_families/" + name + ".json");
        CsvTable csv = Fixtures.csv(ref.get("data_file").asText().replace("../", ""));
        List<String> design = new ArrayList<>();
        ref.get("design_columns").forEach(c -> design.add(c.asText()));
        double[][] columns = design.stream().map(csv::column).toArray(double[][]::new);
        Dataset data = Dataset.builder().columns(columns).y(csv.column(ref.get("response").asText()))
                .predictorNames(design).build();
        Family family = Family.of(ref.get("family").asText(), ref.get("link").asText());
        PenalizedRegression.Builder model = PenalizedRegression.builder().family(family).lasso().standardize(false)
                .path(12, 0.05).tolerance(1e-12);
        int[] folds = CrossValidation.folds(data.rows(), 4, 7);
        CrossValidation.Result cv = CrossValidation.run(model, data, CvMeasure.DEVIANCE, folds, 2);

        double[] lambdas = cv.lambdas();
        double[] sum = new double[lambdas.length];
        double total = 0;
        for (int f = 0; f < 4; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < folds.length; i++) {
                (folds[i] == f ? test : train).add(i);
            }
            Dataset trainData = data.subset(train.stream().mapToInt(Integer::intValue).toArray());
            Dataset testData = data.subset(test.stream().mapToInt(Integer::intValue).toArray());
            PenalizedFit fit = model.copy().lambda(lambdas).fit(trainData);
            double[] y = testData.response();
            for (int l = 0; l < lambdas.length; l++) {
                double[] eta = fit.predictSolution(testData, l, false);
                double deviance = 0;
                for (int i = 0; i < y.length; i++) {
                    deviance += unitDeviance(name, y[i], eta[i]);
                }
                // the fold's mean deviance weighted by its size: the sum of its unit deviances
                sum[l] += deviance;
            }
            total += y.length;
        }
        int best = 0;
        for (int l = 0; l < lambdas.length; l++) {
            double expected = sum[l] / total;
            assertEquals(expected, cv.mean()[l], 1e-12 * expected, "mean deviance at lambda " + lambdas[l]);
            if (cv.mean()[l] < cv.mean()[best]) {
                best = l;
            }
        }
        assertEquals(lambdas[best], cv.lambdaMin(), 0.0);
    }

    private static double unitDeviance(String name, double y, double eta) {
        if (name.contains("gamma")) {
            double mu = Math.exp(eta);
            return 2 * ((y - mu) / mu - Math.log(y / mu));
        }
        double p = new NormalDistribution().cumulativeProbability(eta);
        return -2 * (y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }
}
