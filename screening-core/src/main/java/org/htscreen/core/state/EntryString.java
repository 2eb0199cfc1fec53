package org.htscreen.core.state;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.htscreen.avro.HistoryEntry;

/**
 * The optional string fields of a history entry, each stored as a column of dictionary references for the entries
 * that have it; the field's bit in the entry's {@code present} value says whether it does.
 */
enum EntryString {
    MCC("mcc", HistoryEntry::getMcc, HistoryEntry::setMcc),
    COUNTERPARTY("counterparty", HistoryEntry::getCounterparty, HistoryEntry::setCounterparty),
    COUNTRY("country", HistoryEntry::getCountry, HistoryEntry::setCountry),
    TERMINAL_ID("terminalId", HistoryEntry::getTerminalId, HistoryEntry::setTerminalId),
    TOWN("town", HistoryEntry::getTown, HistoryEntry::setTown),
    CONDUCTOR("conductor", HistoryEntry::getConductor, HistoryEntry::setConductor),
    REFUND_OF("refundOf", HistoryEntry::getRefundOf, HistoryEntry::setRefundOf),
    PASSENGER("passenger", HistoryEntry::getPassenger, HistoryEntry::setPassenger),
    DEVICE_ID("deviceId", HistoryEntry::getDeviceId, HistoryEntry::setDeviceId);

    /** The fields in the order of their columns. */
    static final EntryString[] ALL = values();
    /** Every field's bit: no other bit may be set in a {@code present} value. */
    static final int ALL_BITS = (1 << ALL.length) - 1;

    private final String column;
    private final Function<HistoryEntry, String> getter;
    private final BiConsumer<HistoryEntry, String> setter;

    EntryString(String column, Function<HistoryEntry, String> getter, BiConsumer<HistoryEntry, String> setter) {
        this.column = column;
        this.getter = getter;
        this.setter = setter;
    }

    /** Name of the field and of its column. */
    String column() {
        return column;
    }

    /** The field's bit in an entry's {@code present} value. */
    int bit() {
        return 1 << ordinal();
    }

    String get(HistoryEntry e) {
        return getter.apply(e);
    }

    void set(HistoryEntry e, String value) {
        setter.accept(e, value);
    }
}
