package dev.argmax.optim.stopping;

/**
 * What a stopping rule can see after an iteration. Fields a solver does not compute are NaN.
 *
 * @param iteration 1-based iteration count
 * @param objective {@code F(beta)} after the iteration
 * @param previousObjective {@code F} before it
 * @param deviance the deviance after the iteration (IRLS), or NaN
 * @param previousDeviance the deviance before it, or NaN
 * @param optimality largest KKT violation after the iteration, or NaN
 * @param coefficientChange {@code max_j |beta_j - beta_j_old| / max(1, max_j |beta_j|)}, or NaN
 * @param gradientMapping the largest entry of the (proximal) gradient mapping
 *     {@code (y - prox_{tP}(y - t grad f(y))) / t} of a gradient method (the gradient itself for a
 *     smooth objective), in the solver's own coordinates, or NaN
 */
public record IterationState(int iteration, double objective, double previousObjective, double deviance,
                             double previousDeviance, double optimality, double coefficientChange,
                             double gradientMapping) {

    /** A state without a gradient mapping (solvers other than gradient methods). */
    public IterationState(int iteration, double objective, double previousObjective, double deviance,
                          double previousDeviance, double optimality, double coefficientChange) {
        this(iteration, objective, previousObjective, deviance, previousDeviance, optimality, coefficientChange,
                Double.NaN);
    }
}
