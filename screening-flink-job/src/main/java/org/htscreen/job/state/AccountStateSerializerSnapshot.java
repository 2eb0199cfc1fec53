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
import org.htscreen.avro.StoredAccountState;

/**
 * Snapshot of {@link AccountStateSerializer}: the {@code StoredAccountState} schema the state was written with.
 * State is compatible as it is when that schema reads like the current one (same parsing fingerprint: docs and
 * defaults do not count) or like the one before the optional {@code settledRole} was appended (the stored form
 * reads such states with no settled role); anything else, including state written by Flink's Avro serializer before ADR 0009, is
 * incompatible. A later change of the stored schema can migrate from the schema kept here.
 */
public final class AccountStateSerializerSnapshot implements TypeSerializerSnapshot<AccountState> {

    private static final int VERSION = 1;
    /** Snapshots hold schemas this long at most: a larger length is corrupt. */
    private static final int MAX_SCHEMA_BYTES = 1 << 20;
    private static final Schema CURRENT = StoredAccountState.getClassSchema();
    /** The field added last, optional: states written before it lack it. */
    private static final String SETTLED_ROLE = "settledRole";
    private static final Schema BEFORE_SETTLED_ROLE = without(CURRENT, SETTLED_ROLE);

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
        return oldSerializerSnapshot instanceof AccountStateSerializerSnapshot old && readsLikeCurrent(old.writerSchema)
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }

    /** The record schema without one field. */
    private static Schema without(Schema record, String field) {
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            if (!f.name().equals(field)) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
    }

    /**
     * Whether state written with this schema reads as it is: the current schema, or the one before the settled role
     * (whose states end after {@code lastEventTime}, which the stored form reads with no settled role).
     */
    private static boolean readsLikeCurrent(Schema schema) {
        long written = SchemaNormalization.parsingFingerprint64(schema);
        return written == SchemaNormalization.parsingFingerprint64(CURRENT)
                || written == SchemaNormalization.parsingFingerprint64(BEFORE_SETTLED_ROLE);
    }
}
