package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code cv} subcommand on the bundled data: JSON fields, lambda_1se >= lambda_min, errors. */
class CvCommandTest {

    static Path dataset(String name) throws URISyntaxException {
        return Path.of(CvCommandTest.class.getClassLoader().getResource("datasets/" + name).toURI());
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void jsonHasLambdaMinOneSeAndTheCurve() throws Exception {
        String[] r = run("cv", "--data", dataset("birthwt.csv").toString(), "--response", "y", "--family", "binomial",
                "--penalty", "l1", "--folds", "5", "--seed", "3", "--nlambda", "20", "--measure", "auc",
                "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertEquals(20, j.get("curve").size());
        assertTrue(j.get("lambda_1se").asDouble() >= j.get("lambda_min").asDouble());
        assertEquals("auc", j.get("measure").asText());
        assertEquals("(Intercept)", j.get("coefficient_names").get(0).asText());
    }

    @Test
    void textPrintsTheChoiceAndErrorsAreOneLine() throws Exception {
        String[] r = run("cv", "--data", dataset("diabetes.csv").toString(), "--response", "y", "--family", "gaussian",
                "--penalty", "elasticnet", "--alpha", "0.5", "--standardize", "--folds", "4", "--nlambda", "10");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("lambda_min =") && r[1].contains("lambda_1se ="), r[1]);
        String[] bad = run("cv", "--data", dataset("diabetes.csv").toString(), "--response", "y", "--family", "gaussian",
                "--penalty", "l1", "--measure", "auc");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].startsWith("error:") && bad[2].contains("binomial"), bad[2]);
    }
}
