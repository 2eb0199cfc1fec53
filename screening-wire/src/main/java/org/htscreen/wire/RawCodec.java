package org.htscreen.wire;

import org.apache.avro.specific.SpecificRecord;
import org.htscreen.core.AvroBinary;

/** {@link WireFormat#RAW}: Avro binary without schema identification. */
final class RawCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    RawCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] encode(T record, String topic) {
        return AvroBinary.encode(record);
    }

    @Override
    public T decode(byte[] value) {
        try {
            return AvroBinary.decode(value, type);
        } catch (WireException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new WireException(e.getMessage(), e);
        }
    }
}
