package dev.argmax.models.penalized;

import java.util.Locale;

/** The two lambdas cross-validation recommends, as glmnet names them ({@code s = "lambda.min"}). */
public enum LambdaChoice {
    /** The lambda with the best mean cross-validated measure. */
    LAMBDA_MIN,
    /** The largest lambda whose mean measure is within one standard error of the best. */
    LAMBDA_1SE;

    /**
     * Parses glmnet's and argmax's spellings: {@code lambda_min}, {@code lambda.min}, {@code min},
     * {@code lambda_1se}, {@code lambda.1se}, {@code 1se}.
     *
     * @param text the name
     * @return the choice
     * @throws IllegalArgumentException for any other text
     */
    public static LambdaChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('.', '_');
        return switch (t) {
            case "lambda_min", "min" -> LAMBDA_MIN;
            case "lambda_1se", "1se" -> LAMBDA_1SE;
            default -> throw new IllegalArgumentException("unknown lambda choice '" + text
                    + "': expected lambda_min or lambda_1se");
        };
    }

    /** @return glmnet's name with an underscore, e.g. {@code lambda_min} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
