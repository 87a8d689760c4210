/**
 * Regularization paths: exact lambda_max, glmnet's geometric sequence, warm starts, the sequential
 * strong rule with a KKT check over all variables, and direct ridge solutions.
 */
package dev.argmax.optim.path;
