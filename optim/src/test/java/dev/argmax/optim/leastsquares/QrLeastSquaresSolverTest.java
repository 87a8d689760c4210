package dev.argmax.optim.leastsquares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.core.objective.LogisticDatafit;
import dev.argmax.core.objective.QuadraticDatafit;
import dev.argmax.core.testing.Fixtures;
import dev.argmax.optim.IncompatibleSolverException;
import dev.argmax.optim.Problem;
import dev.argmax.optim.SolverResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The direct QR solver against R 4.2.2 {@code glm(gaussian)} on the diabetes data ({@code glm/gaussian_diabetes.json}). */
class QrLeastSquaresSolverTest {

    @Test
    void matchesROnDiabetes() {
        JsonNode ref = Fixtures.json("glm/gaussian_diabetes.json");
        Dataset d = Fixtures.csv("data/diabetes.csv").toDataset("y");
        Problem p = new Problem(new Design(d.x(), true), new QuadraticDatafit(d.response(), null), ElasticNet.none());
        LeastSquaresFit fit = new QrLeastSquaresSolver().fit(p);
        SolverResult r = fit.result();
        assertTrue(r.converged());
        double err = Fixtures.maxRelDiff(r.coefficients(), Fixtures.doubles(ref.get("coefficients")), 0);
        assertTrue(err < 1e-12, "coefficients vs R: " + err);
        double dev = fit.solution().residualSumOfSquares();
        assertEquals(ref.get("deviance").asDouble(), dev, 1e-12 * dev);
        assertEquals(1, r.trace().size());
    }

    @Test
    void rejectsLogisticAndPenalties() {
        Dataset d = Fixtures.csv("data/spector.csv").toDataset("y");
        Problem logistic = new Problem(new Design(d.x(), true), new LogisticDatafit(d.response(), null),
                ElasticNet.none());
        IncompatibleSolverException e = assertThrows(IncompatibleSolverException.class,
                () -> new QrLeastSquaresSolver().solve(logistic, null));
        assertTrue(e.getMessage().contains("a squared-error (least-squares) loss"), e.getMessage());
        assertTrue(e.getMessage().contains("irls"), e.getMessage());
        Problem ridge = new Problem(new Design(d.x(), true), new QuadraticDatafit(d.response(), null),
                ElasticNet.ridge(1));
        e = assertThrows(IncompatibleSolverException.class, () -> new QrLeastSquaresSolver().solve(ridge, null));
        // the list names every registered solver that handles a ridge
        assertTrue(e.getMessage().startsWith("solver 'qr' needs no penalty (maximum likelihood), which the quadratic "
                + "datafit with penalty ridge (lambda=1.0) does not offer; solvers that handle it: "), e.getMessage());
        for (String name : List.of("irls", "cd", "gd", "ista", "fista", "lbfgs")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
