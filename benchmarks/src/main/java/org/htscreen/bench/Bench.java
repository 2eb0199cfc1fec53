package org.htscreen.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar STEP}: one benchmark step per command, each writing its figures
 * to {@code <results>/<step>.properties}; {@code report} prints them as one table. {@code benchmarks/run.sh} runs
 * them all.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "htscreen benchmarks (issue 5); benchmarks/run.sh runs every step.",
        subcommands = {GenerateStep.class, EngineThroughput.class, StateSize.class, BacktestSpeed.class,
                EndToEnd.class, CostGrowth.class, BrokerProcess.class, Report.class, EngineCpu.class})
public final class Bench implements Callable<Integer> {

    static {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "org.htscreen.avro");
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; every failure ends with one line {@code benchmarks: why} on standard error. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bench());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("benchmarks: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            ex.printStackTrace(c.getErr());
            c.getErr().println("benchmarks: " + c.getCommandName() + " failed: " + ex);
            return 1;
        });
        return cl;
    }

    /** A progress line on standard error, with the time. */
    static void say(String format, Object... args) {
        System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(java.util.Locale.ROOT, format, args));
    }
}
