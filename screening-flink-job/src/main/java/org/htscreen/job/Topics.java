package org.htscreen.job;

import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.DeadLetter;
import org.htscreen.job.kafka.AvroRecordWriter;
import org.htscreen.job.kafka.KafkaRecord;
import org.htscreen.job.kafka.KafkaRecordReader;

/**
 * Every topic of the job, declared once with its format: inputs are read as raw records (decoded downstream, so
 * bad ones reach the dead-letter topic), outputs are Avro binary values keyed by the subject.
 *
 * <pre>
 * transactions           in   Avro Transaction
 * party-profiles         in   Avro PartyProfile (upserts)
 * screening-control      in   Avro ControlMessage (parameter and rule-set updates, broadcast)
 * alerts                 out  Avro Alert, key = account id, exactly once by default
 * screening-dead-letters out  Avro DeadLetter, key = source topic
 * screening-control-results out Avro ControlResult, key = version
 * </pre>
 */
public final class Topics {

    /** Transaction timeout of the exactly-once producers: below the broker's 15-minute maximum. */
    public static final String TRANSACTION_TIMEOUT_MS = "600000";

    private final JobOptions o;

    public Topics(JobOptions options) {
        this.o = options;
    }

    /** All topic names, inputs first. */
    public List<String> all() {
        return List.of(o.transactionsTopic, o.profilesTopic, o.controlTopic, o.alertsTopic, o.deadLetterTopic,
                o.controlResultsTopic);
    }

    public KafkaSource<KafkaRecord> transactions() {
        return source(o.transactionsTopic, o.groupId, "transactions", startingOffsets());
    }

    public KafkaSource<KafkaRecord> profiles() {
        return source(o.profilesTopic, o.groupId, "profiles", startingOffsets());
    }

    /** The control topic is always read from the beginning, so every instance knows every accepted update. */
    public KafkaSource<KafkaRecord> control() {
        return source(o.controlTopic, o.groupId + "-control", "control", OffsetsInitializer.earliest());
    }

    private OffsetsInitializer startingOffsets() {
        return switch (o.startingOffsets) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    private KafkaSource<KafkaRecord> source(String topic, String groupId, String suffix, OffsetsInitializer start) {
        KafkaSourceBuilder<KafkaRecord> b = KafkaSource.<KafkaRecord>builder()
                .setBootstrapServers(o.bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(o.groupId + "-" + suffix)
                .setStartingOffsets(start)
                .setDeserializer(new KafkaRecordReader())
                .setProperties(clientProperties());
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

    private <T extends SpecificRecord> KafkaSink<T> sink(String topic, SerializableFunction<T, String> key, String suffix) {
        Properties p = clientProperties();
        p.setProperty("transaction.timeout.ms", p.getProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS));
        return KafkaSink.<T>builder()
                .setBootstrapServers(o.bootstrapServers)
                .setRecordSerializer(new AvroRecordWriter<>(topic, key))
                .setDeliveryGuarantee(o.deliveryGuarantee == JobOptions.Guarantee.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix + "-" + suffix)
                .setKafkaProducerConfig(p)
                .build();
    }

    /** The pass-through Kafka client properties ({@code --kafka key=value}). */
    public Properties clientProperties() {
        Properties p = new Properties();
        o.kafka.forEach(p::setProperty);
        return p;
    }
}
