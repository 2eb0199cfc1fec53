package org.htscreen.core.state;

import org.htscreen.avro.AccountState;
import org.htscreen.avro.StoredAccountStateV2;

/**
 * The v2 stored form of an {@link AccountState} (ADR 0021): the Avro binary encoding of {@link StoredAccountStateV2},
 * whose rest was written with {@link AccountStateSchemas#V2_SCHEMA}. {@link StoredStates} reads it and writes the v3
 * form; encoding v2 is kept for tests and for tools that must write what the builds of v2 read.
 */
public final class StoredStatesV2 {

    private StoredStatesV2() {
    }

    /**
     * Encodes a state in the v2 stored form.
     *
     * @throws IllegalStateException when the current AccountState schema is not the one v2 wrote
     */
    public static byte[] encode(AccountState state) {
        int current = AccountStateSchemas.registered().current();
        if (current != AccountStateSchemas.V2_SCHEMA) {
            throw new IllegalStateException("the v2 form writes AccountState schema " + AccountStateSchemas.V2_SCHEMA
                    + ", not the current " + current);
        }
        return StoredStates.encode(state, StoredStates.V2_TAG);
    }
}
