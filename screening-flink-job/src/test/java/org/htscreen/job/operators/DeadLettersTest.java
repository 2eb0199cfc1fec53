package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.htscreen.avro.DeadLetter;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.kafka.KafkaRecord;
import org.junit.jupiter.api.Test;

/** Dead letters are bounded whatever the input, and keep what finds the original record. */
class DeadLettersTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void a_450_kb_record_with_a_huge_reason_gives_a_dead_letter_far_below_the_producers_1_mb_limit() {
        byte[] value = bytes(450 * 1024);
        byte[] key = bytes(5_000);
        String reason = "amount must be positive, was -" + "9".repeat(1_100_000);
        DeadLetter d = DeadLetters.of(new KafkaRecord("transactions", 1, 42L, 0L, key, value), reason, "source-transactions");

        int encoded = AvroBinary.encode(d).length;
        assertTrue(encoded < 16 * 1024, "dead letter of " + encoded + " bytes");
        assertTrue(d.getPayloadTruncated());
        assertEquals(450 * 1024, d.getPayloadSize());
        assertEquals(DeadLetters.sha256(value), d.getPayloadSha256());
        assertEquals(64, d.getPayloadSha256().length());
        assertEquals(ByteBuffer.wrap(Arrays.copyOf(value, DeadLetters.HEAD_BYTES)), d.getPayload(), "the head of the value");
        assertTrue(d.getKeyTruncated());
        assertEquals(DeadLetters.MAX_KEY_BYTES, d.getKey().remaining());
        assertEquals(DeadLetters.MAX_REASON_CHARS, d.getReason().length());
        assertTrue(d.getReason().startsWith("amount must be positive, was -999"), d.getReason());
        assertTrue(d.getReason().endsWith("(1100030 characters)"), d.getReason());
        assertEquals("transactions", d.getSourceTopic());
        assertEquals(42L, d.getOffset());
        assertEquals("source-transactions", d.getOperator());
    }

    @Test
    void a_small_record_is_kept_whole_with_its_size_and_hash() {
        byte[] value = bytes(DeadLetters.MAX_PAYLOAD_BYTES);
        DeadLetter d = DeadLetters.of(new KafkaRecord("t", 0, 1L, 0L, null, value), "why");
        assertFalse(d.getPayloadTruncated());
        assertEquals(ByteBuffer.wrap(value), d.getPayload());
        assertEquals(value.length, d.getPayloadSize());
        assertEquals(DeadLetters.sha256(value), d.getPayloadSha256());
        assertNull(d.getKey());
        assertEquals("why", d.getReason());
    }

    @Test
    void a_failure_names_the_operator_the_key_and_the_exception() {
        RuntimeException e = new IllegalStateException("x".repeat(10_000), new ArithmeticException("overflow"));
        org.htscreen.avro.Transaction tx = org.htscreen.core.testkit.Tx.cashDeposit("CY-1", 10).id("t1").build();
        DeadLetter d = DeadLetters.failure("account-screening", "CY-1", tx, e);
        assertEquals("account-screening", d.getSourceTopic());
        assertEquals("account-screening", d.getOperator());
        assertEquals(-1L, d.getOffset());
        assertTrue(d.getReason().startsWith("account-screening failed on key CY-1: java.lang.IllegalStateException: xxx"), d.getReason());
        assertTrue(d.getReason().length() <= DeadLetters.MAX_REASON_CHARS, d.getReason());
        assertEquals(tx, AvroBinary.decode(d.getPayload().array(), org.htscreen.avro.Transaction.class), "the record, Avro-encoded");
    }
}
