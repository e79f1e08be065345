package dev.nabla.cli;

import dev.nabla.data.DataFormatException;
import dev.nabla.io.CheckpointException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code nabla} command: {@code train}, {@code eval}, {@code predict} and {@code summary}. Mistakes a user can
 * make (a missing file, bad data, an unknown option value) print one line starting with {@code nabla:} and exit
 * with a non-zero status; anything else is a bug and prints its stack trace.
 */
@Command(name = "nabla", mixinStandardHelpOptions = true, version = "nabla 0.1.0",
        description = "Train, evaluate and run Nabla models from the command line.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SummaryCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status of a user error (bad file, bad data). */
    public static final int USER_ERROR = 1;
    /** Exit status of a bad command line (picocli's convention). */
    public static final int USAGE_ERROR = 2;

    static {
        // Plots are drawn off-screen; never try to reach a display.
        System.setProperty("java.awt.headless", "true");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(ModelKind.class, v -> choice(ModelKind.values(), ModelKind::id, v));
        cl.registerConverter(OptimizerKind.class, v -> choice(OptimizerKind.values(), OptimizerKind::id, v));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, args) -> {
            // One line: what is wrong and where to read more.
            String command = ex.getCommandLine().getCommandName();
            String qualified = ex.getCommandLine().getParent() == null ? command : "nabla " + command;
            ex.getCommandLine().getErr().println("nabla: " + oneLine(ex.getMessage()) + " (see '" + qualified + " --help')");
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = userMessage(ex);
            if (message == null) throw ex;
            commandLine.getErr().println("nabla: " + oneLine(message));
            return USER_ERROR;
        });
        return cl;
    }

    /** Reads an option value by its lower-case name, listing the choices when it is none of them. */
    private static <E> E choice(E[] values, java.util.function.Function<E, String> id, String value) {
        for (E e : values) if (id.apply(e).equalsIgnoreCase(value)) return e;
        throw new CommandLine.TypeConversionException("expected one of "
                + java.util.Arrays.stream(values).map(id).collect(java.util.stream.Collectors.joining(", ")) + " but was '" + value + "'");
    }

    /** The message of an exception a user caused, or null for a bug. */
    private static String userMessage(Exception ex) {
        if (ex instanceof UserError || ex instanceof DataFormatException || ex instanceof CheckpointException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException nf) {
            return "file not found: " + nf.getFile();
        }
        if (ex instanceof UncheckedIOException u) return u.getMessage();
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
