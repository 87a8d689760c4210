package dev.argmax.models.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Design column names and order as R 4.2.2's {@code model.matrix} gives them on the quine data
 * read with {@code read.csv(na.strings = c("NA", ""), stringsAsFactors = TRUE)} plus a numeric
 * column {@code x = row / 10}: the expected strings below were printed by R
 * ({@code colnames(model.matrix(formula, d))}), covering R's coding rule (contrasts or indicator
 * columns for a factor whose margin is absent), term order, interaction labels by variable order,
 * no-intercept models and transformed variables.
 */
class ModelMatrixNamesTest {

    static CsvTable quineWithX() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.path("data/quine_factors.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",x\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(',').append(i / 10.0).append('\n');
        }
        return CsvTable.parse(sb.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '@', value = {
        "Days ~ Eth:Sex @ (Intercept) | EthA:SexF | EthN:SexF | EthA:SexM | EthN:SexM",
        "Days ~ 0 + Eth + Sex @ EthA | EthN | SexM",
        "Days ~ 0 + Eth:Sex @ EthA:SexF | EthN:SexF | EthA:SexM | EthN:SexM",
        "Days ~ Age + Eth:Age @ (Intercept) | AgeF1 | AgeF2 | AgeF3 | AgeF0:EthN | AgeF1:EthN | AgeF2:EthN | AgeF3:EthN",
        "Days ~ x:Eth @ (Intercept) | x:EthA | x:EthN",
        "Days ~ (Eth + Sex + Lrn)^2 @ (Intercept) | EthN | SexM | LrnSL | EthN:SexM | EthN:LrnSL | SexM:LrnSL",
        "Days ~ Eth * Sex - Sex @ (Intercept) | EthN | EthA:SexM | EthN:SexM",
        "Days ~ poly(x,2,raw=TRUE) + I(x^2) + log(x) + exp(x) + sqrt(x) @ (Intercept) | poly(x, 2, raw = TRUE)1 | poly(x, 2, raw = TRUE)2 | I(x^2) | log(x) | exp(x) | sqrt(x)",
        "Days ~ Sex:Age:Lrn + Sex @ (Intercept) | SexM | SexF:AgeF0:LrnAL | SexM:AgeF0:LrnAL | SexF:AgeF1:LrnAL | SexM:AgeF1:LrnAL | SexF:AgeF2:LrnAL | SexM:AgeF2:LrnAL | SexF:AgeF3:LrnAL | SexM:AgeF3:LrnAL | SexF:AgeF0:LrnSL | SexM:AgeF0:LrnSL | SexF:AgeF1:LrnSL | SexM:AgeF1:LrnSL | SexF:AgeF2:LrnSL | SexM:AgeF2:LrnSL | SexF:AgeF3:LrnSL | SexM:AgeF3:LrnSL",
        "Days ~ x * Age - 1 @ x | AgeF0 | AgeF1 | AgeF2 | AgeF3 | x:AgeF1 | x:AgeF2 | x:AgeF3",
        "Days ~ Lrn:Age + Lrn @ (Intercept) | LrnSL | LrnAL:AgeF1 | LrnSL:AgeF1 | LrnAL:AgeF2 | LrnSL:AgeF2 | LrnAL:AgeF3 | LrnSL:AgeF3",
    })
    void namesAndOrderAsR(String formula, String expected) throws IOException {
        ModelFrame frame = ModelFrame.learn(formula, quineWithX(), FrameOptions.defaults());
        List<String> names = new ArrayList<>();
        if (frame.intercept()) {
            names.add("(Intercept)");
        }
        names.addAll(frame.columnNames());
        assertEquals(expected.trim(), String.join(" | ", names));
    }

    @Test
    void interactionColumnsAreProductsAndFactorsAreIndicators() throws IOException {
        CsvTable t = quineWithX();
        FrameData d = ModelFrame.learn("Days ~ x * Eth + poly(x, 2, raw = TRUE)", t, FrameOptions.defaults())
                .training(t);
        Dataset ds = d.dataset();
        assertEquals(List.of("x", "EthN", "poly(x, 2, raw = TRUE)1", "poly(x, 2, raw = TRUE)2", "x:EthN"),
                ds.predictorNames());
        assertEquals(2, d.dropped()); // Days missing on data rows 40 and 101 (Eth on 101 too)
        double[] x = ds.column(0);
        double[] eth = ds.column(1);
        double[] x2 = ds.column(3);
        double[] inter = ds.column(4);
        int[] rows = d.rows();
        for (int i = 0; i < ds.rows(); i++) {
            assertEquals((rows[i] + 1) / 10.0, x[i]);
            assertEquals(x[i] * x[i], x2[i]);
            assertEquals(x[i] * eth[i], inter[i]);
            assertEquals(t.levels("Eth").get(t.codes("Eth")[rows[i]]).equals("N") ? 1.0 : 0.0, eth[i]);
        }
    }

    @Test
    void referenceLevelCanBeChosen() throws IOException {
        ModelFrame f = ModelFrame.learn("Days ~ Sex + Age", quineWithX(),
                FrameOptions.defaults().withReference("Age", "F2"));
        assertEquals(List.of("SexM", "AgeF0", "AgeF1", "AgeF3"), f.columnNames());
        assertThrows(FormulaException.class, () -> ModelFrame.learn("Days ~ Sex", quineWithX(),
                FrameOptions.defaults().withReference("Sex", "X")));
    }

    @Test
    void missingValuesAreDroppedOrRefusedAndUnusedColumnsNeverMatter() throws IOException {
        CsvTable t = quineWithX();
        // Sex is missing on data row 5 only; Days ~ x uses neither Sex nor the other blanked cells but Days
        FrameData d = ModelFrame.learn("Days ~ x", t, FrameOptions.defaults()).training(t);
        assertEquals(2, d.dropped()); // Days is missing on data rows 40 and 101
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> ModelFrame.learn("Days ~ Sex + x", t,
                FrameOptions.defaults().withNaAction(FrameOptions.NaAction.FAIL)).training(t));
        assertTrue(e.getMessage().startsWith("CSV text: missing value '' at line 6, column 'Sex'"), e.getMessage());
    }

    @Test
    void badFormulasAreNamed() throws IOException {
        CsvTable t = quineWithX();
        assertEquals("formula 'Days ~ Nope': no column named 'Nope'; the columns are [Eth, Sex, Age, Lrn, Days, x]",
                assertThrows(FormulaException.class, () -> ModelFrame.learn("Days ~ Nope", t,
                        FrameOptions.defaults())).getMessage());
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("Days ~ (Eth + Sex"))
                .getMessage().contains("missing ')'"));
        assertTrue(assertThrows(FormulaException.class, () -> ModelFrame.learn("Days ~ poly(x, 2)", t,
                FrameOptions.defaults())).getMessage().contains("raw = TRUE"));
        assertTrue(assertThrows(InvalidDataException.class, () -> ModelFrame.learn("Days ~ log(x - 1)", t,
                FrameOptions.defaults()).training(t)).getMessage().contains("log(x - 1) is NaN at line 2"));
    }
}
