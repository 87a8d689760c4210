/**
 * Conjugate Bayesian updating for the classic distributions.
 *
 * <p>Each prior/posterior is an immutable record of a distribution over the model parameter;
 * updating returns a new record, and updating with a batch equals updating one observation at a
 * time. Conventions (as in the project's reference fixtures):
 *
 * <ul>
 *   <li>{@link dev.argmax.models.conjugate.Beta Beta(alpha, beta)} over a probability p
 *       (Bernoulli, Binomial with known trials, Geometric).</li>
 *   <li>{@link dev.argmax.models.conjugate.Dirichlet Dirichlet(alpha_1..alpha_K)} over category
 *       probabilities (Multinomial).</li>
 *   <li>{@link dev.argmax.models.conjugate.Gamma Gamma(shape a, RATE b)}, density
 *       {@code b^a/Gamma(a) x^(a-1) exp(-b x)}, mean {@code a/b}, over a Poisson rate or an
 *       exponential rate.</li>
 *   <li>{@link dev.argmax.models.conjugate.InverseGamma InvGamma(shape alpha, SCALE beta)},
 *       density {@code beta^alpha/Gamma(alpha) x^(-alpha-1) exp(-beta/x)}, mean
 *       {@code beta/(alpha-1)}, over a Gaussian variance with known mean.</li>
 *   <li>{@link dev.argmax.models.conjugate.Normal Normal(mean, variance)} over a Gaussian mean
 *       with known variance.</li>
 *   <li>{@link dev.argmax.models.conjugate.NormalInverseGamma Normal-Inverse-Gamma(mu, kappa,
 *       alpha, beta)}: {@code mu | sigma2 ~ N(mu, sigma2/kappa)}, {@code sigma2 ~ InvGamma(alpha,
 *       beta)}.</li>
 * </ul>
 *
 * <p>The MAP estimate is the posterior {@link dev.argmax.models.conjugate.Mode mode}, which says
 * explicitly when it lies on the boundary, is not unique, or does not exist (unbounded density).
 * Credible intervals are equal-tailed, from commons-math3 quantile functions.
 */
package dev.argmax.models.conjugate;
