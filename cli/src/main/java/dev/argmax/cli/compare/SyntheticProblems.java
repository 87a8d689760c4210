package dev.argmax.cli.compare;

import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.SyntheticProblem;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.Penalty;
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

    /** argmax's family and link for a synthetic problem's family (by R's names). */
    public static dev.argmax.models.family.Family family(Family family) {
        return dev.argmax.models.family.Family.of(family.family(), family.link());
    }

    /** The family's datafit on y, unit weights (the hand-tuned core datafits for canonical links). */
    public static Datafit datafit(Family family, double[] y) {
        return family(family).datafit(y);
    }

    /** The problem with an intercept, the family's datafit and the given penalty. */
    public static Problem problem(SyntheticProblem prob, INDArray x, Penalty penalty) {
        return new Problem(new Design(x, true), datafit(prob.spec().family(), prob.response()), penalty);
    }
}
