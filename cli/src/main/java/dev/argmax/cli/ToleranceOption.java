package dev.argmax.cli;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.glm.Glm;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.optim.Solver;
import dev.argmax.optim.stopping.KktTarget;
import picocli.CommandLine.Option;

/**
 * {@code --tolerance T}, one meaning in {@code fit}, {@code path}, {@code cv} and
 * {@code compare}: every solver stops when its KKT violation (the largest violation of the
 * first-order optimality conditions, absolute, on the scale of the objective's gradient: the
 * number every solver reports) is at most T, within its iteration cap
 * ({@link Solver#withKktTarget}). Without it each solver stops by its own default rule. The IRLS
 * rule of R ({@code --epsilon}, a relative deviance change) is another quantity with another
 * name.
 */
public final class ToleranceOption {

    @Option(names = "--tolerance", paramLabel = "T", description = "Stop every solver when its KKT violation "
            + "(largest violation of the optimality conditions, absolute, as reported) is at most T, within its "
            + "iteration cap; a solver that cannot get there is reported as not converged. Default: each solver's "
            + "own rule (irls: R's --epsilon; cd: KKT violation <= 1e-9 times the null gradient; gd, ista, fista, "
            + "lbfgs: KKT violation <= 1e-8; newton: Newton decrement; qr: direct).")
    Double tolerance;

    /** The target, or null when none was given. */
    KktTarget target() {
        if (tolerance == null) {
            return null;
        }
        try {
            return KktTarget.of(tolerance);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException("--tolerance: " + e.getMessage());
        }
    }

    /** The solver with the target, or as it is without one. */
    Solver apply(Solver solver) {
        KktTarget t = target();
        return t == null ? solver : solver.withKktTarget(t);
    }

    /** Sets the target on a penalized model, if given. */
    void apply(PenalizedRegression.Builder model) {
        if (target() != null) {
            model.kktTolerance(tolerance);
        }
    }

    /** Sets the target on a GLM, if given. */
    void apply(Glm.Builder model) {
        if (target() != null) {
            model.kktTolerance(tolerance);
        }
    }
}
