/**
 * Fitted models saved to and loaded from a documented, versioned JSON file
 * ({@link dev.argmax.models.saved.SavedModel}), and their predictions for new data through the
 * saved model frame ({@link dev.argmax.models.saved.Predictions}).
 */
package dev.argmax.models.saved;
