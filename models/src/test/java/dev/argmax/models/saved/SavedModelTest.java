package dev.argmax.models.saved;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.glm.Prediction;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit, save, load, predict on the training data: the loaded model reproduces the fit's linear
 * predictor, fitted values and their standard errors to 1e-12 relative (the file holds the
 * coefficients and covariance in shortest round-trip form, so only the order of floating-point
 * sums may differ), for a GLM and a ridge fit from formulas on text data with missing values.
 */
class SavedModelTest {

    static final String FORMULA = "Days ~ Eth + Sex + Age + Lrn + Eth:Sex";

    static CsvTable quine() {
        return Fixtures.csv("data/quine_factors.csv");
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void glmRoundTrip(@TempDir Path dir) {
        CsvTable t = quine();
        FittedGlm fit = Glm.builder(Family.poisson()).formula(FORMULA).epsilon(1e-14).build().fit(t);
        Path file = dir.resolve("model.json");
        fit.save(file);
        SavedModel loaded = SavedModel.load(file);
        assertEquals(SavedModel.of(fit).toJson(), loaded.toJson());
        FrameData train = fit.frame().orElseThrow().training(t);
        Prediction ref = fit.predict(train.dataset());
        Predictions link = loaded.predict(t, SavedModel.Type.LINK, true, Double.NaN);
        Predictions resp = loaded.predict(t, SavedModel.Type.RESPONSE, true, 0.95);
        int[] rows = train.rows();
        double[] eta = fit.linearPredictor();
        double[] mu = fit.fittedValues();
        for (int i = 0; i < rows.length; i++) {
            close(eta[i], link.fit()[rows[i]], "eta " + i);
            close(mu[i], resp.fit()[rows[i]], "mu " + i);
            close(ref.linkStandardErrors()[i], link.standardErrors()[rows[i]], "se(eta) " + i);
            close(ref.responseStandardErrors()[i], resp.standardErrors()[rows[i]], "se(mu) " + i);
            assertTrue(resp.lower()[rows[i]] < mu[i] && mu[i] < resp.upper()[rows[i]]);
        }
        // data rows 5, 17, 88, 101 miss a predictor: NaN; row 40 misses only the response and is predicted
        assertEquals(4, link.missingRows());
        for (int r : new int[] {4, 16, 87, 100}) {
            assertTrue(Double.isNaN(link.fit()[r]));
        }
        assertTrue(Double.isFinite(link.fit()[39]));
    }

    @Test
    void ridgeRoundTrip(@TempDir Path dir) {
        CsvTable t = quine();
        PenalizedFit fit = PenalizedRegression.builder().family(Family.of("poisson")).ridge().lambda(0.05)
                .standardize(true).formula(FORMULA).relativeTolerance(1e-12).build().fit(t);
        Path file = dir.resolve("ridge.json");
        SavedModel.of(fit, 0, "value").save(file);
        SavedModel loaded = SavedModel.load(file);
        assertEquals(0.05, loaded.lambda());
        Dataset ds = fit.data();
        double[] eta = fit.predictSolution(ds, 0, false);
        double[] mu = fit.predictSolution(ds, 0, true);
        Matrix cov = fit.covariance(0);
        Predictions link = loaded.predict(t, SavedModel.Type.LINK, true, Double.NaN);
        Predictions resp = loaded.predict(t, SavedModel.Type.RESPONSE, false, Double.NaN);
        int[] rows = fit.frame().orElseThrow().training(t).rows();
        int k = cov.rows();
        for (int i = 0; i < rows.length; i++) {
            double[] x = new double[k];
            x[0] = 1;
            for (int j = 0; j < ds.columns(); j++) {
                x[j + 1] = ds.column(j)[i];
            }
            double v = 0;
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                    v += x[a] * cov.get(a, c) * x[c];
                }
            }
            close(eta[i], link.fit()[rows[i]], "eta " + i);
            close(mu[i], resp.fit()[rows[i]], "mu " + i);
            close(Math.sqrt(v), link.standardErrors()[rows[i]], "se " + i);
        }
    }

    /**
     * A cross-validation-chosen ridge fit (5 folds from a fixed seed) on the text data with
     * missing values: the saved file records the choice and lambda, and the loaded model
     * reproduces the full-data fit's linear predictor, means and standard errors at that lambda
     * to 1e-12 (the same round-trip argument as above).
     */
    @Test
    void crossValidatedRidgeRoundTrip(@TempDir Path dir) {
        CsvTable t = quine();
        PenalizedRegression.Builder model = PenalizedRegression.builder().family(Family.of("poisson")).ridge()
                .path(20, 1e-3).standardize(true).formula(FORMULA).relativeTolerance(1e-12);
        CrossValidation.Result cv = CrossValidation.run(model.build(), t, CvMeasure.DEVIANCE, null, 5, 7, 2);
        PenalizedFit fit = cv.fullFit();
        assertEquals(5, fit.dropped());
        for (LambdaChoice choice : LambdaChoice.values()) {
            int k = choice == LambdaChoice.LAMBDA_MIN ? cv.indexMin() : cv.index1se();
            Path file = dir.resolve(choice + ".json");
            SavedModel.of(cv, choice).save(file);
            SavedModel loaded = SavedModel.load(file);
            assertEquals(choice.toString(), loaded.lambdaChoice());
            assertEquals(cv.lambda(choice), loaded.lambda());
            Dataset ds = fit.data();
            double[] eta = fit.predictSolution(ds, k, false);
            double[] mu = fit.predictSolution(ds, k, true);
            Matrix cov = fit.covariance(k);
            Predictions link = loaded.predict(t, SavedModel.Type.LINK, true, Double.NaN);
            Predictions resp = loaded.predict(t, SavedModel.Type.RESPONSE, true, Double.NaN);
            int[] rows = fit.frame().orElseThrow().training(t).rows();
            int p = cov.rows();
            for (int i = 0; i < rows.length; i++) {
                double[] x = new double[p];
                x[0] = 1;
                for (int j = 0; j < ds.columns(); j++) {
                    x[j + 1] = ds.column(j)[i];
                }
                double v = 0;
                for (int a = 0; a < p; a++) {
                    for (int c = 0; c < p; c++) {
                        v += x[a] * cov.get(a, c) * x[c];
                    }
                }
                close(eta[i], link.fit()[rows[i]], choice + " eta " + i);
                close(mu[i], resp.fit()[rows[i]], choice + " mu " + i);
                close(Math.sqrt(v), link.standardErrors()[rows[i]], choice + " se(eta) " + i);
                close(mu[i] * Math.sqrt(v), resp.standardErrors()[rows[i]], choice + " se(mu) " + i);
            }
        }
    }

    @Test
    void lassoHasNoStandardErrorsAndUnknownVersionsAndLevelsAreNamed(@TempDir Path dir) throws IOException {
        CsvTable t = quine();
        PenalizedFit lasso = PenalizedRegression.builder().family(Family.of("poisson")).lasso().lambda(0.01)
                .formula(FORMULA).build().fit(t);
        SavedModel m = SavedModel.of(lasso, 0, "lambda_min");
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> m.predict(t, SavedModel.Type.LINK, true, Double.NaN)).getMessage().contains("L1"));
        Path file = dir.resolve("m.json");
        Files.writeString(file, m.toJson().replace("\"format_version\" : 1", "\"format_version\" : 99"));
        String msg = assertThrows(InvalidDataException.class, () -> SavedModel.load(file)).getMessage();
        assertTrue(msg.contains("format version 99") && msg.contains("reads format version 1 only"), msg);
        CsvTable unseen = CsvTable.parse("Eth,Sex,Age,Lrn,Days\nA,M,F0,SL,2\nA,X,F1,SL,3\n");
        assertEquals("CSV text: level 'X' of Sex at line 3 was not in the data the model was fitted to (its levels "
                + "are [F, M])", assertThrows(InvalidDataException.class,
                        () -> m.predict(unseen, SavedModel.Type.LINK, false, Double.NaN)).getMessage());
    }
}
