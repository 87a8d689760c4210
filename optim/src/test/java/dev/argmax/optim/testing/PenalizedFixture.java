package dev.argmax.optim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.NativeArrays;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.PoissonDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.testing.PenalizedReference;
import java.util.List;

/**
 * A penalized reference fixture ({@link PenalizedReference}, the one loader of the format) as
 * optim's tests use it: its {@link Design} and {@link Datafit}.
 *
 * @param reference the fixture
 */
public record PenalizedFixture(PenalizedReference reference) {

    public static List<PenalizedFixture> all() {
        return PenalizedReference.all().stream().map(PenalizedFixture::new).toList();
    }

    /** The unstandardized fixtures. */
    public static List<PenalizedFixture> unstandardized() {
        return PenalizedReference.unstandardized().stream().map(PenalizedFixture::new).toList();
    }

    public String name() {
        return reference.name();
    }

    public JsonNode json() {
        return reference.json();
    }

    public double[][] columns() {
        return reference.columns();
    }

    public double[] y() {
        return reference.y();
    }

    public boolean lasso() {
        return reference.lasso();
    }

    public boolean standardized() {
        return reference.standardized();
    }

    public String family() {
        return reference.family();
    }

    public double[] lambdas() {
        return reference.lambdas();
    }

    public double[] expected(int k) {
        return reference.expected(k);
    }

    public double expectedObjective(int k) {
        return reference.expectedObjective(k);
    }

    public Double lambdaMax() {
        return reference.lambdaMax();
    }

    public Design design() {
        return new Design(NativeArrays.fromColumns(reference.columns(), reference.y().length), true);
    }

    public Datafit datafit() {
        double[] y = reference.y();
        return switch (family()) {
            case "gaussian" -> new QuadraticDatafit(y, null);
            case "binomial" -> new LogisticDatafit(y, null);
            case "poisson" -> new PoissonDatafit(y, null);
            default -> throw new IllegalArgumentException("unknown family " + family());
        };
    }

    @Override
    public String toString() {
        return reference.name();
    }
}
