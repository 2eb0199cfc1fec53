package org.htscreen.job.operators;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.htscreen.avro.DeadLetter;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.kafka.KafkaRecord;

/**
 * The dead-letter side output shared by the operators, and the bounded dead letters it carries: a dead letter is
 * never larger than about {@value #MAX_PAYLOAD_BYTES} + {@value #MAX_KEY_BYTES} bytes plus a reason of at most
 * {@value #MAX_REASON_CHARS} characters, so the dead-letter sink cannot fail on the producer's
 * {@code max.request.size} (1 MB by default) whatever the input. A larger value is kept as its first
 * {@value #HEAD_BYTES} bytes with its size and SHA-256, which find the original record in the source topic.
 */
public final class DeadLetters {

    /** Side output of rejected input records. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    /** Metric (group {@code htscreen}) counting the records an operator dead-lettered after a failure in it. */
    public static final String FAILED_RECORDS = "failed_records";

    /** Values up to this size are kept whole. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** Of a larger value, this many first bytes are kept. */
    public static final int HEAD_BYTES = 4 * 1024;
    /** Keys longer than this are cut to it. */
    public static final int MAX_KEY_BYTES = 1024;
    /** Reasons longer than this are cut to it. */
    public static final int MAX_REASON_CHARS = 500;

    private DeadLetters() {
    }

    /** A dead letter holding the record (bounded), where it came from, and why it was rejected. */
    public static DeadLetter of(KafkaRecord r, String reason) {
        return bounded(r.topic, r.partition, r.offset, r.key, r.value, reason, null);
    }

    /** A dead letter of a rejected Kafka record, naming the operator that rejected it. */
    public static DeadLetter of(KafkaRecord r, String reason, String operator) {
        return bounded(r.topic, r.partition, r.offset, r.key, r.value, reason, operator);
    }

    /**
     * A dead letter of a record that made an operator fail after decoding: the reason names the operator, the key
     * and the exception; the payload is the record's Avro binary encoding (bounded). Its source topic is the
     * operator's uid, its partition and offset -1.
     */
    public static DeadLetter failure(String operator, String key, SpecificRecord record, Throwable error) {
        String reason = operator + " failed on key " + cut(String.valueOf(key), 100) + ": " + describe(error);
        byte[] payload;
        try {
            payload = record == null ? null : AvroBinary.encode(record);
        } catch (RuntimeException e) {
            payload = null;
        }
        return bounded(operator, -1, -1L, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                payload, reason, operator);
    }

    /** The exception's class and message (and its cause's), as one line. */
    public static String describe(Throwable error) {
        StringBuilder b = new StringBuilder(error.getClass().getName());
        if (error.getMessage() != null) {
            b.append(": ").append(error.getMessage());
        }
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            b.append(" (caused by ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                b.append(": ").append(cause.getMessage());
            }
            b.append(')');
        }
        return b.toString().replace('\n', ' ');
    }

    /** The failure counter of an operator (metric {@value #FAILED_RECORDS} in the group {@code htscreen}). */
    public static Counter failureCounter(MetricGroup group) {
        return group.addGroup("htscreen").counter(FAILED_RECORDS);
    }

    /** A text cut to {@code max} characters, saying how long it was. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String tail = "... (" + text.length() + " characters)";
        return text.substring(0, Math.max(0, max - tail.length())) + tail;
    }

    private static DeadLetter bounded(String topic, int partition, long offset, byte[] key, byte[] value,
            String reason, String operator) {
        DeadLetter.Builder b = DeadLetter.newBuilder()
                .setSourceTopic(cut(topic == null ? "" : topic, 255))
                .setPartition(partition)
                .setOffset(offset)
                .setReason(cut(reason == null ? "" : reason, MAX_REASON_CHARS))
                .setOperator(operator)
                .setTime(Instant.now());
        if (key != null) {
            b.setKey(ByteBuffer.wrap(key.length > MAX_KEY_BYTES ? Arrays.copyOf(key, MAX_KEY_BYTES) : key))
                    .setKeyTruncated(key.length > MAX_KEY_BYTES);
        }
        if (value != null) {
            boolean cut = value.length > MAX_PAYLOAD_BYTES;
            b.setPayload(ByteBuffer.wrap(cut ? Arrays.copyOf(value, HEAD_BYTES) : value))
                    .setPayloadTruncated(cut)
                    .setPayloadSize(value.length)
                    .setPayloadSha256(sha256(value));
        }
        return b.build();
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
