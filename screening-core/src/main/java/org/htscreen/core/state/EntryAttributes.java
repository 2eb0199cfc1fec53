package org.htscreen.core.state;

import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;

/**
 * The bits of one history entry's {@code attributes} value (StoredHistory.attributes): its booleans, its enums
 * (counterparty type, then channel in the open-ended high bits) and how its amount and local time are stored.
 */
final class EntryAttributes {

    static final int CREDIT = 1;
    static final int WHITE_LABEL = 1 << 1;
    /** The amount is kept as a double, not in whole cents. */
    static final int AMOUNT_DOUBLE = 1 << 2;
    /** Local day and minute are kept as they are, not as an offset from UTC. */
    static final int LOCAL_TIME_STORED = 1 << 3;
    static final int PARTY_TYPE_SHIFT = 4;
    static final int PARTY_TYPE_MASK = 0xF;
    static final int CHANNEL_SHIFT = 8;

    private static final Channel[] CHANNELS = Channel.values();
    private static final PartyType[] PARTY_TYPES = PartyType.values();

    static {
        if (PARTY_TYPES.length >= PARTY_TYPE_MASK) {
            throw new IllegalStateException("PartyType has more symbols than StoredHistory.attributes can hold");
        }
    }

    private EntryAttributes() {
    }

    /** The attributes of an entry, with the storage bits given. */
    static int of(HistoryEntry e, int storage) {
        PartyType type = e.getCounterpartyType();
        return storage
                | (e.getCredit() ? CREDIT : 0)
                | (e.getWhiteLabel() ? WHITE_LABEL : 0)
                | (type == null ? 0 : type.ordinal() + 1) << PARTY_TYPE_SHIFT
                | e.getChannel().ordinal() << CHANNEL_SHIFT;
    }

    static boolean has(int attributes, int bit) {
        return (attributes & bit) != 0;
    }

    static PartyType partyType(int attributes) {
        int code = attributes >>> PARTY_TYPE_SHIFT & PARTY_TYPE_MASK;
        if (code > PARTY_TYPES.length) {
            throw StoredStates.corrupt("no counterparty type " + code);
        }
        return code == 0 ? null : PARTY_TYPES[code - 1];
    }

    static Channel channel(int attributes) {
        int code = attributes >>> CHANNEL_SHIFT;
        if (code >= CHANNELS.length) {
            throw StoredStates.corrupt("no channel " + code);
        }
        return CHANNELS[code];
    }
}
