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

    /**
     * The same entries with {@code nanos} added to every elapsed time: for work that belongs to
     * the solve but ran before its clock started (a path's setup, a shared workspace).
     */
    public Trace delayedBy(long nanos) {
        List<TraceEntry> out = new ArrayList<>(entries.size());
        for (TraceEntry e : entries) {
            out.add(new TraceEntry(e.iteration(), e.objective(), e.optimality(), e.stepSize(),
                    e.elapsedNanos() + nanos));
        }
        return new Trace(out);
    }

    /** Objective per iteration. */
    public double[] objectives() {
        return entries.stream().mapToDouble(TraceEntry::objective).toArray();
    }

    /**
     * Records a trace while a solver runs. The clock starts when the solver's {@code solve} is
     * entered ({@link #Recorder(long)}), so that every elapsed time, and the solver's reported
     * wall time, include its setup (Gram, standardization, step-size estimate, workspace).
     * Not thread-safe.
     */
    public static final class Recorder {
        private final long start;
        private final List<TraceEntry> entries = new ArrayList<>();

        /** A recorder whose clock starts now. */
        public Recorder() {
            this(System.nanoTime());
        }

        /**
         * A recorder whose clock started at {@code startNanos}, a {@link System#nanoTime()} reading
         * taken when the solve was entered.
         */
        public Recorder(long startNanos) {
            this.start = startNanos;
        }

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
