/**
 * Plots written as PNG (XChart): suboptimality against time and iterations for a comparison,
 * coefficient paths against log lambda, and the cross-validation curve.
 */
package dev.argmax.cli.plot;
