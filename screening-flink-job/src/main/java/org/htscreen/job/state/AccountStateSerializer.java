package org.htscreen.job.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.htscreen.avro.AccountState;
import org.htscreen.core.AccountStates;

/**
 * Flink serializer of {@link AccountState} in its stored form ({@code StoredAccountStateV3}, ADR 0026; earlier forms
 * are read too): a varint length, then {@link AccountStates#toBytes}. This is what RocksDB keeps per key and what
 * checkpoints hold; the operator keeps working on the plain record. Stateless, so one instance serves every thread.
 */
public final class AccountStateSerializer extends TypeSerializer<AccountState> {

    private static final long serialVersionUID = 1L;

    /** Longer lengths are corrupt: far above any state the engine keeps (at most 5,000 history entries). */
    static final int MAX_STORED_BYTES = 64 << 20;

    private static final int VARINT_BITS = 7;
    private static final int VARINT_MORE = 0x80;
    private static final int VARINT_MASK = 0x7F;
    /** A length fits in 32 bits, so in at most five varint bytes. */
    private static final int VARINT_MAX_SHIFT = 28;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<AccountState> duplicate() {
        return this;
    }

    @Override
    public AccountState createInstance() {
        return new AccountState();
    }

    /** A deep copy, as Flink's Avro serializer makes (the heap backend copies values during snapshots). */
    @Override
    public AccountState copy(AccountState from) {
        return AccountStates.copy(from);
    }

    @Override
    public AccountState copy(AccountState from, AccountState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(AccountState record, DataOutputView target) throws IOException {
        byte[] bytes = AccountStates.toBytes(record);
        writeLength(bytes.length, target);
        target.write(bytes);
    }

    @Override
    public AccountState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[readLength(source)];
        source.readFully(bytes);
        try {
            return AccountStates.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public AccountState deserialize(AccountState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = readLength(source);
        writeLength(length, target);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public TypeSerializerSnapshot<AccountState> snapshotConfiguration() {
        return new AccountStateSerializerSnapshot();
    }

    private static void writeLength(int length, DataOutputView target) throws IOException {
        int rest = length;
        while ((rest & ~VARINT_MASK) != 0) {
            target.writeByte(rest & VARINT_MASK | VARINT_MORE);
            rest >>>= VARINT_BITS;
        }
        target.writeByte(rest);
    }

    private static int readLength(DataInputView source) throws IOException {
        int length = 0;
        for (int shift = 0; shift <= VARINT_MAX_SHIFT; shift += VARINT_BITS) {
            int b = source.readUnsignedByte();
            length |= (b & VARINT_MASK) << shift;
            if ((b & VARINT_MORE) == 0) {
                if (length < 0 || length > MAX_STORED_BYTES) {
                    throw new IOException("not a stored AccountState: length " + Integer.toUnsignedString(length));
                }
                return length;
            }
        }
        throw new IOException("not a stored AccountState: length longer than five bytes");
    }
}
