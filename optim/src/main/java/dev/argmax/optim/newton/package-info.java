/**
 * Newton methods over sums: {@link dev.argmax.optim.newton.NewtonSums} (information, score and
 * loss over a set of rows, additive over disjoint sets), the {@link dev.argmax.optim.newton.NewtonSource}
 * a Fisher-scoring solver asks for them (the rows of one machine,
 * {@link dev.argmax.optim.newton.DesignSource}, or a cluster's partitions), and proximal Newton
 * on the aggregated sums ({@link dev.argmax.optim.newton.ProximalNewton}).
 */
package dev.argmax.optim.newton;
