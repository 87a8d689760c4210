/**
 * Iteratively reweighted least squares (Newton / Fisher scoring) on the solver contracts:
 * {@link dev.argmax.optim.irls.Irls}, the rank test on the weighted Gram
 * ({@link dev.argmax.optim.irls.AliasedColumns}) and the fit details the statistical layer needs
 * ({@link dev.argmax.optim.irls.IrlsFit}).
 */
package dev.argmax.optim.irls;
