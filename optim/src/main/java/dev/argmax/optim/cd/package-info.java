/**
 * Proximal coordinate descent (solver {@code cd}): exact coordinate minimisers of separable
 * penalties, naive (residual) and covariance (Gram) updates, an outer quadratic approximation for
 * non-quadratic datafits, active sets and KKT-checked stopping.
 */
package dev.argmax.optim.cd;
