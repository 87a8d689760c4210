package dev.argmax.models.glm;

/**
 * The maximum-likelihood estimate of the negative binomial theta ({@code MASS::glm.nb}), with its
 * standard error {@code 1 / sqrt(I_theta)}, {@code I_theta = -d^2 loglik / d theta^2} at the
 * fitted means (the observed information of theta alone, {@code theta.ml}'s convention), and the
 * number of alternations between IRLS for the coefficients and Newton's method for theta.
 *
 * @param theta the estimate
 * @param standardError {@code 1 / sqrt(I_theta)}
 * @param alternations outer iterations
 * @param converged whether the alternation met its tolerance
 */
public record ThetaEstimate(double theta, double standardError, int alternations, boolean converged) {
}
