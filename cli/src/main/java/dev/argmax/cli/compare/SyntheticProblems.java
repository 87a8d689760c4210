package dev.argmax.cli.compare;

import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.Penalty;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.optim.Problem;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns the shared synthetic problems into argmax's types: X as a native column-major matrix, a datafit, a problem. */
public final class SyntheticProblems {

    private SyntheticProblems() {
    }

    /** X as a dense column-major DOUBLE ND4J matrix (one memcpy of n p doubles). */
    public static INDArray matrix(SyntheticProblem prob) {
        INDArray x = NativeArrays.matrix(prob.rows(), prob.predictors());
        DoublePointer ptr = NativeArrays.pointer(x);
        ptr.put(prob.columnMajor(), 0, prob.rows() * prob.predictors());
        ptr.position(0);
        return x;
    }

    /** The family's negative log-likelihood as a datafit on y, unit weights. */
    public static Datafit datafit(Family family, double[] y) {
        return switch (family) {
            case GAUSSIAN -> new QuadraticDatafit(y, null);
            case BINOMIAL -> new LogisticDatafit(y, null);
            case POISSON -> new PoissonDatafit(y, null);
        };
    }

    /** The problem with an intercept, the family's datafit and the given penalty. */
    public static Problem problem(SyntheticProblem prob, INDArray x, Penalty penalty) {
        return new Problem(new Design(x, true), datafit(prob.spec().family(), prob.response()), penalty);
    }
}
