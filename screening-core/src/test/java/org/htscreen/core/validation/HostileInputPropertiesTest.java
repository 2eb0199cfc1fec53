package org.htscreen.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountStates;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.InvalidProfileException;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.OpeningHours;
import org.htscreen.core.ProfileValidator;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.TransactionValidator;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.testkit.Hostile;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Properties over generated hostile input (seeded, {@value #TRIES} tries each; a failure names the seed that
 * reproduces it): validation never throws; the engine throws nothing but its declared refusals, and exactly when
 * validation refuses; whatever is accepted screens, and its state encodes, without an exception.
 */
@Timeout(120)
class HostileInputPropertiesTest {

    /** Tries per property: enough to meet every generator branch many times, a few seconds in CI. */
    static final int TRIES = 400;
    /** Base seed; try i uses BASE + i. Change it locally to explore further. */
    static final long BASE = 0x1157_2026L;

    private static ScreeningEngine engine;
    private static final ProfileValidator PROFILES = new ProfileValidator();
    private static final TransactionValidator TRANSACTIONS = new TransactionValidator(RuleSet.bundled().reference());

    @BeforeAll
    static void build() {
        engine = ScreeningEngine.builder().lateness(java.time.Duration.ofMinutes(5)).clock(() -> 42L).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    interface Property {
        void check(Hostile gen) throws Exception;
    }

    private static final java.util.concurrent.atomic.AtomicInteger ACCEPTED = new java.util.concurrent.atomic.AtomicInteger();

    /** Runs a property {@value #TRIES} times; both accepted and refused input must be common enough to matter. */
    private static void forAll(String name, Property p) {
        ACCEPTED.set(0);
        for (int i = 0; i < TRIES; i++) {
            long seed = BASE + i;
            try {
                p.check(new Hostile(seed));
            } catch (AssertionError | Exception e) {
                fail(name + " fails for seed " + seed + ": " + e, e);
            }
        }
        int accepted = ACCEPTED.get();
        assertTrue(accepted >= TRIES / 10 && accepted <= TRIES * 9 / 10,
                name + ": " + accepted + " of " + TRIES + " accepted; the generator should mix valid and hostile input");
    }

    @Test
    void opening_hours_parse_or_refuse_and_never_throw_anything_else() {
        forAll("opening hours", g -> {
            String text = g.openingHours();
            Optional<OpeningHours> h = OpeningHours.tryParse(text);
            assertEquals(h.isEmpty(), OpeningHours.problem(text).isPresent());
            if (h.isPresent()) {
                ACCEPTED.incrementAndGet();
                assertEquals(text, h.get().toString(), "a valid value is printed back unchanged");
                for (int m = 0; m < 24 * 60; m += 13) {
                    h.get().isOpenAt(m);
                }
            }
        });
    }

    @Test
    void profiles_are_stored_exactly_when_valid_and_then_screen_and_encode() {
        forAll("profiles", g -> {
            PartyProfile p = g.profile();
            Optional<String> problem = PROFILES.problem(p);
            try {
                engine.upsertProfile(p);
                assertTrue(problem.isEmpty(), "stored although refused: " + problem);
                ACCEPTED.incrementAndGet();
            } catch (InvalidProfileException e) {
                assertTrue(problem.isPresent(), "refused although valid: " + e.getMessage());
                assertTrue(e.getMessage().length() < 2_000, "bounded reason");
                return;
            }
            AvroBinary.encode(p);   // the job stores it: it must encode
            for (String account : p.getAccountIds().subList(0, Math.min(3, p.getAccountIds().size()))) {
                Transaction tx = Tx.branchDeposit(account, 950).at(Tx.T0.plusSeconds(g.random().nextInt(86_400)))
                        .terminal("BR-1", "Limassol").build();
                engine.screen(tx);
                AccountState state = engine.exportState(account).orElseThrow();
                AccountStates.fromBytes(AccountStates.toBytes(state));
            }
        });
    }

    @Test
    void transactions_are_screened_exactly_when_valid_and_accepted_ones_encode() {
        forAll("transactions", g -> {
            Transaction tx = g.transaction();
            Optional<String> problem = TRANSACTIONS.problem(tx);
            try {
                engine.screen(tx);
                assertTrue(problem.isEmpty(), "screened although refused: " + problem);
                ACCEPTED.incrementAndGet();
            } catch (InvalidTransactionException e) {
                assertTrue(problem.isPresent(), "refused although valid: " + e.getMessage());
                assertTrue(e.getMessage().length() < 2_000, "bounded reason");
                return;
            }
            AvroBinary.decode(AvroBinary.encode(tx), Transaction.class);
        });
        engine.flush();
    }
}
