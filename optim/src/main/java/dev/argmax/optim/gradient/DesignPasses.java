package dev.argmax.optim.gradient;

import dev.argmax.core.linalg.Design;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two passes over the data that a gradient iteration costs, {@code A beta} and {@code A' v},
 * through the kernel measured to be faster for the problem's size: OpenBLAS {@code dgemv} via
 * {@link Design} for large designs, plain loops over a primitive column-major copy of X for small
 * ones, where the JNI call and the copies to native buffers around each {@code dgemv} dominate
 * (see {@link #PRIMITIVE_MAX_ENTRIES}).
 */
abstract class DesignPasses {

    /**
     * Designs with at most this many entries {@code n p} use primitive loops. Measured on this
     * machine (OpenBLAS, ND4J 1.0.0-M2.1): for 442 x 10 the loops take ~4 us per pass against
     * ~14 us for dgemv with its copies; the two meet near 10^5 entries, above which dgemv wins.
     */
    static final long PRIMITIVE_MAX_ENTRIES = 100_000;

    final int n;
    final int p;
    final boolean intercept;

    private DesignPasses(Design design) {
        this.n = design.rows();
        this.p = design.predictors();
        this.intercept = design.hasIntercept();
    }

    /** The faster kernel for this design. */
    static DesignPasses of(Design design) {
        return (long) design.rows() * design.predictors() <= PRIMITIVE_MAX_ENTRIES ? primitive(design) : blas(design);
    }

    /** OpenBLAS dgemv through {@link Design} (a private copy of the operator, sharing X). */
    static DesignPasses blas(Design design) {
        return new Blas(design.copy());
    }

    /** Loops over a primitive copy of X. */
    static DesignPasses primitive(Design design) {
        return new Primitive(design);
    }

    /** {@code out = A beta}. */
    abstract void multiply(double[] beta, double[] out);

    /** {@code out = A' v}. */
    abstract void transposeMultiply(double[] v, double[] out);

    private static final class Blas extends DesignPasses {
        private final Design design;

        Blas(Design design) {
            super(design);
            this.design = design;
        }

        @Override
        void multiply(double[] beta, double[] out) {
            design.multiply(beta, out);
        }

        @Override
        void transposeMultiply(double[] v, double[] out) {
            design.transposeMultiply(v, out);
        }
    }

    private static final class Primitive extends DesignPasses {
        /** X column-major, column j at {@code [j n, (j+1) n)}. */
        private final double[] x;

        Primitive(Design design) {
            super(design);
            INDArray m = design.x();
            this.x = new double[n * p];
            for (int j = 0; j < p; j++) {
                double[] col = m.getColumn(j).toDoubleVector();
                System.arraycopy(col, 0, x, j * n, n);
            }
        }

        @Override
        void multiply(double[] beta, double[] out) {
            int off = intercept ? 1 : 0;
            java.util.Arrays.fill(out, 0, n, intercept ? beta[0] : 0.0);
            for (int j = 0; j < p; j++) {
                double b = beta[j + off];
                if (b == 0.0) {
                    continue;
                }
                int base = j * n;
                for (int i = 0; i < n; i++) {
                    out[i] += b * x[base + i];
                }
            }
        }

        @Override
        void transposeMultiply(double[] v, double[] out) {
            int off = intercept ? 1 : 0;
            if (intercept) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i];
                }
                out[0] = s;
            }
            for (int j = 0; j < p; j++) {
                int base = j * n;
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[base + i] * v[i];
                }
                out[j + off] = s;
            }
        }
    }
}
