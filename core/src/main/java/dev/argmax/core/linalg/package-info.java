/**
 * Dense linear algebra on ND4J / OpenBLAS: the design operator A = [1, X] ({@code A beta},
 * {@code A'v}, the weighted Gram by panelled SYRK), Cholesky with condition estimates, pivoted QR,
 * least squares with double-double refinement. Triangular solves run on the heap: OpenBLAS 0.3.19's
 * SkylakeX dtrsm / dtrmm are wrong from order 8.
 */
package dev.argmax.core.linalg;
