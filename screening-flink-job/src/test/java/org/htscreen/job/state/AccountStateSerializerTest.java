package org.htscreen.job.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.StoredAccountState;
import org.htscreen.avro.StoredAccountStateV2;
import org.htscreen.core.state.StoredStatesV1;
import org.htscreen.core.AccountStates;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.SampleStates;
import org.htscreen.samples.SampleConfig;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer checks (copy, serialization alone and in sequence, binary copy, snapshot restore,
 * concurrent duplicates) on real account states, plus the stored form, the snapshot's compatibility and corrupt
 * input.
 */
class AccountStateSerializerTest extends SerializerTestBase<AccountState> {

    private static AccountState[] states;

    @Override
    protected TypeSerializer<AccountState> createSerializer() {
        return new AccountStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<AccountState> getTypeClass() {
        return AccountState.class;
    }

    /** Real states of 30 days of sample traffic, an empty one and one with a profile only. */
    @Override
    protected synchronized AccountState[] getTestData() {
        if (states == null) {
            List<AccountState> all = new ArrayList<>(SampleStates.of(SampleConfig.small().withDays(30)));
            AccountState empty = AccountState.newBuilder().setAccountId("EMPTY").setHistory(new ArrayList<>())
                    .setSignals(new ArrayList<>()).setLinks(new ArrayList<>()).setLastAlerts(new ArrayList<>()).build();
            AccountState profileOnly = AccountStates.copy(empty);
            profileOnly.setProfile(Profiles.person("P-1", "EMPTY", 1200).build());
            all.add(empty);
            all.add(profileOnly);
            states = all.toArray(AccountState[]::new);
        }
        return states;
    }

    @Test
    void writes_the_length_and_the_stored_form_in_under_half_the_bytes_of_flinks_avro_serializer() throws IOException {
        AvroSerializer<AccountState> avro = new AvroSerializer<>(AccountState.class);
        long compact = 0;
        long plain = 0;
        for (AccountState s : getTestData()) {
            byte[] stored = AccountStates.toBytes(s);
            byte[] written = serialize(createSerializer(), s);
            int prefix = written.length - stored.length;
            assertTrue(prefix >= 1 && prefix <= 3, "varint length: " + prefix + " bytes");
            assertEquals(new String(stored, StandardCharsets.ISO_8859_1),
                    new String(written, prefix, stored.length, StandardCharsets.ISO_8859_1));
            compact += written.length;
            plain += serialize(avro, s).length;
        }
        assertTrue(compact * 2 < plain, "compact " + compact + " B, Flink's Avro serializer " + plain + " B");
    }

    @Test
    void state_written_with_the_same_stored_schema_is_compatible_as_it_is() throws IOException {
        TypeSerializerSnapshot<AccountState> current = createSerializer().snapshotConfiguration();
        TypeSerializerSnapshot<AccountState> restored = roundTrip(current);
        assertEquals(StoredAccountStateV2.getClassSchema(), ((AccountStateSerializerSnapshot) restored).writerSchema());
        assertTrue(current.resolveSchemaCompatibility(restored).isCompatibleAsIs());
        assertEquals(createSerializer(), restored.restoreSerializer());

        String redocumented = StoredAccountStateV2.getClassSchema().toString().replace("The account.", "The account id.");
        assertTrue(current.resolveSchemaCompatibility(written(redocumented)).isCompatibleAsIs(), "docs do not count");
    }

    @Test
    void state_of_the_v1_stored_form_is_compatible_after_migration_and_its_bytes_are_read() throws IOException {
        TypeSerializerSnapshot<AccountState> current = createSerializer().snapshotConfiguration();
        TypeSerializerSnapshot<AccountState> v1 = written(StoredAccountState.getClassSchema().toString());
        TypeSerializerSchemaCompatibility<AccountState> fromV1 = current.resolveSchemaCompatibility(v1);
        assertTrue(fromV1.isCompatibleAfterMigration(), "v1 state is rewritten in the v2 form");
        TypeSerializer<AccountState> oldReader = v1.restoreSerializer();
        long v1Bytes = 0;
        long v2Bytes = 0;
        for (AccountState s : getTestData()) {
            byte[] old = StoredStatesV1.encode(s);
            DataOutputSerializer out = new DataOutputSerializer(old.length + 5);
            out.writeByte(old.length & 0x7F | (old.length > 0x7F ? 0x80 : 0));   // the serializer's varint length
            for (int rest = old.length >>> 7; rest != 0; rest >>>= 7) {
                out.writeByte(rest & 0x7F | (rest > 0x7F ? 0x80 : 0));
            }
            out.write(old);
            AccountState migrated = oldReader.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            AccountState expected = AccountState.newBuilder(s).setSettledRole(null).build();   // v1 had no settled role
            assertEquals(expected, migrated, s.getAccountId());
            byte[] rewritten = serialize(createSerializer(), migrated);
            assertEquals(expected, createSerializer().deserialize(new DataInputDeserializer(rewritten)));
            v1Bytes += out.length();
            v2Bytes += rewritten.length;
        }
        assertTrue(v2Bytes < v1Bytes, "v2 " + v2Bytes + " B, v1 " + v1Bytes + " B");
    }

    @Test
    void state_of_another_stored_schema_or_of_flinks_avro_serializer_is_incompatible() throws IOException {
        TypeSerializerSnapshot<AccountState> current = createSerializer().snapshotConfiguration();
        String otherField = StoredAccountState.getClassSchema().toString()
                .replace("{\"name\":\"lastEventTime\",\"type\":\"long\"", "{\"name\":\"lastEventTime\",\"type\":\"int\"");
        assertTrue(current.resolveSchemaCompatibility(written(otherField)).isIncompatible());

        TypeSerializerSnapshot<AccountState> avro = new AvroSerializer<>(AccountState.class).snapshotConfiguration();
        TypeSerializerSchemaCompatibility<AccountState> fromAvro = current.resolveSchemaCompatibility(avro);
        assertTrue(fromAvro.isIncompatible(), "state of earlier snapshots is not readable (ADR 0009)");
    }

    @Test
    void corrupt_input_fails_with_an_io_exception() throws IOException {
        AccountStateSerializer serializer = new AccountStateSerializer();
        byte[] good = serialize(serializer, getTestData()[0]);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThrows(IOException.class, () -> serializer.deserialize(new DataInputDeserializer(truncated)));
        byte[] damaged = good.clone();
        damaged[damaged.length - 1] ^= 0x7F;
        damaged[damaged.length / 2] ^= 0x7F;
        try {
            serializer.deserialize(new DataInputDeserializer(damaged));
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("not a valid stored AccountState"), e.getMessage());
        }
        byte[] hugeLength = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        IOException e = assertThrows(IOException.class,
                () -> serializer.deserialize(new DataInputDeserializer(hugeLength)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        byte[] endless = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThrows(IOException.class, () -> serializer.deserialize(new DataInputDeserializer(endless)));
    }

    private static byte[] serialize(TypeSerializer<AccountState> serializer, AccountState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(s, out);
        return out.getCopyOfBuffer();
    }

    private static TypeSerializerSnapshot<AccountState> roundTrip(TypeSerializerSnapshot<AccountState> snapshot)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TypeSerializerSnapshot.writeVersionedSnapshot(new DataOutputViewStreamWrapper(bytes), snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes.toByteArray())),
                AccountStateSerializerTest.class.getClassLoader());
    }

    /** The snapshot of state written with the stored schema {@code json}. */
    private static TypeSerializerSnapshot<AccountState> written(String json) throws IOException {
        new Schema.Parser().parse(json);   // a valid schema
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        DataOutputSerializer out = new DataOutputSerializer(bytes.length + 4);
        out.writeInt(bytes.length);
        out.write(bytes);
        AccountStateSerializerSnapshot snapshot = new AccountStateSerializerSnapshot();
        snapshot.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                AccountStateSerializerTest.class.getClassLoader());
        return snapshot;
    }
}
