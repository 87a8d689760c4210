/**
 * First-order solvers: gradient descent with Nesterov momentum ({@code gd}), proximal gradient
 * ({@code ista}, {@code fista}) and L-BFGS ({@code lbfgs}), iterating in standardized coordinates.
 */
package dev.argmax.optim.gradient;
