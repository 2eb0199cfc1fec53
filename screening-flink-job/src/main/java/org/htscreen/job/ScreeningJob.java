package org.htscreen.job;

import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Entry point of the screening job for {@code flink run} (and for local runs: under {@code java -jar} the
 * environment is a local MiniCluster). Options: {@code --help}.
 */
@Command(name = "screening-flink-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Screens Kafka transaction streams for human-trafficking red flags and writes alerts to a reporting topic.")
public final class ScreeningJob implements Callable<Integer> {

    /** Name of the job in Flink. */
    public static final String JOB_NAME = "htscreen: trafficking red-flag screening";

    /** Avro 1.12 deserialises generated classes only from trusted packages (a system property). */
    public static final String AVRO_TRUSTED_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    /** The package of the generated Avro classes. */
    public static final String AVRO_PACKAGE = "org.htscreen.avro";

    static {
        trustAvroPackage();
    }

    @Mixin
    JobOptions options = new JobOptions();

    /**
     * Runs the job. Returns normally on success: under {@code flink run} and in application mode this method runs
     * inside Flink's client or JobManager, where {@code System.exit} would end that process; it exits only with an
     * error code.
     */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Adds the job's Avro package to {@value #AVRO_TRUSTED_PACKAGES_PROPERTY} in this JVM (keeping any packages
     * already listed). Avro reads the property once, when its {@code SpecificDatumReader} class initialises, so this
     * must run before any Avro class loads: it runs when this class initialises, before {@code main}. That covers
     * {@code java -jar} (the MiniCluster runs in this JVM) and the client side of {@code flink run}; the JVMs of a
     * Flink cluster need {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.htscreen.avro} in
     * {@code env.java.opts.all} (see docs/deploy.md).
     */
    public static void trustAvroPackage() {
        String current = System.getProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, "").trim();
        if (current.isEmpty()) {
            System.setProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, AVRO_PACKAGE);
        } else if (!java.util.Arrays.asList(current.split("\\s*,\\s*")).contains(AVRO_PACKAGE) && !"*".equals(current)) {
            System.setProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, current + "," + AVRO_PACKAGE);
        }
    }

    /** The command line, with one-line errors for bad options. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScreeningJob());
        cl.setParameterExceptionHandler((ex, args) -> {
            cl.getErr().println("screening-flink-job: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("screening-flink-job: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        RuleSource rules = RuleSource.of(options.rulesDir, options.parameters).withExemptions(options.exemptions)
                .withControl(options.controlPolicy());
        StreamExecutionEnvironment env = environment(options);
        ScreeningPipeline.build(env, options, rules);
        env.execute(JOB_NAME);
        return 0;
    }

    /** An execution environment configured from the options (state backend, checkpoints, parallelism). */
    public static StreamExecutionEnvironment environment(JobOptions o) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend == JobOptions.StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        restartStrategy(conf, o);
        if (o.checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        configure(env, o);
        return env;
    }

    /**
     * The failure-rate restart strategy of the options: a failure restarts the job from its last checkpoint after
     * {@value JobOptions#RESTART_DELAY}, unless more than {@value JobOptions#RESTART_MAX_FAILURES} failures happened
     * within {@value JobOptions#RESTART_FAILURE_INTERVAL}; then the job fails (its retained checkpoint stays) instead
     * of looping for ever on a failure that comes back.
     */
    public static void restartStrategy(Configuration conf, JobOptions o) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, o.restartMaxFailures);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, o.restartFailureInterval);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, o.restartDelay);
    }

    /**
     * Applies checkpointing (interval, mode, timeout, min pause, retention on cancellation), parallelism and max
     * parallelism, watermark interval, buffer timeout and object reuse to an environment (tests pass a MiniCluster's).
     */
    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        env.getConfig().setAutoWatermarkInterval(o.watermarkInterval.toMillis());
        env.setBufferTimeout(o.bufferTimeout.toMillis());
        if (o.objectReuse) {
            env.getConfig().enableObjectReuse();   // ADR 0022: no operator keeps or changes a record it was given
        } else {
            env.getConfig().disableObjectReuse();
        }
        env.enableCheckpointing(o.checkpointInterval.toMillis(),
                o.deliveryGuarantee == JobOptions.Guarantee.EXACTLY_ONCE ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setCheckpointTimeout(o.checkpointTimeout.toMillis());
        checkpoints.setMinPauseBetweenCheckpoints(Math.min(o.checkpointMinPause.toMillis(), o.checkpointInterval.toMillis()));
        checkpoints.setExternalizedCheckpointRetention(o.checkpointRetention == JobOptions.CheckpointRetention.RETAIN_ON_CANCELLATION
                ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        if (o.parallelism > 0) {
            env.setParallelism(o.parallelism);
        }
        env.setMaxParallelism(o.maxParallelism);
    }
}
