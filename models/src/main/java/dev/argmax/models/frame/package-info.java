/**
 * R's model formulas and model frames: {@link dev.argmax.models.frame.Formula} parses
 * Wilkinson-Rogers notation ({@code y ~ a * b + log(x) + poly(z, 2, raw = TRUE) + offset(log(t))},
 * {@code cbind(s, f) ~ .}), {@link dev.argmax.models.frame.Terms} expands it into terms as R's
 * {@code terms.formula}, and {@link dev.argmax.models.frame.ModelFrame} learns the variables'
 * kinds, factor levels and contrasts on a {@link dev.argmax.core.data.CsvTable} and builds the
 * column-major design as R's {@code model.matrix} (same columns, same names, same order), with
 * R's {@code na.omit} / {@code na.fail}. The same frame, saved with a model, turns new data into
 * the design that model expects.
 */
package dev.argmax.models.frame;
