package dev.argmax.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The registry of argmax's solvers, by name, with default settings: what {@code --solver NAME}
 * on the command line and the capability messages ("solvers that handle it: ...") draw on.
 * Each solver package adds its entry to {@link #REGISTRY}.
 */
public final class Solvers {

    private static final List<Supplier<Solver>> REGISTRY = List.of(
            dev.argmax.optim.irls.Irls::new,
            dev.argmax.optim.leastsquares.QrLeastSquaresSolver::new,
            dev.argmax.optim.cd.CoordinateDescent::new,
            dev.argmax.optim.gradient.GradientDescent::new,
            dev.argmax.optim.gradient.ProximalGradient::ista,
            dev.argmax.optim.gradient.ProximalGradient::fista,
            dev.argmax.optim.gradient.Lbfgs::new,
            dev.argmax.optim.newton.BlockNewton::new
    );

    private Solvers() {
    }

    /** A fresh instance of every solver, with default settings. */
    public static List<Solver> all() {
        List<Solver> out = new ArrayList<>();
        for (Supplier<Solver> s : REGISTRY) {
            out.add(s.get());
        }
        return out;
    }

    /** The solvers that can handle the problem. */
    public static List<Solver> compatibleWith(Problem problem) {
        return all().stream().filter(s -> s.supports(problem)).toList();
    }

    /**
     * The solver with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known solvers when there is none
     */
    public static Solver byName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (Solver s : all()) {
            if (s.name().equals(key)) {
                return s;
            }
            names.add(s.name());
        }
        throw new IllegalArgumentException("unknown solver '" + name + "'; the solvers are " + names);
    }
}
