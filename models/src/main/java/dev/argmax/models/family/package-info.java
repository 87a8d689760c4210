/**
 * GLM families as negative log-likelihoods with their canonical links: Gaussian / identity,
 * binomial / logit, Poisson / log ({@link dev.argmax.models.family.Family},
 * {@link dev.argmax.models.family.Link}), with R's conventions for starting values, deviance and
 * log-likelihood.
 */
package dev.argmax.models.family;
