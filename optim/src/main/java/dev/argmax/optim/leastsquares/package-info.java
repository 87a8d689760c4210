/**
 * The direct Gaussian / identity solver: weighted least squares by pivoted QR with double-double
 * refinement ({@link dev.argmax.optim.leastsquares.QrLeastSquaresSolver}, "qr").
 */
package dev.argmax.optim.leastsquares;
