package dev.argmax.models.glm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.linalg.*;
import dev.argmax.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
class DebugTmpTest {
  @Test void dbg() {
    JsonNode ref = Fixtures.json("glm/logistic_birthwt.json");
    Dataset d = GlmReferenceTest.data(ref);
    Design des = new Design(d.x(), true);
    int n = d.rows();
    double[] h = new double[n]; double[] z = new double[n];
    for (int i = 0; i < n; i++) { h[i] = 0.25 / n; z[i] = -((0.5 - d.response()[i]) / n) / h[i]; }
    Design.NormalEquations ne = des.weightedNormalEquations(h, z);
    double[] sol = Cholesky.factor(ne.gram()).solve(ne.rhs());
    System.out.println(java.util.Arrays.toString(sol));
    double[] sol2 = new org.apache.commons.math3.linear.CholeskyDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(ne.gram().toArray())).getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(ne.rhs())).toArray();
    System.out.println(java.util.Arrays.toString(sol2));
    double[] r1 = ne.gram().times(sol); double[] r2 = ne.gram().times(sol2);
    for (int i = 0; i < r1.length; i++) System.out.println(ne.rhs()[i] + " " + r1[i] + " " + r2[i]);
    Cholesky c = Cholesky.factor(ne.gram()); System.out.println("rcond " + c.reciprocalCondition());
    System.out.println(java.util.Arrays.deepToString(c.upper().toArray()));
    int[] al = dev.argmax.optim.irls.AliasedColumns.find(ne.gram(), 1e-7);
    System.out.println(java.util.Arrays.toString(al));
  }
}
