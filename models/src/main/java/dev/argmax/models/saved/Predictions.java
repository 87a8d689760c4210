package dev.argmax.models.saved;

/**
 * Predictions of a {@link SavedModel} for every row of new data, in the data's order; NaN where
 * a predictor was missing.
 *
 * @param type the scale
 * @param fit the prediction
 * @param standardErrors its standard errors, or null when not asked for
 * @param lower lower confidence limits, or null
 * @param upper upper confidence limits, or null
 * @param level the confidence level (NaN without an interval)
 * @param missingRows how many rows had a missing predictor (NaN rows)
 */
public record Predictions(SavedModel.Type type, double[] fit, double[] standardErrors, double[] lower,
                          double[] upper, double level, int missingRows) {
}
