package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.multinomial.FittedMultinomial;
import dev.argmax.models.multinomial.MultinomialCrossValidation;
import dev.argmax.models.multinomial.MultinomialPath;
import dev.argmax.models.multinomial.MultinomialRegression;
import dev.argmax.models.multinomial.PenalizedMultinomial;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.optim.path.RegularizationPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit|path|cv --family multinomial --formula ... --save} then {@code predict} on the
 * training data: the formula fit matches {@code nnet::multinom} (names and order identical,
 * coefficients 1e-7 and standard errors 1e-6 relative, n and n_dropped; fixture
 * {@code multinomial_formula/}), and the predicted probabilities (and, for the MLE, their
 * delta-method standard errors) equal the Java API's fit of the same formula to 1e-12 relative
 * (the CSV carries shortest round-trip doubles); rows with a missing predictor are {@code NA};
 * an unseen level, a model file of an unknown format version and {@code --se} of a penalized
 * model are refused with a message naming the problem.
 */
class MultinomialPredictCommandTest {

    static final String FORMULA = "Age ~ Eth * Sex + log(Days + 1)";

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static String quine() {
        return Fixtures.path("data/quine_factors.csv").toString();
    }

    private static void close(double expected, String actual, String what) {
        double a = Double.parseDouble(actual);
        assertEquals(expected, a, 1e-12 * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void fitSavePredictMatchesNnetAndTheApi(@TempDir Path dir) throws Exception {
        JsonNode ref = Fixtures.json("multinomial_formula/multinom_formula_quine.json").get("age_eth_sex_days");
        Path model = dir.resolve("m.json");
        Run r = run("fit", "--data", quine(), "--family", "multinomial", "--formula", FORMULA, "--format", "json",
                "--save", model.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(ref.get("n").asInt(), j.get("n").asInt());
        assertEquals(ref.get("n_dropped").asInt(), j.get("n_dropped").asInt());
        assertEquals(ref.get("levels"), j.get("levels"));
        double[] b = Fixtures.doubles(ref.get("coefficients"));
        double[] se = Fixtures.doubles(ref.get("std_errors"));
        List<String> names = new java.util.ArrayList<>();
        ref.get("parameter_names").forEach(x -> names.add(x.asText()));
        int k = j.get("coefficient_names").size();
        for (int a = 0; a < names.size(); a++) {
            String cls = names.get(a).substring(0, names.get(a).indexOf(':'));
            String term = names.get(a).substring(names.get(a).indexOf(':') + 1);
            assertEquals(term, j.get("coefficient_names").get(a % k).asText());
            double coef = j.get("coefficients").get(cls).get(a % k).asDouble();
            double s = j.get("std_errors").get(cls).get(a % k).asDouble();
            assertEquals(b[a], coef, 1e-7 * Math.abs(b[a]), names.get(a));
            assertEquals(se[a], s, 1e-6 * se[a], "se " + names.get(a));
        }

        CsvTable t = Fixtures.csv("data/quine_factors.csv");
        FittedMultinomial fit = MultinomialRegression.builder().formula(FORMULA).build().fit(t);
        FrameData train = fit.frame().orElseThrow().trainingClasses(t).data();
        double[][] p = fit.fittedProbabilities();
        double[][] pse = fit.predict(train.dataset()).standardErrors();
        Run pr = run("predict", "--model", model.toString(), "--data", quine(), "--se");
        assertEquals(0, pr.status(), pr.err());
        List<String> lines = pr.out().lines().toList();
        assertEquals("F0,F1,F2,F3,se_F0,se_F1,se_F2,se_F3", lines.get(0));
        assertEquals(t.rows() + 1, lines.size());
        int[] rows = train.rows();
        for (int i = 0; i < rows.length; i++) {
            String[] f = lines.get(rows[i] + 1).split(",");
            for (int c = 0; c < 4; c++) {
                close(p[i][c], f[c], "p " + i);
                close(pse[i][c], f[4 + c], "se " + i);
            }
        }
        assertEquals("NA,NA,NA,NA,NA,NA,NA,NA", lines.get(5)); // data row 5 misses Sex
        Run link = run("predict", "--model", model.toString(), "--data", quine(), "--type", "link");
        assertEquals("F1,F2,F3", link.out().lines().findFirst().orElseThrow());
        String[] first = link.out().lines().skip(1).findFirst().orElseThrow().split(",");
        close(Math.log(p[0][2] / p[0][0]), first[1], "log-odds");
        Run cls = run("predict", "--model", model.toString(), "--data", quine(), "--type", "class");
        List<String> classes = cls.out().lines().toList();
        assertEquals("class", classes.get(0));
        assertEquals(fit.predict(train.dataset()).classes().get(0), classes.get(1));
        assertEquals("NA", classes.get(5));

        Path unseen = dir.resolve("new.csv");
        Files.writeString(unseen, "Eth,Sex,Days\nA,M,3\nA,X,4\n");
        Run bad = run("predict", "--model", model.toString(), "--data", unseen.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("level 'X' of Sex"), bad.err());
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, Files.readString(model).replace("\"format_version\" : 1", "\"format_version\" : 2"));
        Run version = run("predict", "--model", v2.toString(), "--data", quine());
        assertEquals(2, version.status());
        assertTrue(version.err().contains("format version 2"), version.err());
    }

    @Test
    void penalizedPathAndCvSavePredict(@TempDir Path dir) throws Exception {
        CsvTable t = Fixtures.csv("data/quine_factors.csv");
        double lambda = 0.02;
        Path value = dir.resolve("value.json");
        Run r = run("path", "--data", quine(), "--family", "multinomial", "--formula", FORMULA, "--lambda",
                Double.toString(lambda), "--grouped", "--format", "json", "--save", value.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(4, new ObjectMapper().readTree(r.out()).get("n_dropped").asInt());
        PenalizedMultinomial model = PenalizedMultinomial.builder().formula(FORMULA).grouped(true).build();
        MultinomialPath path = model.path(t, RegularizationPath.Settings.defaults().withLambdas(lambda));
        compare(path, 0, value, t);
        Run se = run("predict", "--model", value.toString(), "--data", quine(), "--se");
        assertTrue(se.status() != 0);
        assertTrue(se.err().contains("no standard errors"), se.err());

        Path chosen = dir.resolve("cv.json");
        Run cv = run("cv", "--data", quine(), "--family", "multinomial", "--formula", FORMULA, "--folds", "4",
                "--seed", "3", "--nlambda", "15", "--lambda-choice", "lambda.min", "--threads", "1", "--save",
                chosen.toString());
        assertEquals(0, cv.status(), cv.err());
        MultinomialCrossValidation.Result res = MultinomialCrossValidation.run(
                PenalizedMultinomial.builder().formula(FORMULA).build(), t, CvMeasure.DEVIANCE, null, 4, 3, 1,
                RegularizationPath.Settings.defaults().withCount(15));
        compare(res.fullPath(), res.indexMin(), chosen, t);
        assertTrue(Files.readString(chosen).contains("\"lambda_choice\" : \"lambda_min\""));
    }

    private static void compare(MultinomialPath path, int k, Path model, CsvTable t) {
        Run pr = run("predict", "--model", model.toString(), "--data", quine());
        assertEquals(0, pr.status(), pr.err());
        List<String> lines = pr.out().lines().toList();
        FrameData train = path.frame().orElseThrow().trainingClasses(t).data();
        double[][] p = path.solution(k).probabilities(train.dataset());
        int[] rows = train.rows();
        for (int i = 0; i < rows.length; i++) {
            String[] f = lines.get(rows[i] + 1).split(",");
            for (int c = 0; c < 4; c++) {
                close(p[i][c], f[c], model.getFileName() + " p " + i);
            }
        }
    }
}
