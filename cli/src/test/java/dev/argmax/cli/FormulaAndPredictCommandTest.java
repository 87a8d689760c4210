package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argmax.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --formula} on text data with missing values against R's {@code glm} (reference
 * section 10: names and order identical, coefficients 1e-8 and standard errors 1e-7 relative, n
 * and n_dropped), {@code --na fail}, and {@code fit --save} followed by {@code predict} (file and
 * standard input), whose fitted means equal R's {@code fitted_mean_first5}.
 */
class FormulaAndPredictCommandTest {

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

    @Test
    void formulaOnTextDataMatchesR() throws Exception {
        JsonNode ref = Fixtures.json("factors/poisson_quine_factors.json");
        Run r = run("fit", "--data", quine(), "--formula", ref.get("formula").asText(), "--family", "poisson",
                "--format", "json", "--epsilon", "1e-14", "--max-iterations", "100");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(ref.get("coefficient_names"), j.get("coefficient_names"));
        assertEquals(ref.get("n").asInt(), j.get("n").asInt());
        assertEquals(ref.get("n_dropped").asInt(), j.get("n_dropped").asInt());
        assertEquals(ref.get("formula").asText(), j.get("formula").asText());
        double[] coef = Fixtures.doubles(j.get("coefficients"));
        double[] se = Fixtures.doubles(j.get("std_errors"));
        assertTrue(Fixtures.maxRelDiff(coef, Fixtures.doubles(ref.get("coefficients")), 0) <= 1e-8);
        assertTrue(Fixtures.maxRelDiff(se, Fixtures.doubles(ref.get("std_errors")), 0) <= 1e-7);

        Run text = run("fit", "--data", quine(), "--formula", ref.get("formula").asText(), "--family", "poisson");
        assertTrue(text.out().contains("  (5 observations deleted due to missingness)"), text.out());
        assertTrue(text.out().contains("EthN:SexM"), text.out());
    }

    @Test
    void naFailNamesTheFirstMissingCellAndShorthandStillWorks() {
        Run r = run("fit", "--data", quine(), "--formula", "Days ~ Eth + Sex", "--family", "poisson", "--na", "fail");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("missing value '' at line 6, column 'Sex'"), r.err());
        Run dot = run("fit", "--data", quine(), "--response", "Days", "--exclude", "Lrn", "--family", "poisson",
                "--format", "json");
        assertEquals(0, dot.status(), dot.err());
        assertTrue(dot.out().contains("\"AgeF3\""), dot.out());
        Run both = run("fit", "--data", quine(), "--response", "Days", "--formula", "Days ~ Sex", "--family", "poisson");
        assertEquals(2, both.status());
    }

    @Test
    void savedModelPredictsNewDataInRowOrder(@TempDir Path dir) throws Exception {
        JsonNode ref = Fixtures.json("factors/poisson_quine_factors.json");
        Path model = dir.resolve("model.json");
        Run fit = run("fit", "--data", quine(), "--formula", ref.get("formula").asText(), "--family", "poisson",
                "--epsilon", "1e-14", "--max-iterations", "100", "--save", model.toString());
        assertEquals(0, fit.status(), fit.err());
        JsonNode saved = new ObjectMapper().readTree(Files.readString(model));
        assertEquals(1, saved.get("format_version").asInt());
        assertEquals("poisson", saved.get("family").asText());

        Path out = dir.resolve("pred.csv");
        Run p = run("predict", "--model", model.toString(), "--data", quine(), "--se", "--interval", "confidence",
                "--out", out.toString());
        assertEquals(0, p.status(), p.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("fit,se_fit,lower,upper", lines.get(0));
        assertEquals(147, lines.size());
        double[] mu5 = Fixtures.doubles(ref.get("fitted_mean_first5"));
        int[] firstUsed = {1, 2, 3, 4, 6}; // the fixture's first five rows used (data row 5 is dropped)
        for (int i = 0; i < 5; i++) {
            double fitted = Double.parseDouble(lines.get(firstUsed[i]).split(",")[0]);
            assertEquals(mu5[i], fitted, 1e-9 * mu5[i]);
        }
        // data row 5 has no Sex: NA; data row 40 lacks only the response: predicted
        assertEquals("NA,NA,NA,NA", lines.get(5));
        assertTrue(!lines.get(40).startsWith("NA"), lines.get(40));

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("Eth,Sex,Age,Lrn\nA,M,F0,SL\nN,F,F3,AL\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run s = run("predict", "--model", model.toString(), "--data", "-", "--type", "link");
            assertEquals(0, s.status(), s.err());
            assertEquals(3, s.out().lines().count(), s.out());
            assertEquals(Double.parseDouble(lines.get(1).split(",")[0]),
                    Math.exp(Double.parseDouble(s.out().lines().toList().get(1))), 1e-12 * mu5[0]);
            System.setIn(new ByteArrayInputStream("Eth,Sex,Age,Lrn\nA,Q,F0,SL\n".getBytes(StandardCharsets.UTF_8)));
            Run bad = run("predict", "--model", model.toString(), "--data", "-");
            assertEquals(2, bad.status());
            assertTrue(bad.err().contains("level 'Q' of Sex"), bad.err());
        } finally {
            System.setIn(stdin);
        }
        Files.writeString(model, Files.readString(model).replace("\"format_version\" : 1", "\"format_version\" : 7"));
        Run old = run("predict", "--model", model.toString(), "--data", quine());
        assertEquals(2, old.status());
        assertTrue(old.err().contains("format version 7"), old.err());
    }

    @Test
    void penalizedFitSavesOneLambda(@TempDir Path dir) {
        Path model = dir.resolve("ridge.json");
        Run r = run("fit", "--data", quine(), "--formula", "Days ~ Eth * Sex + Age", "--family", "poisson",
                "--penalty", "l2", "--lambda", "0.01", "--standardize", "--save", model.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"n_dropped\" : 4") || r.out().contains("\"n_dropped\":4"), r.out());
        Run p = run("predict", "--model", model.toString(), "--data", quine(), "--se");
        assertEquals(0, p.status(), p.err());
        Run path = run("fit", "--data", quine(), "--formula", "Days ~ Eth", "--family", "poisson",
                "--penalty", "l1", "--save", dir.resolve("x.json").toString());
        assertEquals(2, path.status());
        assertTrue(path.err().contains("one --lambda"), path.err());
    }

    /**
     * {@code cv --formula --save --lambda-choice}: the saved model is the full-data fit at the
     * lambda the same run reports, records the choice, and predicts; {@code path --formula} builds
     * R's design (factor dummies named as R).
     */
    @Test
    void crossValidationSavesTheChosenLambdaAndPathTakesAFormula(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String[] choice : new String[][] {{"lambda.min", "lambda_min"}, {"lambda.1se", "lambda_1se"}}) {
            Path model = dir.resolve(choice[1] + ".json");
            Run r = run("cv", "--data", quine(), "--formula", "Days ~ Eth * Sex + Age", "--family", "poisson",
                    "--penalty", "l2", "--standardize", "--nlambda", "20", "--folds", "5", "--seed", "3", "--save",
                    model.toString(), "--lambda-choice", choice[0], "--format", "json");
            assertEquals(0, r.status(), r.err());
            JsonNode cv = json.readTree(r.out());
            JsonNode saved = json.readTree(Files.readString(model));
            assertEquals(choice[1], saved.get("penalty").get("lambda_choice").asText());
            assertEquals(cv.get(choice[1]).asDouble(), saved.get("penalty").get("lambda").asDouble(), 0.0);
            assertEquals(4, saved.get("n_dropped").asInt(), saved.toString());
            Run p = run("predict", "--model", model.toString(), "--data", quine(), "--se");
            assertEquals(0, p.status(), p.err());
        }
        Run bad = run("cv", "--data", quine(), "--formula", "Days ~ Eth", "--family", "poisson", "--penalty", "l2",
                "--lambda-choice", "best");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("lambda_min or lambda_1se"), bad.err());
        Run path = run("path", "--data", quine(), "--formula", "Days ~ Eth + Sex", "--family", "poisson",
                "--nlambda", "10", "--format", "json");
        assertEquals(0, path.status(), path.err());
        assertEquals(List.of("(Intercept)", "EthN", "SexM"),
                List.of(json.readTree(path.out()).get("coefficient_names").get(0).asText(),
                        json.readTree(path.out()).get("coefficient_names").get(1).asText(),
                        json.readTree(path.out()).get("coefficient_names").get(2).asText()));
    }
}
