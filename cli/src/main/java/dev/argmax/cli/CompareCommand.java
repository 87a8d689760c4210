package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.cli.compare.SolverComparison;
import dev.argmax.cli.compare.SolverRun;
import dev.argmax.cli.plot.ConvergencePlot;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.Solvers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argmax compare}: every applicable solver on one problem, side by side (solver,
 * converged, iterations, time, final objective, gap to the best objective, largest coefficient
 * difference from the best), optionally with the convergence plot.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run every applicable solver on one problem and compare them (bundled Spector data by default).")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problemOptions = new ProblemOptions();

    @Option(names = "--solvers", split = ",", paramLabel = "NAME", description = "solvers to run (default: every "
            + "registered solver that handles the problem)")
    List<String> solvers;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-6", description = "largest KKT violation "
            + "at which a solver counts as converged (default 1e-6)")
    double tolerance;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw suboptimality vs time and vs iterations")
    Path plot;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format")
    String format;

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
        }
        ProblemOptions.Loaded loaded = problemOptions.load();
        Problem problem = loaded.problem();
        List<Solver> chosen = chooseSolvers(problem);
        SolverComparison comparison;
        try (Progress bar = Progress.start("compare", chosen.size())) {
            comparison = SolverComparison.run(problem, chosen, tolerance, (i, name) -> bar.step(i, name));
        }
        if (plot != null) {
            ConvergencePlot.write(comparison, loaded.description(), plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("json")) {
            out.println(Json.write(toJson(comparison, loaded)));
        } else {
            out.print(table(comparison, loaded));
        }
        out.flush();
        return 0;
    }

    private List<Solver> chooseSolvers(Problem problem) {
        if (solvers == null || solvers.isEmpty()) {
            return Solvers.compatibleWith(problem);
        }
        List<Solver> out = new ArrayList<>();
        for (String name : solvers) {
            Solver s = Solvers.byName(name.trim());
            s.requireSupported(problem, Solvers.all());
            out.add(s);
        }
        return out;
    }

    static ObjectNode toJson(SolverComparison c, ProblemOptions.Loaded loaded) {
        ObjectNode root = Json.object();
        root.put("problem", loaded.description());
        root.put("rows", loaded.problem().rows());
        List<String> names = new ArrayList<>();
        if (loaded.problem().design().hasIntercept() && loaded.problem().predictorColumns() == 1) {
            names.add("(Intercept)");
        }
        names.addAll(loaded.coefficientNames());
        Json.array(root, "coefficient_names", names);
        Json.put(root, "tolerance", c.tolerance());
        Json.put(root, "best_objective", c.bestObjective());
        root.put("best_solver", c.bestSolver());
        ArrayNode arr = root.putArray("solvers");
        for (SolverRun r : c.runs()) {
            ObjectNode o = arr.addObject();
            o.put("solver", r.solver());
            o.put("converged", r.converged());
            o.put("iterations", r.iterations());
            Json.put(o, "seconds", r.seconds());
            Json.put(o, "objective", r.objective());
            Json.put(o, "gap", r.gap());
            Json.put(o, "max_coef_diff", r.maxCoefficientDifference());
            Json.put(o, "optimality", r.optimality());
            if (r.result() != null) {
                o.put("stop_reason", r.result().stopReason().name());
                o.put("message", r.result().message());
                Json.array(o, "coefficients", r.result().coefficients());
            } else {
                o.put("error", r.error());
            }
        }
        return root;
    }

    static String table(SolverComparison c, ProblemOptions.Loaded loaded) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d rows, %d coefficients; converged = solver's own criterion and "
                + "KKT violation <= %.1e%n%n", loaded.description(), loaded.problem().rows(),
                loaded.problem().coefficients(), c.tolerance()));
        sb.append(String.format(Locale.ROOT, "%-10s %-9s %10s %11s %24s %10s %13s %10s%n", "solver", "converged",
                "iterations", "time (ms)", "objective", "gap", "max coef diff", "KKT"));
        for (SolverRun r : c.runs()) {
            if (r.result() == null) {
                sb.append(String.format(Locale.ROOT, "%-10s failed: %s%n", r.solver(), r.error()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-10s %-9s %10d %11.3f %24.17g %10.2e %13.2e %10.2e%n", r.solver(),
                    r.converged() ? "yes" : "NO", r.iterations(), r.seconds() * 1e3, r.objective(), r.gap(),
                    r.maxCoefficientDifference(), r.optimality()));
        }
        sb.append(String.format(Locale.ROOT, "%nbest objective %.17g (%s)%n", c.bestObjective(), c.bestSolver()));
        return sb.toString();
    }
}
