/**
 * Closed-form maximum-likelihood estimation for the classic distributions (Bernoulli,
 * Binomial with known trials, Poisson, Exponential, Geometric, Gaussian, Multinomial).
 *
 * <p>A {@link dev.argmax.models.distribution.Likelihood} knows its MLE, log-likelihood, score and
 * expected Fisher information; {@link dev.argmax.models.distribution.Likelihood#fit} bundles them
 * into a {@link dev.argmax.models.distribution.MaximumLikelihoodFit} with asymptotic standard
 * errors {@code 1/sqrt(n I(theta_hat))}, Wald intervals and the invariance property
 * ({@link dev.argmax.models.distribution.DerivedEstimate}: the MLE of {@code g(theta)} with its
 * delta-method standard error). Edge cases (an MLE on the boundary of the parameter space, no
 * finite MLE) are answered in the fit's {@code warnings}, never by an exception or a silent
 * number. Each family also gives the KL divergence, entropy and cross-entropy between its members
 * and against the empirical distribution of a sample, so that "the MLE minimizes the forward KL
 * divergence from the empirical distribution" can be checked numerically.
 */
package dev.argmax.models.distribution;
