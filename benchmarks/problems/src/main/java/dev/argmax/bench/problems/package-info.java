/**
 * Dependency-free synthetic problems with fixed seeds (iid, Toeplitz, wide scales, rare events,
 * p close to n; Gaussian, binomial, Poisson), shared by argmax's benchmarks, {@code compare
 * --synthetic} and the peers; export to raw float64 and CSV, and the answers each benchmark leaves.
 */
package dev.argmax.bench.problems;
