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
import java.util.function.Function;
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
import org.htscreen.avro.StoredAccountStateV3;
import org.htscreen.core.state.StoredStates;
import org.htscreen.core.state.StoredStatesV1;
import org.htscreen.core.state.StoredStatesV2;
import org.htscreen.core.AccountStates;
import org.htscreen.core.AvroBinary;
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
        assertEquals(StoredAccountStateV3.getClassSchema(), ((AccountStateSerializerSnapshot) restored).writerSchema());
        assertTrue(current.resolveSchemaCompatibility(restored).isCompatibleAsIs());
        assertEquals(createSerializer(), restored.restoreSerializer());

        String redocumented = StoredAccountStateV3.getClassSchema().toString().replace("The account.", "The account id.");
        assertTrue(current.resolveSchemaCompatibility(written(redocumented)).isCompatibleAsIs(), "docs do not count");
    }

    @Test
    void state_of_the_v1_stored_form_is_compatible_after_migration_and_its_bytes_are_read() throws IOException {
        assertMigrates(StoredAccountState.getClassSchema(), StoredStatesV1::encode, true);
    }

    @Test
    void state_of_the_v2_stored_form_is_compatible_after_migration_and_its_bytes_are_read() throws IOException {
        assertMigrates(StoredAccountStateV2.getClassSchema(), StoredStatesV2::encode, false);
    }

    @Test
    void state_of_a_v2_or_v3_form_whose_account_state_is_not_registered_is_incompatible() throws IOException {
        TypeSerializerSnapshot<AccountState> current = createSerializer().snapshotConfiguration();
        for (Schema form : List.of(StoredAccountStateV2.getClassSchema(), StoredAccountStateV3.getClassSchema())) {
            String added = form.toString().replace("{\"name\":\"lastEventTime\"",
                    "{\"name\":\"riskNote\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"lastEventTime\"");
            assertTrue(added.length() > form.toString().length());
            assertTrue(current.resolveSchemaCompatibility(written(added)).isIncompatible(), form.getName()
                    + " with an AccountState of a later build (not in the registry) cannot be read");
        }
    }

    /**
     * A snapshot of {@code form} is compatible after migration; the restored serializer reads that form's bytes and
     * the current one writes them in the current form, smaller.
     */
    private void assertMigrates(Schema form, Function<AccountState, byte[]> encoder, boolean withoutSettledRole)
            throws IOException {
        TypeSerializerSnapshot<AccountState> current = createSerializer().snapshotConfiguration();
        TypeSerializerSnapshot<AccountState> old = written(form.toString());
        TypeSerializerSchemaCompatibility<AccountState> fromOld = current.resolveSchemaCompatibility(old);
        assertTrue(fromOld.isCompatibleAfterMigration(), form.getName() + " state is rewritten in the current form");
        TypeSerializer<AccountState> oldReader = old.restoreSerializer();
        long oldBytes = 0;
        long newBytes = 0;
        for (AccountState s : getTestData()) {
            byte[] bytes = encoder.apply(s);
            DataOutputSerializer out = new DataOutputSerializer(bytes.length + 5);
            out.writeByte(bytes.length & 0x7F | (bytes.length > 0x7F ? 0x80 : 0));   // the serializer's varint length
            for (int rest = bytes.length >>> 7; rest != 0; rest >>>= 7) {
                out.writeByte(rest & 0x7F | (rest > 0x7F ? 0x80 : 0));
            }
            out.write(bytes);
            AccountState migrated = oldReader.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            // v1 had no settled role
            AccountState expected = withoutSettledRole ? AccountState.newBuilder(s).setSettledRole(null).build() : s;
            assertEquals(expected, migrated, s.getAccountId());
            byte[] rewritten = serialize(createSerializer(), migrated);
            assertEquals(StoredStates.V3_TAG, AvroBinary.decode(AccountStates.toBytes(migrated),
                    StoredAccountStateV3.class).getFormTag());
            assertEquals(expected, createSerializer().deserialize(new DataInputDeserializer(rewritten)));
            oldBytes += out.length();
            newBytes += rewritten.length;
        }
        assertTrue(newBytes < oldBytes, "now " + newBytes + " B, " + form.getName() + " " + oldBytes + " B");
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
