package dev.argmax.models.multinomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.LambdaChoice;
import dev.argmax.optim.path.RegularizationPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation of the multinomial lasso path (iris, 5 folds from a seed, 20 lambdas). At a
 * lambda of 10 lambda_max (above the lambda_max of every training fold, which the lambdas of the
 * full data need not be) every slope is 0 and the training intercepts are the closed-form
 * intercept-only MLE,
 * class shares {@code N_k / N} of the training rows, so the held-out deviance there is
 * {@code -2 mean log(share of the observed class)}: checked to 1e-9 relative (the path's null fit
 * stops at a KKT violation of 1e-10, which moves the log-probabilities by about that much).
 * Misclassification rates are shares of held-out rows; lambda_min minimizes the curve and
 * lambda_1se is the largest lambda within one standard error of it; a fold whose complement
 * lacks a class is refused.
 */
class MultinomialCrossValidationTest {

    private static final RegularizationPath.Settings PATH = RegularizationPath.Settings.defaults().withCount(20);

    @Test
    void devianceAtLambdaMaxIsTheHeldOutClosedFormNullDeviance() {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_ungrouped.json");
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> labels = MultinomialReferenceTest.labels(ref, d);
        int[] folds = CrossValidation.folds(d.rows(), 5, 11);
        double lmax = ref.get("lambda_max").asDouble();
        RegularizationPath.Settings lambdas = PATH.withLambdas(10 * lmax, 0.5 * lmax, 0.1 * lmax, 0.03 * lmax,
                0.01 * lmax);
        for (boolean grouped : new boolean[] {false, true}) {
            PenalizedMultinomial model = PenalizedMultinomial.builder().grouped(grouped).build();
            MultinomialCrossValidation.Result cv = MultinomialCrossValidation.run(model, d, labels, CvMeasure.DEVIANCE,
                    folds, 2, lambdas);
            ClassLevels lv = ClassLevels.fromLabels(labels);
            int[] y = lv.encode(labels);
            double total = 0;
            double[] perFold = new double[5];
            int[] sizes = new int[5];
            for (int f = 0; f < 5; f++) {
                double[] counts = new double[3];
                double trainSize = 0;
                for (int i = 0; i < y.length; i++) {
                    if (folds[i] != f) {
                        counts[y[i]]++;
                        trainSize++;
                    }
                }
                for (int i = 0; i < y.length; i++) {
                    if (folds[i] == f) {
                        perFold[f] -= 2 * Math.log(counts[y[i]] / trainSize);
                        sizes[f]++;
                    }
                }
                total += perFold[f];
            }
            MultinomialReferenceTest.assertRel(total / y.length, cv.mean()[0], 1e-9, "held-out null deviance");
            for (int l = 0; l < cv.lambdas().length; l++) {
                assertTrue(cv.mean()[l] >= cv.mean()[cv.indexMin()]);
            }
            assertTrue(cv.lambda1se() >= cv.lambdaMin());
            assertTrue(cv.mean()[cv.index1se()] <= cv.mean()[cv.indexMin()] + cv.standardError()[cv.indexMin()]);
            assertEquals(cv.lambdaMin(), cv.lambda(LambdaChoice.LAMBDA_MIN), 0.0);
            assertEquals(3, cv.coefficients(LambdaChoice.LAMBDA_1SE).intercepts().length);
        }
    }

    @Test
    void misclassificationIsAShareOfHeldOutRows() {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_grouped.json");
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> labels = MultinomialReferenceTest.labels(ref, d);
        int[] folds = CrossValidation.folds(d.rows(), 5, 3);
        MultinomialCrossValidation.Result cv = MultinomialCrossValidation.run(PenalizedMultinomial.builder().build(), d,
                labels, CvMeasure.MISCLASSIFICATION, folds, 2, PATH);
        for (double v : cv.mean()) {
            assertTrue(v >= 0 && v <= 1);
            assertEquals(Math.rint(v * 150), v * 150, 1e-9, "a share of 150 held-out rows (5 folds of 30)");
        }
        // at lambda_max every row is predicted as the majority class of its training folds: 2/3 are wrong or more
        assertTrue(cv.mean()[0] >= 0.6);
        assertTrue(cv.mean()[cv.indexMin()] < 0.1);
    }

    @Test
    void aFoldWhoseComplementLacksAClassIsRefused() {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_grouped.json");
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> labels = MultinomialReferenceTest.labels(ref, d);
        int[] folds = new int[d.rows()];
        for (int i = 0; i < folds.length; i++) {
            folds[i] = labels.get(i).equals("setosa") ? 0 : 1;
        }
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> MultinomialCrossValidation.run(
                PenalizedMultinomial.builder().build(), d, labels, CvMeasure.DEVIANCE, folds, 1, PATH));
        assertTrue(e.getMessage().contains("setosa"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultinomialCrossValidation.run(
                PenalizedMultinomial.builder().build(), d, labels, CvMeasure.AUC, CrossValidation.folds(150, 5, 1), 1,
                PATH));
    }
}
