/**
 * Data as the estimators see it: {@link dev.argmax.core.data.Dataset} (design, response, weights,
 * offset), CSV reading, and validation that names the bad row, column and value before any work.
 */
package dev.argmax.core.data;
