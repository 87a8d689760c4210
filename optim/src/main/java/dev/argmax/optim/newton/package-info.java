/**
 * The sums one Newton step needs over a set of rows ({@link dev.argmax.optim.newton.NewtonSums}),
 * which add over disjoint row sets, and the Newton-type drivers that run on them, shared by the
 * single-machine fits and argmax-spark.
 */
package dev.argmax.optim.newton;
