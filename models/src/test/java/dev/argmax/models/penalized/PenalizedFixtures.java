package dev.argmax.models.penalized;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.testing.PenalizedReference;
import dev.argmax.models.family.Family;
import java.nio.file.Path;
import java.util.List;

/**
 * A penalized reference fixture ({@link PenalizedReference}, the one loader of the format) as the
 * models' tests use it: its {@link Dataset} and {@link Family}.
 *
 * @param reference the fixture
 * @param data its data
 */
record PenalizedFixtures(PenalizedReference reference, Dataset data) {

    static List<PenalizedFixtures> all() {
        return PenalizedReference.all().stream().map(PenalizedFixtures::of).toList();
    }

    static PenalizedFixtures load(Path file) {
        return of(PenalizedReference.load(file));
    }

    private static PenalizedFixtures of(PenalizedReference r) {
        return new PenalizedFixtures(r, r.dataset());
    }

    String name() {
        return reference.name();
    }

    JsonNode json() {
        return reference.json();
    }

    boolean lasso() {
        return reference.lasso();
    }

    boolean standardized() {
        return reference.standardized();
    }

    Family family() {
        return Family.of(reference.family());
    }

    double[] lambdas() {
        return reference.lambdas();
    }

    double[] expected(int k) {
        return reference.expected(k);
    }

    double objective(int k) {
        return reference.expectedObjective(k);
    }

    @Override
    public String toString() {
        return reference.name();
    }
}
