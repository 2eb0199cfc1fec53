package org.htscreen.workbench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.htscreen.workbench.io.RecordSink;

/**
 * A tiny input whose outcome is counted by hand: three accounts.
 * <ul>
 *   <li>{@code CY-ACC-X}: night cash deposits at many ATMs in four towns: alerted, labelled positive</li>
 *   <li>{@code CY-ACC-Y}: the same pattern: alerted, labelled negative (a false positive)</li>
 *   <li>{@code CY-ACC-Z}: salary and groceries: not alerted, labelled positive (a miss)</li>
 * </ul>
 * So: 3 accounts, 2 alerted (rate 2/3), precision 1/2, recall 1/2.
 */
final class TestData {

    static final Instant START = Instant.parse("2026-03-02T21:30:00Z");
    static final String[] TOWNS = {"Limassol", "Larnaca", "Paphos", "Nicosia"};

    private TestData() {
    }

    static List<Transaction> nightDeposits(String account, String party, String prefix, Instant start) {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(Tx.cashDeposit(account, 180).id(prefix + i).at(start.plus(Duration.ofHours(12L * i)))
                    .holder(party).terminal(prefix + "ATM-" + i, TOWNS[i % 4]).build());
        }
        return out;
    }

    static List<Transaction> benign(String account, String party) {
        List<Transaction> out = new ArrayList<>();
        out.add(Tx.transferIn(account, 1850, "CY55SAMPLE000000000001").id("z-sal").purpose("SALA").holder(party)
                .at(START.minus(Duration.ofHours(15))).build());
        for (int d = 0; d < 4; d++) {
            out.add(Tx.card(account, 35 + d, "5411", "Alphamega").id("z-pos-" + d).holder(party)
                    .at(START.plus(Duration.ofDays(d)).minus(Duration.ofHours(5))).build());
        }
        return out;
    }

    static List<Transaction> transactions() {
        List<Transaction> all = new ArrayList<>();
        all.addAll(nightDeposits("CY-ACC-X", "CY-PTY-X", "x-", START));
        all.addAll(nightDeposits("CY-ACC-Y", "CY-PTY-Y", "y-", START.plus(Duration.ofMinutes(7))));
        all.addAll(benign("CY-ACC-Z", "CY-PTY-Z"));
        all.sort(java.util.Comparator.comparing(Transaction::getEventTime).thenComparing(Transaction::getTxId));
        return all;
    }

    static List<PartyProfile> profiles() {
        Instant at = START.minus(Duration.ofDays(1));
        return List.of(
                Profiles.person("CY-PTY-X", "CY-ACC-X", 900).setUpdatedAt(at).build(),
                Profiles.person("CY-PTY-Y", "CY-ACC-Y", 900).setUpdatedAt(at).build(),
                Profiles.person("CY-PTY-Z", "CY-ACC-Z", 1850).setUpdatedAt(at).build());
    }

    static final String LABELS = "account_id,label,typology,role\n"
            + "CY-ACC-X,1,SEXUAL_EXPLOITATION,POSSIBLE_VICTIM\n"
            + "CY-ACC-Y,0,,\n"
            + "CY-ACC-Z,1,LAB,VICTIM\n";

    /** Writes transactions.jsonl, profiles.jsonl and labels.csv into dir. */
    static void write(Path dir, List<Transaction> txs) throws java.io.IOException {
        try (RecordSink<Transaction> s = RecordSink.create(dir.resolve("transactions.jsonl"), null,
                Transaction.getClassSchema())) {
            txs.forEach(s::write);
        }
        try (RecordSink<PartyProfile> s = RecordSink.create(dir.resolve("profiles.jsonl"), null,
                PartyProfile.getClassSchema())) {
            profiles().forEach(s::write);
        }
        java.nio.file.Files.writeString(dir.resolve("labels.csv"), LABELS);
    }
}
