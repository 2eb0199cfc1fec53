package org.htscreen.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InvalidProfileException;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An embedding developer cannot poison the engine's state: invalid input is refused with a clear exception. */
class EngineRefusesInvalidInputTest {

    private static ScreeningEngine engine;

    @BeforeAll
    static void build() {
        engine = ScreeningEngine.builder().clock(() -> 42L).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void a_profile_with_invalid_opening_hours_is_refused_and_not_stored() {
        PartyProfile bad = Profiles.business("B-9", "ACC-POISON", "96.02", 8_000).setOpeningHours("25:00-26:00").build();
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> engine.upsertProfile(bad));
        assertTrue(e.getMessage().startsWith("profile B-9: openingHours: "), e.getMessage());
        assertEquals(e.getMessage().substring("profile B-9: ".length()), e.problem());
        assertTrue(engine.exportState("ACC-POISON").isEmpty(), "nothing stored");
        // the next cash deposit on that account screens normally
        engine.screen(Tx.cashDeposit("ACC-POISON", 500).terminal("ATM-1", "Limassol").build());
    }

    @Test
    void a_round_the_clock_business_screens_cash_deposits_without_error() {
        engine.upsertProfile(Profiles.business("B-24", "ACC-24H", "96.02", 8_000).setOpeningHours("00:00-24:00").build());
        for (int h = 0; h < 24; h++) {
            engine.screen(Tx.branchDeposit("ACC-24H", 900).at(Tx.T0.plusSeconds(3600L * h))
                    .terminal("BR-1", "Limassol").build());
        }
        engine.upsertProfile(Profiles.business("B-N", "ACC-NIGHT", "56.30", 8_000).setOpeningHours("18:00-02:00").build());
        for (int h = 0; h < 24; h++) {
            engine.screen(Tx.branchDeposit("ACC-NIGHT", 900).at(Tx.T0.plusSeconds(3600L * h))
                    .terminal("BR-1", "Limassol").build());
        }
    }

    @Test
    void a_transaction_with_an_unscalable_amount_is_refused() {
        Transaction tx = Tx.cashDeposit("ACC-BIG", 1).build();
        tx.setAmount(new BigDecimal("1e100000000"));
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class, () -> engine.screen(tx));
        assertTrue(e.getMessage().contains("amount: "), e.getMessage());
        assertTrue(engine.exportState("ACC-BIG").isEmpty());
    }

    @Test
    void a_null_profile_or_transaction_is_refused_clearly() {
        assertThrows(InvalidProfileException.class, () -> engine.upsertProfile(null));
        assertThrows(InvalidTransactionException.class, () -> engine.screen(null));
    }
}
