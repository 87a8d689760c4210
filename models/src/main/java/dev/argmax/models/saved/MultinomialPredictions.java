package dev.argmax.models.saved;

import java.util.List;

/**
 * Predictions of a multinomial {@link SavedModel} for every row of new data, in the data's
 * order; NaN (values) or null (class) where a predictor was missing.
 *
 * @param type the scale: RESPONSE (probabilities), LINK (log-odds against the reference) or CLASS
 * @param columns the names of the value columns: every level (RESPONSE), the non-reference
 *     levels (LINK), or {@code "class"}
 * @param values {@code n x columns}, or null for CLASS
 * @param standardErrors {@code n x K} delta-method standard errors of the probabilities, or null
 *     when not asked for
 * @param classes the most probable level of each row (CLASS), or null
 * @param missingRows how many rows had a missing predictor
 */
public record MultinomialPredictions(SavedModel.Type type, List<String> columns, double[][] values,
                                     double[][] standardErrors, List<String> classes, int missingRows) {

    public MultinomialPredictions {
        columns = List.copyOf(columns);
        classes = classes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classes));
    }
}
