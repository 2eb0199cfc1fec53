package org.htscreen.core.network;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.IdentifierPlaceholders;

/** Identifiers that unrelated customers should not share (HT-NET-01, HT-NET-05). */
public enum IdentifierKind {
    ADDRESS, PHONE, EMAIL, DEVICE;

    /** A (kind, value) pair taken from a profile. */
    public record Identifier(IdentifierKind kind, String value) {
        /** Key used to partition identifiers, e.g. {@code PHONE:ab12...}. */
        public String key() {
            return kind.name() + ":" + value;
        }
    }

    /**
     * Every identifier of a profile (none for a null profile). Blank and placeholder values (the hash of an empty
     * string, {@code unknown}, {@code 0000...}: {@link IdentifierPlaceholders}) are left out: customers sharing
     * them share nothing.
     */
    public static List<Identifier> of(PartyProfile p) {
        List<Identifier> ids = new ArrayList<>();
        if (p == null) {
            return ids;
        }
        add(ids, ADDRESS, p.getAddressHash());
        add(ids, PHONE, p.getPhoneHash());
        add(ids, EMAIL, p.getEmailHash());
        for (String d : p.getDeviceIds()) {
            add(ids, DEVICE, d);
        }
        return ids;
    }

    private static void add(List<Identifier> ids, IdentifierKind kind, String value) {
        if (value != null && !IdentifierPlaceholders.isPlaceholder(value)) {
            ids.add(new Identifier(kind, value));
        }
    }
}
