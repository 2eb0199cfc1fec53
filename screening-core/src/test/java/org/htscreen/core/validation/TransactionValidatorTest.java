package org.htscreen.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InputLimits;
import org.htscreen.core.TransactionValidator;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** A transaction is refused, with the field and why, before any value could overflow or cost unbounded work. */
class TransactionValidatorTest {

    private static final TransactionValidator VALIDATOR = new TransactionValidator(RuleSet.bundled().reference());

    private static Transaction good() {
        return Tx.cashDeposit("A-1", 180).terminal("ATM-1", "Limassol").build();
    }

    private static void assertRejected(Transaction tx, String field) {
        String p = VALIDATOR.problem(tx).orElseThrow(() -> new AssertionError("accepted, expected " + field));
        assertTrue(p.startsWith(field + ": "), p);
        assertTrue(p.length() < 400, "reason is bounded: " + p.length());
    }

    @Test
    void a_normal_transaction_passes() {
        assertEquals(Optional.empty(), VALIDATOR.problem(good()));
    }

    @Test
    void amounts_stay_within_the_schema_precision_and_scale() {
        for (String bad : new String[] {"1e100000000", "1e999999999", "1e-999999999", "0.001", "0", "-5.00",
                "12345678901234567.00"}) {
            Transaction tx = good();
            tx.setAmount(new BigDecimal(bad));
            assertRejected(tx, "amount");
        }
        Transaction max = good();
        max.setAmount(new BigDecimal("9999999999999999.99"));
        assertEquals(Optional.empty(), VALIDATOR.problem(max));
        Transaction trailing = good();
        trailing.setAmount(new BigDecimal("180.500"));
        assertEquals(Optional.empty(), VALIDATOR.problem(trailing));
    }

    @Test
    void event_time_is_bounded_so_no_arithmetic_can_overflow() {
        Transaction tx = good();
        tx.setEventTime(Instant.parse("+999999999-12-31T23:59:59Z"));
        assertRejected(tx, "eventTime");
        tx.setEventTime(Instant.ofEpochMilli(Long.MAX_VALUE));
        assertRejected(tx, "eventTime");
        tx.setEventTime(Instant.ofEpochMilli(Long.MIN_VALUE));
        assertRejected(tx, "eventTime");
        tx.setEventTime(InputLimits.LATEST_TIME);
        assertRejected(tx, "eventTime");
    }

    @Test
    void strings_are_capped_and_quoted_values_truncated() {
        Transaction tx = good();
        tx.setReference("(" + "x".repeat(InputLimits.MAX_TEXT_LENGTH) + ")");
        assertRejected(tx, "reference");
        tx = good();
        tx.getOriginator().setName("n".repeat(InputLimits.MAX_NAME_LENGTH + 1));
        assertRejected(tx, "originator.name");
        tx = good();
        tx.setTxId("t".repeat(InputLimits.MAX_ID_LENGTH + 1));
        assertRejected(tx, "txId");
        tx = good();
        tx.setPassengerName("p".repeat(InputLimits.MAX_NAME_LENGTH + 1));
        assertRejected(tx, "passengerName");
        tx = good();
        tx.setCurrency("E".repeat(100_000));
        assertRejected(tx, "currency");
        tx = good();
        tx.setZoneId("Z".repeat(100_000));
        assertRejected(tx, "zoneId");
        tx = good();
        tx.setTerminal(Terminal.newBuilder().setId("T").setCity("c".repeat(InputLimits.MAX_NAME_LENGTH + 1)).build());
        assertRejected(tx, "terminal.city");
        tx = good();
        tx.setMerchant(Merchant.newBuilder().setMcc("5".repeat(InputLimits.MAX_ID_LENGTH + 1)).build());
        assertRejected(tx, "merchant.mcc");
    }

    @Test
    void missing_required_values_are_refused_not_thrown() {
        Transaction tx = good();
        tx.setTxId(null);
        assertRejected(tx, "txId");
        tx = good();
        tx.setDirection(null);
        assertRejected(tx, "direction");
        tx = good();
        tx.setChannel(null);
        assertRejected(tx, "channel");
        tx = good();
        tx.setStatus(null);
        assertRejected(tx, "status");
        tx = good();
        tx.setCurrency(null);
        assertRejected(tx, "currency");
        tx = good();
        tx.setZoneId(null);
        assertRejected(tx, "zoneId");
        tx = good();
        tx.put("eventTime", null);
        assertRejected(tx, "eventTime");
        tx = good();
        tx.setBeneficiary(null);
        assertRejected(tx, "beneficiary");
        tx = good();
        tx.setOriginator(null);
        assertRejected(tx, "originator");
        tx = good();
        tx.setTerminal(Terminal.newBuilder().setId("T").build());
        tx.getTerminal().setId(null);
        assertRejected(tx, "terminal.id");
        tx = good();
        tx.setMerchant(Merchant.newBuilder().setMcc("5812").build());
        tx.getMerchant().setMcc(null);
        assertRejected(tx, "merchant.mcc");
    }

    @Test
    void the_earlier_reasons_keep_their_words() {
        Transaction tx = good();
        tx.setAmount(new BigDecimal("0.00"));
        assertEquals("amount: must be positive, was 0.00", VALIDATOR.problem(tx).orElseThrow());
        tx = good();
        tx.setCurrency("XYZ");
        assertTrue(VALIDATOR.problem(tx).orElseThrow().contains("unknown currency 'XYZ'"));
    }
}
