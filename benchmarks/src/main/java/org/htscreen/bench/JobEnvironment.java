package org.htscreen.bench;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.job.JobOptions;
import org.htscreen.job.ScreeningJob;

/**
 * The local Flink environment of the benchmark runs: as {@link ScreeningJob#environment} (state backend,
 * checkpointing mode and interval, parallelism), with two differences. Checkpoints go to files under the results
 * directory: the default JobManager storage refuses a checkpoint above 5 MB, which a thousand accounts' state
 * passes. And no restart: a failure ends the run instead of looping.
 */
final class JobEnvironment {

    private JobEnvironment() {
    }

    static StreamExecutionEnvironment create(JobOptions o, Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend == JobOptions.StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        return env;
    }
}
