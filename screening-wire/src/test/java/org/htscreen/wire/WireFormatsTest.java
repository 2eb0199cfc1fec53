package org.htscreen.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three wire formats, written and read, with compatible evolution and hostile input. The Confluent format runs
 * against {@link RegistryDouble}, an in-process HTTP test double of the registry (no real registry can be started
 * here); the registry client library and its HTTP calls are real.
 */
@Timeout(60)
class WireFormatsTest {

    private static final String TOPIC = "tx";
    private RegistryDouble registry;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryDouble.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static final Transaction TX = Tx.cashDeposit("A-1", 180).terminal("ATM-1", "Limassol").build();

    private static Transaction tx() {
        return Transaction.newBuilder(TX).build();
    }

    private RecordCodec<Transaction> confluent() {
        return WireSettings.confluent(registry.url()).withTimings(RegistryDouble.shortTimeout(), Duration.ofMillis(500))
                .codec(Transaction.class);
    }

    private static String reason(RecordCodec<?> codec, byte[] value) {
        return assertThrows(WireException.class, () -> codec.decode(value)).getMessage();
    }

    @Test
    void every_format_reads_what_it_writes() {
        for (WireSettings s : List.of(WireSettings.raw(), WireSettings.singleObject(List.of()), WireSettings.confluent(registry.url()))) {
            RecordCodec<Transaction> c = s.codec(Transaction.class);
            assertEquals(tx(), c.decode(c.encode(tx(), TOPIC)), s.describe());
        }
    }

    @Test
    void raw_is_avro_binary_alone() {
        assertArrayEquals(AvroBinary.encode(tx()), WireSettings.raw().codec(Transaction.class).encode(tx(), TOPIC));
    }

    @Test
    void single_object_starts_with_c3_01_and_the_schema_fingerprint() {
        byte[] v = WireSettings.singleObject(List.of()).codec(Transaction.class).encode(tx(), TOPIC);
        assertEquals((byte) 0xC3, v[0]);
        assertEquals((byte) 0x01, v[1]);
        long fp = org.apache.avro.SchemaNormalization.parsingFingerprint64(Transaction.getClassSchema());
        assertEquals(fp, ByteBuffer.wrap(v, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        assertArrayEquals(AvroBinary.encode(tx()), Arrays.copyOfRange(v, 10, v.length));
    }

    @Test
    void confluent_writes_magic_byte_and_the_id_registered_under_topic_value() {
        byte[] v = confluent().encode(tx(), TOPIC);
        List<Integer> ids = registry.ids("tx-value");
        assertEquals(1, ids.size());
        assertEquals(0, v[0]);
        assertEquals(ids.get(0), ByteBuffer.wrap(v, 1, 4).getInt());
        assertArrayEquals(AvroBinary.encode(tx()), Arrays.copyOfRange(v, 5, v.length));
    }

    @Test
    void raw_cannot_read_a_producer_that_added_a_field() {
        // the finding, kept as a fact: without schema identification an evolved producer is dead-lettered
        String why = reason(WireSettings.raw().codec(Transaction.class), Evolved.write(tx()));
        assertTrue(why.contains("Transaction"), why);
    }

    @Test
    void single_object_resolves_a_known_newer_writer_schema() {
        RecordCodec<Transaction> c = WireSettings.singleObject(
                List.of(new WireSettings.NamedSchema("tx-v2.avsc", Evolved.TRANSACTION_V2))).codec(Transaction.class);
        Transaction read = c.decode(Evolved.singleObject(tx()));
        assertEquals(Channel.OTHER, read.getChannel(), "the new symbol reads as the reader's enum default");
        assertEquals(tx().getTxId(), read.getTxId());
        assertEquals(tx().getAmount(), read.getAmount());
    }

    @Test
    void single_object_dead_letters_an_unknown_writer_schema() {
        String why = reason(WireSettings.singleObject(List.of()).codec(Transaction.class), Evolved.singleObject(tx()));
        assertTrue(why.contains("unknown writer schema") && why.contains(WireOptions.WRITER_SCHEMA), why);
    }

    @Test
    void single_object_refuses_an_incompatible_writer_schema_file_at_start() {
        String extraField = Transaction.getClassSchema().toString().replace("{\"name\":\"currency\",",
                "{\"name\":\"mandatory\",\"type\":\"string\"},{\"name\":\"currency\",");
        // a writer without a field the reader needs is fine; a reader needing a field the writer lacks is not:
        String incompatible = Transaction.getClassSchema().toString().replaceFirst(
                "\\{\"name\":\"currency\",\"type\":\\{[^}]*\\}", "{\"name\":\"currency\",\"type\":\"int\"");
        assertTrue(incompatible.contains("\"currency\",\"type\":\"int\""), incompatible);
        WireSettings s = WireSettings.singleObject(List.of(new WireSettings.NamedSchema("ok.avsc", extraField),
                new WireSettings.NamedSchema("bad.avsc", incompatible)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.codec(Transaction.class));
        assertTrue(e.getMessage().startsWith("writer schema bad.avsc cannot be read as org.htscreen.avro.Transaction"), e.getMessage());
    }

    @Test
    void single_object_hostile_bytes_are_reasons_not_crashes() {
        RecordCodec<Transaction> c = WireSettings.singleObject(List.of()).codec(Transaction.class);
        byte[] good = c.encode(tx(), TOPIC);
        String why = reason(c, AvroBinary.encode(tx()));
        assertTrue(why.startsWith("not in Avro single-object encoding"), why);
        why = reason(c, Arrays.copyOf(good, 6));
        assertTrue(why.startsWith("not in Avro single-object encoding"), why);
        why = reason(c, Arrays.copyOf(good, good.length - 3));
        assertTrue(why.startsWith("not a valid Avro Transaction in single-object encoding"), why);
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertEquals("not a Transaction: trailing bytes after the record", reason(c, longer));
        assertEquals("no value (null record)", reason(c, null));
    }

    @Test
    void confluent_resolves_a_newer_writer_schema_from_the_registry() {
        int id = registry.register("tx-value", Evolved.TRANSACTION_V2);
        Transaction read = confluent().decode(Evolved.confluent(tx(), id));
        assertEquals(Channel.OTHER, read.getChannel());
        assertEquals(tx().getTxId(), read.getTxId());
    }

    @Test
    void confluent_hostile_framing() {
        RecordCodec<Transaction> c = confluent();
        byte[] good = c.encode(tx(), TOPIC);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertEquals("not in the Confluent wire format: first byte 0x01, not the magic byte 0x00", reason(c, wrongMagic));
        assertTrue(reason(c, Arrays.copyOf(good, 3)).contains("fewer than the magic byte and 4-byte schema id"));
        assertTrue(reason(c, AvroBinary.encode(tx())).startsWith("not in the Confluent wire format"));
        assertTrue(reason(c, Arrays.copyOf(good, good.length - 2)).startsWith("not a valid Avro Transaction"));
        assertEquals("not a Transaction: trailing bytes after the record", reason(c, Arrays.copyOf(good, good.length + 1)));
    }

    @Test
    void confluent_unknown_id_and_an_id_of_another_subject_are_reasons() {
        RecordCodec<Transaction> c = confluent();
        byte[] unknown = ByteBuffer.allocate(5 + 4).put((byte) 0).putInt(4242).array();
        String why = reason(c, unknown);
        assertTrue(why.contains("schema id 4242 is not in the registry"), why);

        int alertId = registry.register("alerts-value", Alert.getClassSchema().toString());
        byte[] alertFramed = ByteBuffer.allocate(5 + 10).put((byte) 0).putInt(alertId).array();
        why = reason(c, alertFramed);
        assertTrue(why.startsWith("schema id " + alertId + " cannot be read as org.htscreen.avro.Transaction"), why);

        String currencyAsInt = Transaction.getClassSchema().toString().replaceFirst(
                "\\{\"name\":\"currency\",\"type\":\\{[^}]*\\}", "{\"name\":\"currency\",\"type\":\"int\"");
        int incompatible = registry.register("tx-value", currencyAsInt);
        why = reason(c, ByteBuffer.allocate(6).put((byte) 0).putInt(incompatible).array());
        assertTrue(why.startsWith("schema id " + incompatible + " cannot be read as org.htscreen.avro.Transaction: TYPE_MISMATCH"), why);

        int notAvro = registry.register("other-value", "{\"type\": \"object\", \"properties\": {}}");
        why = reason(c, ByteBuffer.allocate(6).put((byte) 0).putInt(notAvro).array());
        assertTrue(why.contains("not an Avro schema"), why);
    }

    @Test
    void confluent_lookups_are_cached() {
        RecordCodec<Transaction> writer = confluent();
        byte[] v = writer.encode(tx(), TOPIC);
        RecordCodec<Transaction> reader = confluent();
        int before = registry.requests();
        for (int i = 0; i < 1000; i++) {
            reader.decode(v);
        }
        assertEquals(before + 1, registry.requests(), "one lookup for 1000 records of one id");
    }

    @Test
    void random_schema_ids_cannot_fill_the_memory() {
        ConfluentCodec<Transaction> c = (ConfluentCodec<Transaction>) confluent();
        int id = registry.register("tx-value", Transaction.getClassSchema().toString());
        for (int i = 0; i < ConfluentCodec.MAX_IDS + 44; i++) {
            reason(c, ByteBuffer.allocate(6).put((byte) 0).putInt(1_000_000 + i).array());
        }
        assertEquals(ConfluentCodec.MAX_IDS, c.rememberedIds());
        assertEquals(tx(), c.decode(c.encode(tx(), TOPIC)), "known ids still decode");
        assertTrue(id > 0);
    }

    @Test
    void a_failing_registry_gives_reasons_and_is_asked_again_after_the_retry_period() throws Exception {
        byte[] v = confluent().encode(tx(), TOPIC);
        RecordCodec<Transaction> c = confluent();
        registry.failWith(500);
        String why = reason(c, v);
        assertTrue(why.contains("failed"), why);
        int asked = registry.requests();
        for (int i = 0; i < 100; i++) {
            reason(c, v);
        }
        assertEquals(asked, registry.requests(), "a failure is remembered, not asked again per record");
        registry.failWith(0);
        Thread.sleep(600);
        assertEquals(tx(), c.decode(v), "asked again after the retry period, and the record decodes");
    }

    @Test
    void an_unreachable_registry_is_a_reason() {
        byte[] v = confluent().encode(tx(), TOPIC);
        RecordCodec<Transaction> c = WireSettings.confluent("http://127.0.0.1:9/apis/registry/v2").codec(Transaction.class);
        String why = reason(c, v);
        assertTrue(why.startsWith("the registry at http://127.0.0.1:9/apis/registry/v2 failed (schema id "), why);
    }

    @Test
    void a_hanging_registry_times_out_within_the_bound() {
        byte[] v = confluent().encode(tx(), TOPIC);
        RecordCodec<Transaction> c = confluent();
        registry.hang();
        long start = System.nanoTime();
        String why = reason(c, v);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(why.contains("did not answer within 2000 ms"), why);
        assertTrue(ms < 10_000, "gave up after " + ms + " ms");
    }

    @Test
    void writing_without_a_registry_fails_with_the_reason() {
        RecordCodec<Transaction> c = confluent();
        registry.failWith(503);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.prepare(TOPIC));
        assertTrue(e.getMessage().startsWith("cannot write Transaction to tx: the registry at"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> c.encode(tx(), TOPIC));
        assertTrue(e.getMessage().startsWith("cannot write Transaction to tx: the registry at"), e.getMessage());
    }

    @Test
    void a_writer_registers_its_schema_when_prepared_and_then_writes_without_asking() {
        RecordCodec<Transaction> c = confluent();
        c.prepare(TOPIC);
        assertEquals(1, registry.ids("tx-value").size());
        registry.failWith(500);
        byte[] v = c.encode(tx(), TOPIC);   // no registry call: the id is known
        assertEquals(registry.ids("tx-value").get(0), ByteBuffer.wrap(v, 1, 4).getInt());
    }

    @Test
    void confluent_needs_a_registry_url() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireSettings.confluent(" "));
        assertEquals("--wire-format CONFLUENT needs --schema-registry-url", e.getMessage());
        assertNull(WireSettings.raw().registryUrl());
    }
}
