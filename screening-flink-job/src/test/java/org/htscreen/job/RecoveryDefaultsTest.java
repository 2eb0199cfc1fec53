package org.htscreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.job.operators.StateExpiry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The recovery settings a job gets without options (issue 11, ADR 0013, docs/deploy.md "Recovery settings"): each
 * default the deployment guide promises, read back from the environment and the Kafka clients the job builds.
 */
class RecoveryDefaultsTest {

    /** The options of a job started with none (picocli's defaults, as on the command line). */
    private static JobOptions defaults() {
        ScreeningJob job = new ScreeningJob();
        new CommandLine(job).parseArgs();
        return job.options;
    }

    @Test
    void checkpoints_are_exactly_once_retained_on_cancellation_bounded_in_time_and_spaced() {
        JobOptions o = defaults();
        StreamExecutionEnvironment env = ScreeningJob.environment(o);
        CheckpointConfig c = env.getCheckpointConfig();
        assertEquals(CheckpointingMode.EXACTLY_ONCE, c.getCheckpointingConsistencyMode());
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION, c.getExternalizedCheckpointRetention(),
                "cancelling a job must not delete its state");
        assertEquals(Duration.ofMinutes(10).toMillis(), c.getCheckpointTimeout());
        assertEquals(Math.min(Duration.ofSeconds(5).toMillis(), o.checkpointInterval.toMillis()), c.getMinPauseBetweenCheckpoints());
        assertEquals(720, env.getMaxParallelism(), "max parallelism is fixed into the first checkpoint: set, not Flink's 128");
    }

    @Test
    void failures_restart_the_job_at_a_bounded_rate_not_for_ever() {
        Configuration conf = new Configuration();
        ScreeningJob.restartStrategy(conf, defaults());
        assertEquals("failure-rate", conf.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(5, conf.get(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL));
        assertEquals(Duration.ofMinutes(10), conf.get(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL));
    }

    @Test
    void inputs_are_read_committed_from_committed_offsets_state_never_expires_and_sink_transactions_outlive_a_recovery() {
        JobOptions o = defaults();
        assertEquals("read_committed", new Topics(o).sourceProperties().getProperty("isolation.level"));
        o.kafka.put("isolation.level", "read_uncommitted");
        assertEquals("read_uncommitted", new Topics(o).sourceProperties().getProperty("isolation.level"), "unless told otherwise");
        assertEquals(JobOptions.StartingOffsets.COMMITTED, defaults().startingOffsets);
        assertNull(StateExpiry.of(defaults().stateTtl), "no expiry of profiles and memberships by mere inactivity");
        Duration tx = defaults().transactionTimeout;
        assertEquals(Duration.ofHours(1), tx);
        assertTrue(tx.compareTo(defaults().checkpointTimeout) > 0, "a sink transaction outlives a checkpoint that times out");
    }
}
