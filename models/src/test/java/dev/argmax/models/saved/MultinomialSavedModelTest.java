package dev.argmax.models.saved;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.multinomial.FittedMultinomial;
import dev.argmax.models.multinomial.MultinomialCrossValidation;
import dev.argmax.models.multinomial.MultinomialPath;
import dev.argmax.models.multinomial.MultinomialPrediction;
import dev.argmax.models.multinomial.MultinomialRegression;
import dev.argmax.models.multinomial.PenalizedMultinomial;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.optim.path.RegularizationPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit, save, load, predict on the training data for multinomial models from a formula with
 * factors, an interaction and missing cells (quine): the loaded model reproduces the fit's
 * probabilities and (MLE) their delta-method standard errors to 1e-12 relative, for the MLE, a
 * penalized solution at a given lambda and a cross-validation-chosen one. The file holds the
 * coefficients and covariance in shortest round-trip form and the frame rebuilds the same design,
 * so the predictions go through the same arithmetic; the penalized model is predicted from its
 * symmetric coefficients turned into log-odds against the reference ({@code b_k - b_1}), which
 * changes only the rounding of the sums.
 */
class MultinomialSavedModelTest {

    static final String FORMULA = "Age ~ Eth * Sex + log(Days + 1)";
    private static final RegularizationPath.Settings PATH = RegularizationPath.Settings.defaults().withCount(12);

    static CsvTable quine() {
        return Fixtures.csv("data/quine_factors.csv");
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void maximumLikelihoodRoundTrip(@TempDir Path dir) {
        CsvTable t = quine();
        FittedMultinomial fit = MultinomialRegression.builder().formula(FORMULA).build().fit(t);
        Path file = dir.resolve("multinom.json");
        fit.save(file);
        SavedModel loaded = SavedModel.load(file);
        assertEquals(SavedModel.of(fit).toJson(), loaded.toJson());
        assertTrue(loaded.isMultinomial());
        assertEquals(List.of("F0", "F1", "F2", "F3"), loaded.levels());
        FrameData train = fit.frame().orElseThrow().trainingClasses(t).data();
        MultinomialPrediction ref = fit.predict(train.dataset());
        double[][] fitted = fit.fittedProbabilities();
        double[][] se = ref.standardErrors();
        MultinomialPredictions resp = loaded.predictMultinomial(t, SavedModel.Type.RESPONSE, true, null);
        MultinomialPredictions link = loaded.predictMultinomial(t, SavedModel.Type.LINK, false, null);
        MultinomialPredictions cls = loaded.predictMultinomial(t, SavedModel.Type.CLASS, false, null);
        assertEquals(List.of("F0", "F1", "F2", "F3"), resp.columns());
        assertEquals(List.of("F1", "F2", "F3"), link.columns());
        int[] rows = train.rows();
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < 4; c++) {
                close(fitted[i][c], resp.values()[rows[i]][c], "p " + i + "," + c);
                close(se[i][c], resp.standardErrors()[rows[i]][c], "se " + i + "," + c);
            }
            for (int c = 1; c < 4; c++) {
                close(Math.log(fitted[i][c] / fitted[i][0]), link.values()[rows[i]][c - 1], "log-odds " + i);
            }
            assertEquals(ref.classes().get(i), cls.classes().get(rows[i]));
        }
        // data rows 5, 40 and 101 miss a predictor (R: !complete.cases): NaN / no class; row 17 misses only
        // the response and is predicted
        assertEquals(3, resp.missingRows());
        for (int r : new int[] {4, 39, 100}) {
            assertTrue(Double.isNaN(resp.values()[r][0]));
            assertNull(cls.classes().get(r));
        }
        assertTrue(Double.isFinite(resp.values()[16][0]));
        assertTrue(cls.classes().get(16) != null);
    }

    @Test
    void penalizedRoundTripAtAValueAndByCrossValidation(@TempDir Path dir) {
        CsvTable t = quine();
        for (boolean grouped : new boolean[] {false, true}) {
            PenalizedMultinomial model = PenalizedMultinomial.builder().formula(FORMULA).grouped(grouped).build();
            MultinomialPath path = model.path(t, PATH);
            Path file = dir.resolve("value.json");
            path.save(file, 5, "value");
            check(path, 5, SavedModel.load(file), t, "value", grouped);

            MultinomialCrossValidation.Result cv = MultinomialCrossValidation.run(model, t, CvMeasure.DEVIANCE, null, 5,
                    7, 2, PATH);
            for (LambdaChoice choice : LambdaChoice.values()) {
                Path cvFile = dir.resolve("cv.json");
                SavedModel.of(cv, choice).save(cvFile);
                int k = choice == LambdaChoice.LAMBDA_MIN ? cv.indexMin() : cv.index1se();
                check(cv.fullPath(), k, SavedModel.load(cvFile), t, choice.toString(), grouped);
            }
        }
    }

    private static void check(MultinomialPath path, int k, SavedModel loaded, CsvTable t, String choice,
                              boolean grouped) {
        assertEquals(choice, loaded.lambdaChoice());
        assertEquals(path.lambdas()[k], loaded.lambda());
        assertEquals(grouped, loaded.grouped());
        FrameData train = path.frame().orElseThrow().trainingClasses(t).data();
        Dataset ds = train.dataset();
        double[][] expected = path.solution(k).probabilities(ds);
        double[][] eta = path.solution(k).linearPredictors(ds);
        MultinomialPredictions resp = loaded.predictMultinomial(t, SavedModel.Type.RESPONSE, false, null);
        MultinomialPredictions link = loaded.predictMultinomial(t, SavedModel.Type.LINK, false, null);
        int[] rows = train.rows();
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                close(expected[i][c], resp.values()[rows[i]][c], choice + " p " + i + "," + c);
            }
            for (int c = 1; c < expected[i].length; c++) {
                double logOdds = eta[i][c] - eta[i][0];
                assertEquals(logOdds, link.values()[rows[i]][c - 1], 1e-12 * Math.max(1, Math.abs(logOdds)),
                        choice + " log-odds " + i);
            }
        }
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loaded.predictMultinomial(t, SavedModel.Type.RESPONSE, true, null));
        assertTrue(e.getMessage().contains("no standard errors"), e.getMessage());
    }

    @Test
    void unseenLevelsAndUnknownVersionsAreNamed(@TempDir Path dir) throws IOException {
        CsvTable t = quine();
        FittedMultinomial fit = MultinomialRegression.builder().formula(FORMULA).build().fit(t);
        SavedModel model = SavedModel.of(fit);
        CsvTable unseen = CsvTable.parse("Eth,Sex,Days\nA,M,3\nX,F,4\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> model.predictMultinomial(unseen, SavedModel.Type.RESPONSE, false, null));
        assertTrue(e.getMessage().contains("level 'X' of Eth"), e.getMessage());
        Path file = dir.resolve("v9.json");
        Files.writeString(file, model.toJson().replace("\"format_version\" : 1", "\"format_version\" : 9"));
        InvalidDataException v = assertThrows(InvalidDataException.class, () -> SavedModel.load(file));
        assertTrue(v.getMessage().contains("format version 9") && v.getMessage().contains("reads format version 1"),
                v.getMessage());
        UnsupportedOperationException glm = assertThrows(UnsupportedOperationException.class,
                () -> model.predict(t, SavedModel.Type.RESPONSE, false, Double.NaN));
        assertTrue(glm.getMessage().contains("predictMultinomial"), glm.getMessage());
    }
}
