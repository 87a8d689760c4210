/**
 * The peers' JMH benchmarks (commons-math3 and Smile on their own classpath), fitting the same
 * synthetic problems as argmax's benchmarks so that the report can set them side by side.
 */
package dev.argmax.bench.peers;
