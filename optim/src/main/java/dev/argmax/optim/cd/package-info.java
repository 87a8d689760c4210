/**
 * Proximal coordinate descent (solver {@code cd}): exact coordinate minimizers of separable
 * penalties, an outer quadratic approximation for non-quadratic datafits, active sets and
 * KKT-checked stopping ({@link dev.argmax.optim.cd.CoordinateDescentWorkspace}, the control loop),
 * with three ways of minimizing the quadratic model: naive (residual) updates on a centered copy of
 * X, covariance updates on the Gram of a quadratic datafit, and proximal Newton on the weighted
 * Gram of the strong set. The last two, and {@code newton.ProximalNewton}, share one coordinate
 * descent on a Gram, {@link dev.argmax.optim.cd.GramCoordinateDescent}.
 */
package dev.argmax.optim.cd;
