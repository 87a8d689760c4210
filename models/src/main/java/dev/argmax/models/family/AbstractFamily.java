package dev.argmax.models.family;

import dev.argmax.core.data.InvalidDataException;
import java.util.List;
import java.util.Objects;

/**
 * What every {@link Family} holds: its name, link, variance, the links it allows (default first)
 * and its canonical link; equality by class, link and parameter (theta, variance power).
 */
abstract class AbstractFamily implements Family {

    private final String name;
    private final Link link;
    private final Variance variance;
    private final List<Link> allowed;
    private final Link canonical;

    AbstractFamily(String name, Link link, Variance variance, List<Link> allowed, Link canonical) {
        this.name = name;
        this.variance = variance;
        this.allowed = List.copyOf(allowed);
        this.canonical = canonical;
        this.link = Objects.requireNonNull(link, "link");
        if (!this.allowed.contains(link)) {
            throw new InvalidDataException("link '" + link.label() + "' is not available for the " + name
                    + " family; its links are " + String.join(", ", this.allowed.stream().map(Link::label).toList()));
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Link link() {
        return link;
    }

    @Override
    public final Variance variance() {
        return variance;
    }

    @Override
    public final List<Link> allowedLinks() {
        return allowed;
    }

    @Override
    public final Link canonicalLink() {
        return canonical;
    }

    /** The parameter that tells two families of one class apart (theta, variance power); NaN if none. */
    double parameter() {
        return Double.NaN;
    }

    /** Requires a link this family allows. */
    final Link allowed(Link l) {
        if (!allowed.contains(l)) {
            throw new InvalidDataException("link '" + l.label() + "' is not available for the " + name
                    + " family; its links are " + String.join(", ", allowed.stream().map(Link::label).toList()));
        }
        return l;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof AbstractFamily f && f.getClass() == getClass() && f.link.equals(link)
                && Double.compare(f.parameter(), parameter()) == 0;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), link, parameter());
    }

    @Override
    public String toString() {
        return name + " (" + link.label() + " link)";
    }
}
