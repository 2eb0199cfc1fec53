package org.htscreen.job.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;
import org.htscreen.wire.RecordCodec;
import org.htscreen.core.rules.SignalSink;

/**
 * Reads committed alerts from the reporting topic, prints them for people (subject, typology, score, reasons) and
 * records them in a {@link DemoSummary}. {@link #stop()} ends the loop; the consumer leaves its group and closes
 * before {@link #run()} returns, so join the thread before the broker goes away.
 */
public final class AlertPrinter implements Runnable {

    private final String bootstrapServers;
    private final String topic;
    private final RecordCodec<Alert> wire;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger printed = new AtomicInteger();
    private final DemoSummary summary;
    private final LongSupplier feedStartNanos;

    /**
     * @param summary        records every printed alert
     * @param feedStartNanos {@link System#nanoTime()} when the first record was fed (0 while feeding has not begun)
     */
    public AlertPrinter(String bootstrapServers, String topic, RecordCodec<Alert> wire, PrintStream out, DemoSummary summary,
            LongSupplier feedStartNanos) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.wire = wire;
        this.out = out;
        this.summary = summary;
        this.feedStartNanos = feedStartNanos;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "htscreen-alert-printer-" + System.nanoTime());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Alert alert = wire.decode(r.value());
                    out.println(format(alert));
                    long start = feedStartNanos.getAsLong();
                    summary.record(alert, Duration.ofNanos(start == 0 ? 0 : System.nanoTime() - start));
                    printed.incrementAndGet();
                }
            }
        }
    }

    /** An alert in a few readable lines. */
    public static String format(Alert a) {
        StringBuilder s = new StringBuilder();
        String role = a.getRoleHint().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        s.append(String.format(Locale.ROOT, "ALERT %s | account %s%s | %s | score %s / threshold %s%n",
                a.getTypology().name().toLowerCase(Locale.ROOT).replace('_', ' '), a.getAccountId(),
                a.getPartyId() == null ? "" : " (party " + a.getPartyId() + ")", role,
                SignalSink.format(a.getScore()), SignalSink.format(a.getThreshold())));
        for (Signal sig : a.getSignals()) {
            s.append("    ").append(sig.getRuleId()).append(" ").append(sig.getTitle()).append(": ")
                    .append(sig.getReason()).append(" [evidence: ").append(sig.getEvidenceTxIds().size())
                    .append(" transactions]").append(System.lineSeparator());
        }
        s.append("    rules ").append(a.getRuleSetVersion()).append(", parameters ").append(a.getParameterSetVersion())
                .append(", alert ").append(a.getAlertId());
        return s.toString();
    }

    public int printed() {
        return printed.get();
    }

    public void stop() {
        running.set(false);
    }
}
