package dev.argmax.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr for long runs (solver comparisons, paths, cross-validation,
 * benchmark subsets), drawn only when stderr is a terminal ({@code System.console() != null}),
 * so that redirected output and tests stay clean.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private final String task;

    private Progress(PrintStream out, String task, int total) {
        this.out = out;
        this.task = task;
        this.total = Math.max(total, 1);
    }

    /** A bar of {@code total} steps on stderr, or a silent one when stderr is not a terminal. */
    public static Progress start(String task, int total) {
        return new Progress(System.console() != null ? System.err : null, task, total);
    }

    /** Shows that step {@code done} (0-based count of finished steps) is reached, with a label. */
    public void step(int done, String label) {
        if (out == null) {
            return;
        }
        int filled = (int) Math.round((double) WIDTH * Math.min(done, total) / total);
        out.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " " + label + "\u001b[K");
        out.flush();
    }

    /** Clears the bar. */
    @Override
    public void close() {
        if (out != null) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
