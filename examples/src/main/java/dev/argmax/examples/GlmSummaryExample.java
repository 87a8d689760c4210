package dev.argmax.examples;

import dev.argmax.core.data.Dataset;
import dev.argmax.models.glm.FittedGlm;
import dev.argmax.models.glm.LogisticRegression;
import java.util.List;

/**
 * A logistic regression with R's summary: grade improvement on GPA, TUCE score and the PSI
 * teaching method (Spector and Mazzeo, 32 students), as {@code glm(y ~ gpa + tuce + psi,
 * family = binomial)}.
 *
 * <p>Run: {@code java -cp <argmax jars> dev.argmax.examples.GlmSummaryExample}.
 */
public final class GlmSummaryExample {

    private GlmSummaryExample() {
    }

    /**
     * Fits the model and prints its summary, 95% Wald intervals and a prediction.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Dataset data = BundledData.table("spector.csv").toDataset("y");
        FittedGlm fit = LogisticRegression.fit(data);
        System.out.println(fit.summary());
        System.out.println("coefficients: " + fit.coefficientNames());
        System.out.println("odds ratio of psi: " + Math.exp(fit.coefficients()[3]));
        System.out.println("AIC: " + fit.aic() + ", converged: " + fit.converged());
    }
}
