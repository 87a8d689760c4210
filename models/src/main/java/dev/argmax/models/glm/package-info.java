/**
 * Unpenalized GLMs by maximum likelihood, as R's {@code glm}: the {@link dev.argmax.models.glm.Glm}
 * builder and its fronts ({@link dev.argmax.models.glm.LinearRegression},
 * {@link dev.argmax.models.glm.LogisticRegression}, {@link dev.argmax.models.glm.PoissonRegression}),
 * and the fitted model with inference, diagnostics, {@code summary()} and {@code predict}
 * ({@link dev.argmax.models.glm.FittedGlm}).
 */
package dev.argmax.models.glm;
