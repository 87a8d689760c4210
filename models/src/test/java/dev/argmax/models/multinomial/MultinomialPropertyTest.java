package dev.argmax.models.multinomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.MultinomialDatafit;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.distribution.Multinomial;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.family.Family;
import dev.argmax.optim.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the multinomial MLE that hold by mathematics, checked on the housing data and on
 * simulated data: the score is zero at the estimate, the information equals the negative Hessian
 * of the log-likelihood by central finite differences of the analytic score, the intercept-only
 * model recovers the closed-form multinomial MLE ({@link Multinomial#mle}), two classes give the
 * binomial logistic fit, and the diagnostics (separation on iris, empty classes, unknown labels).
 */
class MultinomialPropertyTest {

    private static JsonNode housing() {
        return Fixtures.json("multinomial/multinom_housing.json");
    }

    private static Problem problemOf(Dataset d, int[] y, int classes) {
        MultinomialDatafit datafit = new MultinomialDatafit(y, classes, d.hasWeights() ? d.weights() : null,
                MultinomialDatafit.Parametrization.REFERENCE);
        return new Problem(new Design(d.x(), true), datafit, ElasticNet.none());
    }

    /** Score {@code W A' D'(eta)} at the MLE: zero up to rounding (|score| <= 1e-8 x N x max|x|). */
    @Test
    void scoreIsZeroAtTheMle() {
        Dataset d = MultinomialReferenceTest.data(housing());
        FittedMultinomial fit = MultinomialRegression.fit(d);
        int[] y = ClassLevels.fromNumbers(d.response()).encode(d.response());
        Problem problem = problemOf(d, y, 3);
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(fit.coefficientVector(), eta);
        double[] score = problem.datafitGradient(eta);
        double w = fit.weightSum();
        for (double s : score) {
            assertTrue(Math.abs(s * w) <= 1e-8 * w, "score " + s * w);
        }
    }

    /** Information = minus the Hessian of loglik by central differences of the score (step 1e-5: error O(h^2) ~ 1e-10 relative). */
    @Test
    void informationIsTheNegativeHessian() {
        Dataset d = MultinomialReferenceTest.data(housing());
        int[] y = ClassLevels.fromNumbers(d.response()).encode(d.response());
        Problem problem = problemOf(d, y, 3);
        double[] beta = MultinomialRegression.fit(d).coefficientVector();
        for (int j = 0; j < beta.length; j++) {
            beta[j] += 0.1 * Math.sin(j + 1.0); // away from the MLE too
        }
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(beta, eta);
        Matrix h = problem.datafitHessian(eta);
        double step = 1e-5;
        for (int j = 0; j < beta.length; j++) {
            double[] plus = beta.clone();
            double[] minus = beta.clone();
            plus[j] += step;
            minus[j] -= step;
            double[] gp = gradientAt(problem, plus);
            double[] gm = gradientAt(problem, minus);
            for (int i = 0; i < beta.length; i++) {
                double fd = (gp[i] - gm[i]) / (2 * step);
                assertEquals(fd, h.get(i, j), 1e-8 * Math.max(1, Math.abs(h.get(j, j))), "H[" + i + "][" + j + "]");
            }
        }
    }

    private static double[] gradientAt(Problem problem, double[] beta) {
        double[] eta = new double[problem.predictorLength()];
        problem.linearPredictor(beta, eta);
        return problem.datafitGradient(eta);
    }

    /** The intercept-only model's probabilities are the closed-form multinomial MLE N_k / N. */
    @Test
    void interceptOnlyRecoversTheClosedFormMle() {
        Dataset d = MultinomialReferenceTest.data(housing());
        Dataset interceptOnly = d.selectColumns(new int[0]);
        FittedMultinomial fit = MultinomialRegression.fit(interceptOnly);
        double[] counts = new double[3];
        double[] w = d.weights();
        int[] y = ClassLevels.fromNumbers(d.response()).encode(d.response());
        for (int i = 0; i < y.length; i++) {
            counts[y[i]] += w[i];
        }
        double[] mle = new Multinomial(List.of("Low", "Medium", "High")).mle(counts);
        double[] p = fit.fittedProbabilities()[0];
        for (int k = 0; k < 3; k++) {
            assertEquals(mle[k], p[k], 1e-12, "p_" + k);
        }
        assertEquals(fit.nullDeviance(), fit.deviance(), 1e-9 * fit.deviance());
        assertEquals(housing().get("null_deviance").asDouble(), fit.deviance(), 1e-9 * fit.deviance());
    }

    /** Two classes: the binomial logistic regression (R's glm fixture and argmax's glm), to 1e-10. */
    @Test
    void twoClassesAreTheBinomialFit() {
        JsonNode ref = Fixtures.json("glm/logistic_spector.json");
        Dataset d = MultinomialReferenceTest.data(ref);
        FittedGlm glm = Glm.builder(Family.binomial()).epsilon(1e-14).build().fit(d);
        FittedMultinomial fit = MultinomialRegression.fit(d);
        assertEquals(List.of("0", "1"), fit.levels());
        double[] b = fit.coefficientVector();
        double[] se = fit.coefficientTable().standardErrors();
        double[] glmSe = glm.coefficientTable().standardErrors();
        for (int j = 0; j < b.length; j++) {
            MultinomialReferenceTest.assertRel(glm.coefficients()[j], b[j], 1e-10, "coefficient " + j);
            MultinomialReferenceTest.assertRel(glmSe[j], se[j], 1e-10, "standard error " + j);
        }
        MultinomialReferenceTest.assertRel(glm.deviance(), fit.deviance(), 1e-10, "deviance");
        MultinomialReferenceTest.assertRel(glm.nullDeviance(), fit.nullDeviance(), 1e-10, "null deviance");
        MultinomialReferenceTest.assertRel(glm.aic(), fit.aic(), 1e-10, "AIC");
        double[] rb = Fixtures.doubles(ref.get("coefficients"));
        for (int j = 0; j < b.length; j++) {
            MultinomialReferenceTest.assertRel(rb[j], b[j], 1e-8, "R coefficient " + j);
        }
    }

    /** Iris: setosa is linearly separable, the MLE does not exist, and the fit says so. */
    @Test
    void irisSeparationIsReported() {
        JsonNode ref = Fixtures.json("multinomial/glmnet_multinomial_iris_ungrouped.json");
        Dataset d = MultinomialReferenceTest.data(ref);
        FittedMultinomial fit = MultinomialRegression.fit(d);
        assertTrue(fit.separation(), "separation flagged");
        assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("separation")), fit.warnings().toString());
        assertTrue(fit.summary().contains("does not exist"), fit.summary());
    }

    @Test
    void emptyClassIsRefusedByName() {
        Dataset d = MultinomialReferenceTest.data(housing());
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> MultinomialRegression.builder()
                .levels(ClassLevels.of("1", "2", "3", "4")).build().fitCodes(d));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("no observations"), e.getMessage());
        InvalidDataException unknown = assertThrows(InvalidDataException.class, () -> MultinomialRegression.builder()
                .levels(ClassLevels.of("1", "2")).build().fitCodes(d));
        assertTrue(unknown.getMessage().contains("'3'"), unknown.getMessage());
    }

    @Test
    void textLevelsAreSortedAsRSortsAFactor() {
        assertEquals(List.of("a", "A", "b", "B", "c10", "c2"),
                ClassLevels.fromLabels(List.of("c2", "B", "b", "A", "a", "c10")).levels());
        assertEquals(List.of("-1", "2", "10", "10.5"), ClassLevels.fromNumbers(new double[] {10, 2, -1, 10.5, 2}).levels());
    }

    /** Predictions: the fitted probabilities; SEs equal a finite-difference delta method. */
    @Test
    void predictionsAndTheirStandardErrors() {
        Dataset d = MultinomialReferenceTest.data(housing());
        FittedMultinomial fit = MultinomialRegression.fit(d);
        MultinomialPrediction pred = fit.predict(d);
        double[][] fitted = fit.fittedProbabilities();
        double[][] p = pred.probabilities();
        double[][] se = pred.standardErrors();
        Matrix cov = fit.covariance();
        double[] beta = fit.coefficientVector();
        int rows = 5;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(fitted[i][k], p[i][k], 1e-14);
            }
            // numerical Jacobian of p_i. in beta, then sqrt(g' C g)
            double[][] jac = new double[3][beta.length];
            for (int j = 0; j < beta.length; j++) {
                double h = 1e-6;
                double[] bp = beta.clone();
                double[] bm = beta.clone();
                bp[j] += h;
                bm[j] -= h;
                double[] pp = probabilities(d, i, bp);
                double[] pm = probabilities(d, i, bm);
                for (int k = 0; k < 3; k++) {
                    jac[k][j] = (pp[k] - pm[k]) / (2 * h);
                }
            }
            for (int k = 0; k < 3; k++) {
                double[] cg = cov.times(jac[k]);
                double v = 0;
                for (int j = 0; j < beta.length; j++) {
                    v += jac[k][j] * cg[j];
                }
                assertEquals(Math.sqrt(v), se[i][k], 1e-7 * Math.sqrt(v), "se p[" + i + "][" + k + "]");
            }
        }
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (p[0][k] > p[0][best]) {
                best = k;
            }
        }
        assertEquals(fit.levels().get(best), pred.classes().get(0));
    }

    private static double[] probabilities(Dataset d, int i, double[] beta) {
        int k = d.columns() + 1;
        double[] eta = new double[3];
        for (int c = 0; c < 2; c++) {
            double e = beta[c * k];
            for (int j = 0; j < d.columns(); j++) {
                e += beta[c * k + 1 + j] * d.column(j)[i];
            }
            eta[c + 1] = e;
        }
        double s = 0;
        for (double e : eta) {
            s += Math.exp(e);
        }
        return new double[] {Math.exp(eta[0]) / s, Math.exp(eta[1]) / s, Math.exp(eta[2]) / s};
    }

    /** Summary: R's layout (the standard-error block, deviance and AIC lines printed by R 4.2 / nnet 7.3-18). */
    @Test
    void summaryLayoutIsRs() {
        JsonNode ref = housing();
        Dataset d = MultinomialReferenceTest.data(ref);
        List<String> levels = MultinomialReferenceTest.names(ref.get("levels"));
        FittedMultinomial fit = MultinomialRegression.builder().levels(new ClassLevels(levels)).build()
                .fitLabels(d, MultinomialReferenceTest.labels(ref, d));
        String s = fit.summary();
        String se = """
                Std. Errors:
                       (Intercept) Infl_Medium Infl_High Type_Apartment Type_Atrium
                Medium   0.1729345   0.1415573 0.1863375      0.1725329   0.2231067
                High     0.1592296   0.1369380 0.1671317      0.1552714   0.2114966
                       Type_Terrace Cont_High
                Medium    0.2062533 0.1323976
                High      0.2001494 0.1241371

                Residual Deviance: 3470.084\s
                AIC: 3498.084\s
                """;
        assertTrue(s.contains(se), s);
        assertTrue(s.contains("Coefficients:\n       (Intercept) Infl_Medium Infl_High Type_Apartment Type_Atrium\n"
                + "Medium  -0.4192287   0.4463959 0.6649353     -0.4356887   0.1313703\n"), s);
    }

}
