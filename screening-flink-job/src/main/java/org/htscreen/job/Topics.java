package org.htscreen.job;

import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.ShadowSignal;
import org.htscreen.avro.SuppressedAlert;
import org.htscreen.job.kafka.AvroRecordWriter;
import org.htscreen.job.kafka.KafkaRecord;
import org.htscreen.job.kafka.KafkaRecordReader;

/**
 * Every topic of the job, declared once with its format: inputs are read {@code read_committed} and decoded by the
 * reader given (bad records become dead letters), the control topic as raw records; outputs are Avro binary values
 * keyed by the subject.
 *
 * <pre>
 * transactions           in   Avro Transaction
 * party-profiles         in   Avro PartyProfile (upserts)
 * screening-control      in   Avro ControlMessage (parameter and rule-set updates, broadcast)
 * alerts                 out  Avro Alert, key = account id, exactly once by default
 * screening-dead-letters out  Avro DeadLetter, key = source topic
 * screening-control-results out Avro ControlResult, key = version (also the exemption audit records)
 * screening.shadow-signals  out Avro ShadowSignal (signals of shadow rules), key = account id
 * screening-suppressed-alerts out Avro SuppressedAlert, key = account id
 * </pre>
 */
public final class Topics {

    /** Inputs are read {@code read_committed}: records of aborted (or still open) producer transactions are never screened. */
    public static final String ISOLATION_LEVEL = "read_committed";

    private final JobOptions o;

    public Topics(JobOptions options) {
        this.o = options;
    }

    /** All topic names, inputs first. */
    public List<String> all() {
        return List.of(o.transactionsTopic, o.profilesTopic, o.controlTopic, o.alertsTopic, o.deadLetterTopic,
                o.controlResultsTopic, o.shadowTopic, o.suppressedTopic);
    }

    /** The transactions, read with a reader that decodes them. */
    public <T> KafkaSource<T> transactions(KafkaRecordDeserializationSchema<T> reader) {
        return source(o.transactionsTopic, o.groupId, "transactions", startingOffsets(), reader);
    }

    /** The party profiles, read with a reader that decodes them. */
    public <T> KafkaSource<T> profiles(KafkaRecordDeserializationSchema<T> reader) {
        return source(o.profilesTopic, o.groupId, "profiles", startingOffsets(), reader);
    }

    /** The control topic is always read from the beginning, so every instance knows every accepted update. */
    public KafkaSource<KafkaRecord> control() {
        return source(o.controlTopic, o.groupId + "-control", "control", OffsetsInitializer.earliest(), new KafkaRecordReader());
    }

    /**
     * Where a fresh job starts (a restored job continues from the offsets in its checkpoint): by default the group's
     * committed offsets, earliest for a partition without one.
     */
    private OffsetsInitializer startingOffsets() {
        return switch (o.startingOffsets) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    private <T> KafkaSource<T> source(String topic, String groupId, String suffix, OffsetsInitializer start,
            KafkaRecordDeserializationSchema<T> reader) {
        KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
                .setBootstrapServers(o.bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(o.groupId + "-" + suffix)
                .setStartingOffsets(start)
                .setDeserializer(reader)
                .setProperties(sourceProperties());
        if (o.bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public KafkaSink<Alert> alerts() {
        return sink(o.alertsTopic, Alert::getAccountId, "alerts");
    }

    public KafkaSink<DeadLetter> deadLetters() {
        return sink(o.deadLetterTopic, DeadLetter::getSourceTopic, "dead-letters");
    }

    public KafkaSink<ControlResult> controlResults() {
        return sink(o.controlResultsTopic, ControlResult::getVersion, "control-results");
    }

    /** Signals of shadow rules: recorded next to the alerts, never counted in them. */
    public KafkaSink<ShadowSignal> shadowSignals() {
        return sink(o.shadowTopic, ShadowSignal::getAccountId, "shadow-signals");
    }

    /** Alerts that exemptions kept back, with the exemption ids (the audit trail of suppression). */
    public KafkaSink<SuppressedAlert> suppressedAlerts() {
        return sink(o.suppressedTopic, SuppressedAlert::getAccountId, "suppressed");
    }

    private <T extends SpecificRecord> KafkaSink<T> sink(String topic, SerializableFunction<T, String> key, String suffix) {
        Properties p = clientProperties();
        p.setProperty("transaction.timeout.ms", p.getProperty("transaction.timeout.ms",
                Long.toString(o.transactionTimeout.toMillis())));
        return KafkaSink.<T>builder()
                .setBootstrapServers(o.bootstrapServers)
                .setRecordSerializer(new AvroRecordWriter<>(topic, key))
                .setDeliveryGuarantee(o.deliveryGuarantee == JobOptions.Guarantee.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix + "-" + suffix)
                .setKafkaProducerConfig(p)
                .build();
    }

    /** Properties of the sources: {@value #ISOLATION_LEVEL} unless {@code --kafka isolation.level=...} says otherwise. */
    public Properties sourceProperties() {
        Properties p = clientProperties();
        p.setProperty("isolation.level", p.getProperty("isolation.level", ISOLATION_LEVEL));
        return p;
    }

    /** The pass-through Kafka client properties ({@code --kafka key=value}). */
    public Properties clientProperties() {
        Properties p = new Properties();
        o.kafka.forEach(p::setProperty);
        return p;
    }
}
