package org.htscreen.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.htscreen.avro.AccountState;
import org.junit.jupiter.api.Test;

/**
 * The registry of AccountState schemas that stored states were written with (ADR 0026): the current schema is in it,
 * every registered schema resolves into the current one, and a number's schema never changes.
 */
class AccountStateSchemasTest {

    /** The parsing fingerprint of schema 1, the AccountState of the v2 form (ADR 0021): it must never change. */
    private static final long SCHEMA_1 = 0xde36acdf741aecf9L;

    private final AccountStateSchemas registry = AccountStateSchemas.registered();

    @Test
    void the_current_account_state_schema_is_registered() {
        // fails after a change of AccountState.avsc (or of a type it uses) until its schema is added under the next
        // number: AccountState.getClassSchema().toString(true) as AccountState-N.avsc (see the message)
        int current = registry.current();
        assertEquals(current, registry.numberOf(AccountState.getClassSchema()));
        assertEquals(registry.count(), current, "the newest registered schema is the current one");
    }

    @Test
    void a_numbers_schema_never_changes() {
        assertEquals(Long.toHexString(SCHEMA_1),
                Long.toHexString(SchemaNormalization.parsingFingerprint64(registry.schema(AccountStateSchemas.V2_SCHEMA))));
    }

    @Test
    void every_registered_schema_resolves_into_the_current_one_and_no_two_read_alike() {
        for (int k = 1; k <= registry.count(); k++) {
            Schema writer = registry.schema(k);
            assertEquals(AccountState.getClassSchema().getFullName(), writer.getFullName());
            assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE, SchemaCompatibility
                    .checkReaderWriterCompatibility(AccountState.getClassSchema(), writer).getType(), "schema " + k);
            for (int j = 1; j < k; j++) {
                assertNotEquals(j, registry.numberOf(writer), "schemas " + j + " and " + k + " read alike");
            }
        }
    }

    @Test
    void an_unregistered_current_schema_is_refused_with_what_to_do() {
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"AccountState\","
                + "\"namespace\":\"org.htscreen.avro\",\"fields\":[{\"name\":\"accountId\",\"type\":\"string\"}]}");
        AccountStateSchemas without = new AccountStateSchemas(List.of(other));
        IllegalStateException e = assertThrows(IllegalStateException.class, without::current);
        assertTrue(e.getMessage().contains("add it as /org/htscreen/core/state/schemas/AccountState-2.avsc"),
                e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> registry.schema(0));
        assertTrue(unknown.getMessage().contains("no AccountState schema number 0"), unknown.getMessage());
    }
}
