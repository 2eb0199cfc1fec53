package org.htscreen.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts failed sends of a benchmark producer. A failed send is reported only to its callback: without this check a
 * run would measure missing input. Pass it to every {@code send}, then {@link #verify} after {@code flush}.
 */
final class SendCheck implements Callback {

    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
        if (e != null) {
            failed.incrementAndGet();
            first.compareAndSet(null, e);
        }
    }

    /** Throws when any send failed, naming what was being written. */
    void verify(String what) {
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records of " + what + " were not written to Kafka", first.get());
        }
    }
}
