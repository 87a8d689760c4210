/**
 * Inference on fitted models: Wald tables (standard errors, z / t statistics, p-values, confidence
 * intervals) with R's number formatting, and the linear-programming check of whether a binomial or
 * Poisson MLE exists ({@link dev.argmax.models.inference.Separation}, Konis 2007).
 */
package dev.argmax.models.inference;
