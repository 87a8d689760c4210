/**
 * argmax's GLMs and penalized paths on Apache Spark: rows cached as primitive partition blocks,
 * the single-machine Newton sums computed per partition and added by treeReduce, solved on the
 * driver; fits implement the same {@code GlmResult} as the single-machine fit.
 */
package dev.argmax.spark;
