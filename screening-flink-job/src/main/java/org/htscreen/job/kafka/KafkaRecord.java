package org.htscreen.job.kafka;

import java.io.Serializable;

/**
 * A Kafka record as read, before decoding: bytes plus where it came from, so that a record that cannot be decoded
 * can go to the dead-letter topic unchanged. A Flink POJO (public fields, no-argument constructor).
 */
public class KafkaRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public byte[] key;
    public byte[] value;

    public KafkaRecord() {
    }

    public KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
