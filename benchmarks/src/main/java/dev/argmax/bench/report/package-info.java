/**
 * Turns JMH results and the answers the benchmarks leave into {@code results.json} and
 * {@code results.md}: rates, iterations as multiples of the reference rows, solver agreement, and
 * peers side by side.
 */
package dev.argmax.bench.report;
