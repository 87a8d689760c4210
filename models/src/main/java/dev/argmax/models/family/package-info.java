/**
 * GLM families as R's family objects: a {@link dev.argmax.models.family.Family} pairs a
 * {@link dev.argmax.models.family.Variance} function with one of the
 * {@link dev.argmax.models.family.Link}s it allows (gaussian, binomial, poisson, Gamma,
 * inverse.gaussian, quasibinomial, quasipoisson, negative binomial, Tweedie; identity, log, logit,
 * probit, cauchit, cloglog, sqrt, inverse, 1/mu^2), with R's conventions for validation, starting
 * values, deviance, log-likelihood, AIC and dispersion. The datafit of any family and link is
 * derived from that definition ({@link dev.argmax.models.family.FamilyDatafit}: Fisher weights
 * {@code (dmu/deta)^2 / V(mu)}); adding a link or a family is one class (plus its entry in
 * {@link dev.argmax.models.family.Link#ALL} or {@link dev.argmax.models.family.Family#of}).
 */
package dev.argmax.models.family;
