/**
 * Wald inference (standard errors, z / t statistics, p-values, confidence intervals) and R's
 * number formatting for coefficient tables.
 */
package dev.argmax.models.inference;
