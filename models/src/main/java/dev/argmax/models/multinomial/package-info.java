/**
 * Multinomial logistic regression (the softmax model, cross-entropy): K classes with a
 * vector-valued linear predictor, fitted by maximum likelihood as {@code nnet::multinom}
 * (reference class = the first level, coefficients {@code (K-1) x (p+1)} named
 * {@code class:term}) with full Wald inference, and penalized as glmnet's multinomial family.
 * The datafit is core's {@link dev.argmax.core.objective.MultinomialDatafit}; every solver that
 * accepts a vector-valued predictor works on it.
 */
package dev.argmax.models.multinomial;
