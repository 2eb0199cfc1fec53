package org.htscreen.core;

import org.htscreen.avro.AccountState;
import org.htscreen.core.state.StoredStates;

/**
 * {@link AccountState} as bytes, for hosts that store account state: the Avro binary encoding of its stored form,
 * {@code StoredAccountStateV3} (ADR 0026), which names the AccountState schema it was written with; bytes of the
 * earlier forms (ADR 0021, ADR 0009) still decode.
 */
public final class AccountStates {

    private AccountStates() {
    }

    /** The stored form of a state. */
    public static byte[] toBytes(AccountState state) {
        return StoredStates.encode(state);
    }

    /**
     * The state of a stored form; equal to the state that was encoded.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a stored state
     */
    public static AccountState fromBytes(byte[] bytes) {
        return StoredStates.decode(bytes);
    }

    /** A deep copy. */
    public static AccountState copy(AccountState state) {
        return AccountState.newBuilder(state).build();
    }
}
