package org.htscreen.core;

import org.htscreen.avro.AccountState;

/** Avro binary encoding of {@link AccountState}, for hosts that store account state as bytes. */
public final class AccountStates {

    private AccountStates() {
    }

    public static byte[] toBytes(AccountState state) {
        return AvroBinary.encode(state);
    }

    public static AccountState fromBytes(byte[] bytes) {
        return AvroBinary.decode(bytes, AccountState.class);
    }

    /** A deep copy. */
    public static AccountState copy(AccountState state) {
        return AccountState.newBuilder(state).build();
    }
}
