package dev.argmax.models.family;

/** Equality, hash and printing of a {@link Link} by its name. */
abstract class AbstractLink implements Link {

    /** R's {@code .Machine$double.eps}, the bound R puts on probabilities and {@code dmu/deta}. */
    static final double EPS = Math.ulp(1.0);

    @Override
    public final boolean equals(Object o) {
        return o instanceof Link l && l.label().equals(label());
    }

    @Override
    public final int hashCode() {
        return label().hashCode();
    }

    @Override
    public final String toString() {
        return label();
    }
}
