package dev.argmax.bench;

import dev.argmax.cli.compare.SyntheticProblems;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.Solvers;
import java.util.stream.Collectors;

/**
 * Prints, comma-separated, the registered solvers that can fit a maximum-likelihood problem of
 * the given family ({@code args[0]}, default binomial) and, with {@code args[1] = lasso}, a lasso:
 * what {@code run-benchmarks.sh} passes to JMH as the solver parameter, so that the suite grows
 * as solvers are added to {@link Solvers}.
 */
public final class SolverNames {

    private SolverNames() {
    }

    public static void main(String[] args) {
        Family family = Family.parse(args.length > 0 ? args[0] : "binomial");
        boolean lasso = args.length > 1 && args[1].equalsIgnoreCase("lasso");
        SyntheticProblem prob = SyntheticProblem.generate(new ProblemSpec(50, 2, family, Scenario.IID, 1));
        Problem problem = SyntheticProblems.problem(prob, SyntheticProblems.matrix(prob),
                lasso ? ElasticNet.lasso(0.01) : ElasticNet.none());
        System.out.println(Solvers.compatibleWith(problem).stream().map(Solver::name)
                .collect(Collectors.joining(",")));
    }
}
