package org.htscreen.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.apache.flink.util.clock.RelativeClock;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;

/**
 * Watermark strategies. Transactions carry the event time of screening: their strategy runs in the Kafka source, so
 * Flink keeps a watermark per partition (split) and the source's watermark is the least of them. Profiles are not
 * timed data for screening: their stream never emits a watermark, so that a profile's {@code updatedAt} (which may be
 * wrong, e.g. in the future) never moves the screening operator's event time.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * Transactions, on the source's decoded-or-failed records: bounded out-of-orderness over valid transactions; a
     * dead letter has no time and neither moves the watermark nor counts as activity. A partition without a valid
     * transaction for {@code idleness} is idle (left out of the source's watermark), measured on Flink's input
     * activity clock, which stands still while the source is back-pressured: a partition whose records wait behind a
     * busy screening operator is not idle. (Measured on the wall clock, such a partition turned idle under load, the
     * other partitions' watermark ran ahead, and its waiting transactions arrived behind it: screened late, out of
     * event-time order, so live and backtest disagreed.)
     */
    public static WatermarkStrategy<Either<DeadLetter, Transaction>> transactions(Duration maxOutOfOrderness, Duration idleness) {
        long lag = maxOutOfOrderness.toMillis();
        long idleAfter = idleness.toMillis();
        return WatermarkStrategy.<Either<DeadLetter, Transaction>>forGenerator(
                        ctx -> new TransactionWatermarks(lag, idleAfter, ctx.getInputActivityClock()))
                .withTimestampAssigner((e, ts) -> e.isRight() ? e.right().getEventTime().toEpochMilli() : Long.MIN_VALUE);
    }

    /** Bounded out-of-orderness over valid transactions only; idle after {@code idleAfter} of activity time without one. */
    static final class TransactionWatermarks implements WatermarkGenerator<Either<DeadLetter, Transaction>> {
        private final long lag;
        private final long idleAfter;
        private final RelativeClock activity;
        private long maxTimestamp = Long.MIN_VALUE;
        private long lastValid;
        private boolean seenSinceEmit;

        TransactionWatermarks(long lag, long idleAfter, RelativeClock activity) {
            this.lag = lag;
            this.idleAfter = idleAfter;
            this.activity = activity;
            this.lastValid = activity.relativeTimeMillis();
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
            long now = activity.relativeTimeMillis();
            if (seenSinceEmit) {
                seenSinceEmit = false;
                lastValid = now;
            } else if (idleAfter > 0 && now - lastValid >= idleAfter) {
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
     * behind the operator's is not aligned and does not hold it back). Idleness is measured on the input activity
     * clock, as for transactions: profiles waiting behind a back-pressured operator are not idle.
     */
    public static <T> WatermarkStrategy<T> profiles(Duration idleness) {
        long idleAfter = idleness.toMillis();
        return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
            private final RelativeClock activity = ctx.getInputActivityClock();
            private long lastSeen = activity.relativeTimeMillis();

            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
                lastSeen = activity.relativeTimeMillis();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                if (activity.relativeTimeMillis() - lastSeen >= idleAfter) {
                    output.markIdle();
                }
            }
        }).withTimestampAssigner((e, ts) -> ts);
    }
}
