/**
 * The solver contracts: a {@link dev.argmax.optim.Problem} (design, datafit, penalty), a
 * {@link dev.argmax.optim.Solver} that states the capabilities it needs, and the one result type
 * every solver returns ({@link dev.argmax.optim.SolverResult}, with a trace and a stop reason);
 * {@link dev.argmax.optim.Solvers} finds a solver by name.
 */
package dev.argmax.optim;
