/**
 * Stopping rules as small combinable objects: KKT violation, gradient mapping, relative objective
 * change, iteration cap; a result says which rule fired.
 */
package dev.argmax.optim.stopping;
