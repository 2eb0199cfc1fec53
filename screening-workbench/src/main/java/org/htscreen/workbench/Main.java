package org.htscreen.workbench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.rules.RuleSetException;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code screening}: the analyst workbench. Exit codes: 0 success, 1 findings or validation failures, 2 usage or
 * input errors; every non-zero exit ends with one line {@code exit N: why} on standard error.
 */
@Command(name = "screening", mixinStandardHelpOptions = true, version = "htscreen workbench 0.1.0",
        description = "The analyst workbench of htscreen: read the rules, generate sample data, backtest with labels, "
                + "sweep parameters, diff rule and parameter versions, draft goAML reports; always on the same engine as the live job.",
        subcommands = {RulesCommand.class, GenerateCommand.class, BacktestCommand.class, SweepCommand.class,
                DiffCommand.class, GoamlCommand.class, ExemptionsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 findings or validation failures, 2 usage or input errors."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] args) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "org.htscreen.avro");
        }
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (used by the tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = commandLine();
        cl.setOut(o);
        cl.setErr(e);
        try {
            return cl.execute(args);
        } catch (Error fatal) {   // picocli passes Errors through: still one line, exit 2, no hang
            e.println("exit 2: " + RunFailure.of("the run", fatal, "give the JVM more heap (JAVA_OPTS=-Xmx...)")
                    .getMessage());
            return Exit.USAGE;
        } finally {
            o.flush();
            e.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.println("exit 2: usage error");
            return Exit.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputException || ex instanceof UsageException) {
                err.println("error: " + ex.getMessage());
                err.println("exit 2: " + (ex instanceof UsageException ? "usage error" : "input error"));
            } else if (ex instanceof RuleSetException || ex instanceof InvalidParameterException) {
                err.println("error: " + ex.getMessage());
                err.println("exit 2: the rule set or parameters cannot be used");
            } else if (ex instanceof RunFailure) {
                err.println("exit 2: " + ex.getMessage());
            } else if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                err.println("error: " + ex.getMessage());
                err.println("exit 2: input or output error");
            } else {
                ex.printStackTrace(err);
                err.println("exit 2: could not run (" + ex + ")");
            }
            err.flush();
            return Exit.USAGE;
        });
        return cl;
    }
}
