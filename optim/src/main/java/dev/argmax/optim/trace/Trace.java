package dev.argmax.optim.trace;

import java.util.ArrayList;
import java.util.List;

/** The immutable per-iteration history of a solve. */
public final class Trace {

    private final List<TraceEntry> entries;

    private Trace(List<TraceEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty trace (direct methods). */
    public static Trace empty() {
        return new Trace(List.of());
    }

    /** A trace of the given entries. */
    public static Trace of(List<TraceEntry> entries) {
        return new Trace(entries);
    }

    public List<TraceEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** The last entry, or null when empty. */
    public TraceEntry last() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** Objective per iteration. */
    public double[] objectives() {
        return entries.stream().mapToDouble(TraceEntry::objective).toArray();
    }

    /**
     * Records a trace while a solver runs; the clock starts when the recorder is made.
     * Not thread-safe.
     */
    public static final class Recorder {
        private final long start = System.nanoTime();
        private final List<TraceEntry> entries = new ArrayList<>();

        /** Appends an entry stamped with the time since the recorder started. */
        public TraceEntry record(int iteration, double objective, double optimality, double stepSize) {
            TraceEntry e = new TraceEntry(iteration, objective, optimality, stepSize, System.nanoTime() - start);
            entries.add(e);
            return e;
        }

        /** Nanoseconds since the recorder started. */
        public long elapsedNanos() {
            return System.nanoTime() - start;
        }

        public Trace toTrace() {
            return Trace.of(entries);
        }
    }
}
