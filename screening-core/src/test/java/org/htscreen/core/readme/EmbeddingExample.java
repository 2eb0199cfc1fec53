package org.htscreen.core.readme;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.ScreeningResult;

/** The embedding example of the README, compiled and run by {@link ReadmeExampleTest}. */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /** Runs the example and returns the alerts it printed. */
    public static List<Alert> run() {
        // README-EXAMPLE-START
        List<Alert> raised = new ArrayList<>();                               // the alerts, for your case management
        try (ScreeningEngine engine = ScreeningEngine.builder().build()) {   // bundled rules, default parameters
            String[] towns = {"Limassol", "Larnaca", "Paphos", "Nicosia"};
            Instant night = Instant.parse("2026-03-02T21:30:00Z");              // 23:30 in Nicosia
            for (int i = 0; i < 8; i++) {
                Transaction deposit = Transaction.newBuilder()
                        .setTxId("dep-" + i)
                        .setEventTime(night.plusSeconds(43_200L * i))
                        .setAmount(new BigDecimal("180.00")).setCurrency("EUR")
                        .setChannel(Channel.ATM_DEPOSIT).setDirection(Direction.INBOUND)
                        .setOriginator(TransactionParty.newBuilder().setPartyId("walk-in-" + i).build())
                        .setBeneficiary(TransactionParty.newBuilder().setAccountId("CY17-0001").setPartyId("P-1").build())
                        .setTerminal(Terminal.newBuilder().setId("ATM-" + i).setCity(towns[i % 4]).build())
                        .build();
                ScreeningResult result = engine.screen(deposit);
                for (Alert alert : result.alerts()) {
                    System.out.println(alert.getSummary());
                    alert.getSignals().forEach(s -> System.out.println("  " + s.getRuleId() + ": " + s.getReason()));
                    raised.add(alert);
                }
            }
        }
        // README-EXAMPLE-END
        return raised;
    }
}
