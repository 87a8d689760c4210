package dev.argmax.models.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.models.family.Family;
import dev.argmax.models.inference.AnovaTable;
import dev.argmax.models.inference.ChiSquareTail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code anova} between two formulas and {@code drop1} over formula terms against R 4.2.2
 * ({@code anova_formula/anova_formula_quine.json}, made by the R script beside it on the quine
 * text data with missing cells): the two models are fitted to the rows complete in every variable
 * either uses, drop1 drops whole terms that respect marginality. Every fit at epsilon 1e-14 as
 * in the script, so deviances agree to rounding and the statistics to 1e-8 relative (the issue's
 * tolerance for LR statistics). A p-value is compared through its statistic: it must lie between
 * the tail probabilities at the statistic moved by 1e-8 relative either way, widened by 1e-8
 * relative (a p-value in the far tail moves by many times the statistic's relative error: R's
 * Gamma dispersion, behind drop1's "scaled dev.", uses the working weights of glm's last
 * iteration, about 1e-9 from the estimate's, and p = 0.013 at 10.76 on 3 df amplifies that 5
 * times).
 */
class AnovaFormulaReferenceTest {

    private static final double TOL = 1e-8;
    private static final JsonNode REF = Fixtures.json("anova_formula/anova_formula_quine.json");

    private static CsvTable quine() {
        return Fixtures.csv("data/quine_factors.csv");
    }

    private static Family family(JsonNode r) {
        return Family.of(r.get("family").asText(), r.get("link").asText());
    }

    private static Glm model(JsonNode r, String formula) {
        return Glm.builder(family(r)).formula(formula).epsilon(1e-14).maxIterations(100).build();
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.abs(expected), what);
    }

    /** R's chi-square p-value within the tail probabilities of the statistic moved by TOL relative. */
    private static void pValue(double expected, double actual, double statistic, double df, String what) {
        double hi = ChiSquareTail.chiSquare(statistic * (1 - TOL), df) * (1 + TOL);
        double lo = ChiSquareTail.chiSquare(statistic * (1 + TOL), df) * (1 - TOL);
        assertTrue(expected >= lo && expected <= hi, what + " p-value: R " + expected + ", argmax " + actual
                + ", statistic " + statistic + " gives [" + lo + ", " + hi + "]");
        assertEquals(ChiSquareTail.chiSquare(statistic, df), actual, 1e-14 * actual, what + " p-value of its statistic");
    }

    @Test
    void anovaOfTwoFormulasOnTheirCommonCompleteRows() {
        for (String name : List.of("anova_poisson", "anova_gaussian")) {
            JsonNode r = REF.get(name);
            FittedGlm[] fits = AnalysisOfDeviance.fitOnCommonRows(model(r, r.get("formula0").asText()),
                    model(r, r.get("formula1").asText()), quine());
            assertEquals(r.get("n").asInt(), fits[0].observations(), name);
            assertEquals(r.get("n").asInt(), fits[1].observations(), name);
            assertEquals(r.get("n_dropped").asInt(), fits[1].dropped(), name);
            AnovaTable t = AnalysisOfDeviance.anova(fits[0], fits[1]);
            assertEquals(r.get("test").asText(), t.test(), name);
            for (int i = 0; i < 2; i++) {
                assertEquals(r.get("df_residual").get(i).asDouble(), t.rows().get(i).dfResidual(), name);
                close(r.get("residual_deviance").get(i).asDouble(), t.rows().get(i).residualDeviance(), name);
            }
            AnovaTable.Row row = t.rows().get(1);
            assertEquals(r.get("df").get(1).asDouble(), row.df(), name);
            close(r.get("deviance").get(1).asDouble(), row.deviance(), name + " deviance");
            close(r.get("statistic").get(1).asDouble(), row.statistic(), name + " statistic");
            if (t.test().equals("F")) {
                close(r.get("p_value").get(1).asDouble(), row.pValue(), name + " p-value");
            } else {
                pValue(r.get("p_value").get(1).asDouble(), row.pValue(), row.statistic(), row.df(), name);
            }
            // the same through the one-call API
            AnovaTable direct = AnalysisOfDeviance.anova(model(r, r.get("formula0").asText()),
                    model(r, r.get("formula1").asText()), quine());
            close(row.statistic(), direct.rows().get(1).statistic(), name);
            assertTrue(t.format().contains(r.get("test").asText().equals("F") ? "Pr(>F)" : "Pr(>Chi)"), t.format());
        }
    }

    @Test
    void drop1DropsWholeTermsRespectingMarginality() {
        for (String name : List.of("drop1_poisson", "drop1_gaussian", "drop1_gamma")) {
            JsonNode r = REF.get(name);
            FittedGlm fit = model(r, r.get("formula").asText()).fit(quine());
            assertEquals(r.get("n").asInt(), fit.observations(), name);
            AnovaTable t = AnalysisOfDeviance.drop1(fit);
            assertEquals(r.get("statistic_name").asText(), t.test(), name);
            assertEquals(r.get("terms").size(), t.rows().size(), name + ": " + t.format());
            for (int i = 0; i < t.rows().size(); i++) {
                AnovaTable.Row row = t.rows().get(i);
                String what = name + " " + row.label();
                assertEquals(r.get("terms").get(i).asText(), row.label(), name);
                close(r.get("deviance").get(i).asDouble(), row.residualDeviance(), what + " deviance");
                close(r.get("aic").get(i).asDouble(), row.aic(), what + " AIC");
                if (i > 0) {
                    assertEquals(r.get("df").get(i).asDouble(), row.df(), what + " df");
                    close(r.get("statistic").get(i).asDouble(), row.statistic(), what + " statistic");
                    pValue(r.get("p_value").get(i).asDouble(), row.pValue(), row.statistic(), row.df(), what);
                }
            }
            assertTrue(t.format().contains(r.get("statistic_name").asText()), t.format());
        }
    }

    @Test
    void modelsThatAreNotNestedOrDifferInResponseAreRefused() {
        JsonNode r = REF.get("anova_poisson");
        InvalidDataException notNested = assertThrows(InvalidDataException.class, () -> AnalysisOfDeviance.anova(
                model(r, "Days ~ Eth + Lrn"), model(r, "Days ~ Eth * Sex + Age"), quine()));
        assertTrue(notNested.getMessage().contains("not nested: term 'Lrn'"), notNested.getMessage());
        InvalidDataException response = assertThrows(InvalidDataException.class, () -> AnalysisOfDeviance.anova(
                model(r, "Days ~ Eth"), model(r, "log(Days + 1) ~ Eth + Sex"), quine()));
        assertTrue(response.getMessage().contains("different responses"), response.getMessage());
        // fitted separately, each on its own complete rows: not the same rows
        FittedGlm a = model(r, "Days ~ Eth").fit(quine());
        FittedGlm b = model(r, "Days ~ Eth + Sex").fit(quine());
        InvalidDataException rows = assertThrows(InvalidDataException.class, () -> AnalysisOfDeviance.anova(a, b));
        assertTrue(rows.getMessage().contains("not fitted to the same rows")
                && rows.getMessage().contains("anova(model0, model1, table)"), rows.getMessage());
    }
}
