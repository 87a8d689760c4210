/**
 * Penalized fits as MAP estimates, in glmnet's objective (1/n) sum w_i nll_i + lambda P(b):
 * the builder, fits and paths addressed by lambda, priors mapped to penalties
 * ({@link dev.argmax.models.penalized.Prior}), glmnet's standardization, and K-fold
 * cross-validation.
 */
package dev.argmax.models.penalized;
