package org.htscreen.job.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.StoredAccountStateV3;
import org.htscreen.core.state.StoredStates;

/**
 * Snapshot of {@link AccountStateSerializer}: the stored schema the state was written with. State is compatible as
 * it is when that schema reads like the current one ({@code StoredAccountStateV3}, same parsing fingerprint: docs and
 * defaults do not count); state written in a form the serializer still reads ({@link StoredStates#reads}: the v1 form
 * of the release before engine v2, ADR 0009; the v2 form, ADR 0021; the v3 form with an earlier registered
 * AccountState, ADR 0026) is compatible after migration: the serializer reads the old bytes and Flink rewrites them
 * in the current form. Anything else, including state written by Flink's Avro serializer before ADR 0009, is
 * incompatible.
 */
public final class AccountStateSerializerSnapshot implements TypeSerializerSnapshot<AccountState> {

    private static final int VERSION = 1;
    /** Snapshots hold schemas this long at most: a larger length is corrupt. */
    private static final int MAX_SCHEMA_BYTES = 1 << 20;
    private static final Schema CURRENT = StoredAccountStateV3.getClassSchema();

    private Schema writerSchema;

    /** The snapshot of the current serializer; Flink also uses this constructor before reading one. */
    public AccountStateSerializerSnapshot() {
        this.writerSchema = CURRENT;
    }

    /** The schema the state of this snapshot was written with. */
    public Schema writerSchema() {
        return writerSchema;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        byte[] json = writerSchema.toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("unknown version " + readVersion + " of " + getClass().getSimpleName());
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_SCHEMA_BYTES) {
            throw new IOException("schema of " + length + " bytes in " + getClass().getSimpleName());
        }
        byte[] json = new byte[length];
        in.readFully(json);
        writerSchema = new Schema.Parser().parse(new String(json, StandardCharsets.UTF_8));
    }

    @Override
    public TypeSerializer<AccountState> restoreSerializer() {
        return new AccountStateSerializer();
    }

    @Override
    public TypeSerializerSchemaCompatibility<AccountState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<AccountState> oldSerializerSnapshot) {
        if (!(oldSerializerSnapshot instanceof AccountStateSerializerSnapshot old)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (readsLike(old.writerSchema, CURRENT)) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return StoredStates.reads(old.writerSchema) ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }

    private static boolean readsLike(Schema schema, Schema other) {
        return SchemaNormalization.parsingFingerprint64(schema) == SchemaNormalization.parsingFingerprint64(other);
    }
}
