package org.htscreen.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.core.rules.CompiledRules;
import org.htscreen.core.rules.RuleModel;
import org.htscreen.core.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time to compile the bundled rule set from its DRL text with one of Drools' builds (ADR 0023): the first compile
 * of the JVM (cold: what a Flink operator or an engine pays when it opens) and the following ones (warm: what a
 * rule-set update on the control topic pays in a running JVM). Wall-clock time and the process's CPU time (the
 * compiler's threads, JIT and garbage collection included); run the models in alternating JVMs on a shared host.
 */
@Command(name = "rules-compile", mixinStandardHelpOptions = true,
        description = "Compile time of the bundled rule set, MVEL build or executable model, cold then warm.")
public final class RulesCompile implements Callable<Integer> {

    public static final String STEP = "rules_compile";

    @Option(names = "--model", defaultValue = "mvel", description = "mvel or executable (default ${DEFAULT-VALUE}).")
    RuleModel model;

    @Option(names = "--repeat", defaultValue = "3", description = "Compiles in this JVM, the first cold (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the results (default ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        RuleSet bundled = RuleSet.bundled();
        List<String> wall = new ArrayList<>();
        List<String> cpu = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            String load = Conditions.load();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            CompiledRules.compile(bundled, model);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            wall.add(String.valueOf(ms));
            cpu.add(String.valueOf(cpuMs));
            Bench.say("rules-compile: %s compile %d (%s): %d ms, process CPU %d ms (load %s)", model, i + 1,
                    i == 0 ? "cold" : "warm", ms, cpuMs, load);
        }
        Figures f = new Figures(STEP + "_" + model.name().toLowerCase(Locale.ROOT)).withMachine();
        f.put("model", model);
        f.put("rules", bundled.catalogue().rules().size());
        f.put("compile_ms", wall.toString());
        f.put("compile_process_cpu_ms", cpu.toString());
        f.write(results);
        return 0;
    }
}
