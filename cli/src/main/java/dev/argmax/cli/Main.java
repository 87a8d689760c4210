package dev.argmax.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code argmax} command line: {@code java -jar cli/target/argmax.jar <command>}.
 *
 * <p>Errors are printed to stderr as one line, with a non-zero exit status (2 for bad usage or
 * bad data, 1 for anything else; running out of memory is one line naming {@code -Xmx}, not a
 * stack trace). Commands run on a thread with a large stack, because
 * OpenBLAS's LAPACK routines need more than the JVM's default.
 */
@Command(name = "argmax", mixinStandardHelpOptions = true, versionProvider = Main.BuildVersion.class,
        description = "Maximum-likelihood and MAP estimation: fit GLMs, compare solvers, estimate distributions.",
        subcommands = {FitCommand.class, PredictCommand.class, AnovaCommand.class, CvCommand.class,
            EstimateCommand.class, CompareCommand.class, PathCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private static final long STACK_BYTES = 64L << 20;

    /** {@code --version}: the version the build wrote into {@code version.properties}. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties props = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new java.io.IOException("version.properties is missing from the argmax jar");
                }
                props.load(in);
            }
            return new String[] {"argmax " + props.getProperty("version")};
        }
    }

    /** Runs the command line and returns its exit status (for tests and for {@link #main}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            String message = cause.getMessage();
            if (message == null || message.isBlank()) {
                message = cause.getClass().getSimpleName();
            }
            commandLine.getErr().println("error: " + message.lines().findFirst().orElse(message));
            commandLine.getErr().flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage().lines().findFirst().orElse(ex.getMessage())
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return 2;
        });
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (" + e.getMessage() + ") with -Xmx"
                    + Math.round(Runtime.getRuntime().maxMemory() / (double) (1 << 20)) + "m; start Java with a larger "
                    + "-Xmx");
            status = 1;
        }
        out.flush();
        err.flush();
        return status;
    }

    public static void main(String[] args) throws InterruptedException {
        AtomicInteger status = new AtomicInteger(1);
        Thread worker = new Thread(null, () -> status.set(run(new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args)), "argmax", STACK_BYTES);
        worker.start();
        worker.join();
        System.exit(status.get());
    }
}
