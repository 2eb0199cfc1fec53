package org.htscreen.core.network;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.PartyProfile;

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

    /** Every identifier of a profile (none for a null profile). */
    public static List<Identifier> of(PartyProfile p) {
        List<Identifier> ids = new ArrayList<>();
        if (p == null) {
            return ids;
        }
        if (p.getAddressHash() != null) {
            ids.add(new Identifier(ADDRESS, p.getAddressHash()));
        }
        if (p.getPhoneHash() != null) {
            ids.add(new Identifier(PHONE, p.getPhoneHash()));
        }
        if (p.getEmailHash() != null) {
            ids.add(new Identifier(EMAIL, p.getEmailHash()));
        }
        for (String d : p.getDeviceIds()) {
            ids.add(new Identifier(DEVICE, d));
        }
        return ids;
    }
}
