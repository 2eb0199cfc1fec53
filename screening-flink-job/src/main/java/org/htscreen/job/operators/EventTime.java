package org.htscreen.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;

/**
 * Watermark strategies of the sources. Transactions carry the event time of screening: the strategy runs in the
 * Kafka source, per partition, on the decoded records; a dead letter has no time ({@link Long#MIN_VALUE}) and
 * cannot move the watermark. Profiles are not timed data for screening: their stream never emits a watermark, so
 * that a profile's {@code updatedAt} (which may be wrong, e.g. in the future) never moves the screening operator's
 * event time.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * Transactions: bounded out-of-orderness per partition; a partition without valid transactions for
     * {@code idleness} (before its first one: {@value #STARTUP_GRACE_MILLIS} ms) is idle, excluded from the event
     * time, even if dead letters keep arriving on it, so a flood of garbage on one partition cannot hold the job's
     * event time back.
     */
    public static WatermarkStrategy<Either<DeadLetter, Transaction>> transactions(Duration maxOutOfOrderness, Duration idleness) {
        long lag = maxOutOfOrderness.toMillis();
        long idleAfter = idleness.toMillis();
        return WatermarkStrategy.<Either<DeadLetter, Transaction>>forGenerator(ctx -> new TransactionWatermarks(lag, idleAfter))
                .withTimestampAssigner((e, ts) -> e.isRight() ? e.right().getEventTime().toEpochMilli() : Long.MIN_VALUE);
    }

    /**
     * A partition that has not delivered a valid transaction yet is idle only after this long (or the idleness, if
     * longer): a consumer that starts slowly must not let the other partitions' event time run ahead of its records.
     */
    static final long STARTUP_GRACE_MILLIS = 30_000;

    /** Bounded out-of-orderness over valid transactions only, idle without them. */
    static final class TransactionWatermarks implements WatermarkGenerator<Either<DeadLetter, Transaction>> {
        private final long lag;
        private final long idleAfter;
        private final long startupGrace;
        private final long created = System.currentTimeMillis();
        private long maxTimestamp = Long.MIN_VALUE;
        private long lastValid;
        private boolean seenSinceEmit;

        TransactionWatermarks(long lag, long idleAfter) {
            this.lag = lag;
            this.idleAfter = idleAfter;
            this.startupGrace = Math.max(idleAfter, STARTUP_GRACE_MILLIS);
        }

        @Override
        public void onEvent(Either<DeadLetter, Transaction> event, long eventTimestamp, WatermarkOutput output) {
            if (event.isRight()) {
                maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
                seenSinceEmit = true;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = System.currentTimeMillis();
            if (seenSinceEmit) {
                seenSinceEmit = false;
                lastValid = now;
            } else if (idleAfter > 0 && (maxTimestamp == Long.MIN_VALUE ? now - created >= startupGrace : now - lastValid >= idleAfter)) {
                output.markIdle();
                return;
            }
            if (maxTimestamp != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(maxTimestamp - lag - 1));
            }
        }
    }

    /**
     * Profiles: never a watermark, so no {@code updatedAt} (a future-dated one included) can move the screening
     * operator's event time. Until the profile input has been without records for {@code idleness} (at start-up: until
     * the profiles already in the topic are read) it is active without a watermark and so holds event time back: a
     * replay screens its transactions after the profiles published before them. Then it is idle; a profile arriving
     * later makes it active again without a watermark, which Flink does not wait for (an input whose watermark is
     * behind the operator's is not aligned and does not hold it back).
     */
    public static <T> WatermarkStrategy<T> profiles(Duration idleness) {
        long idleAfter = idleness.toMillis();
        return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long lastSeen = System.currentTimeMillis();

            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
                lastSeen = System.currentTimeMillis();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                if (System.currentTimeMillis() - lastSeen >= idleAfter) {
                    output.markIdle();
                }
            }
        }).withTimestampAssigner((e, ts) -> ts);
    }
}
