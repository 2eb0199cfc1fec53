package org.htscreen.samples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.htscreen.avro.Transaction;

/**
 * Seeded, reproducible sample traffic of a Cyprus bank: an ordinary customer population (see
 * {@link SampleConfig#benignCustomers()}) with labelled trafficking scenarios planted in it — sexual-exploitation
 * rings, labour-exploitation rings, sham-marriage facilitators, funnel accounts and smuggling fan-in. Amounts are
 * in EUR, times in Asia/Nicosia, account ids {@code CY-ACC-nnnnnn}, transaction ids {@code tx-<seed>-<n>}.
 *
 * <pre>
 * Sample s = SampleTraffic.generate(SampleConfig.small());
 * s.profiles().forEach(engine::upsertProfile);
 * s.transactions().forEach(engine::screen);
 * </pre>
 */
public final class SampleTraffic {

    /** Event time first, then transaction id. */
    public static final Comparator<Transaction> ORDER =
            Comparator.comparing(Transaction::getEventTime).thenComparing(Transaction::getTxId);

    private SampleTraffic() {
    }

    /** Generates the sample; the same config always gives an equal sample. */
    public static Sample generate(SampleConfig config) {
        Bank bank = new Bank(config);
        new BenignPopulation(bank).generate(config.benignCustomers());
        for (int i = 0; i < config.sexRings(); i++) {
            new SexualExploitationRing(bank, i).plant();
        }
        for (int i = 0; i < config.labourRings(); i++) {
            new LabourExploitationRing(bank, i).plant();
        }
        for (int i = 0; i < config.shamFacilitators(); i++) {
            new ShamMarriageNetwork(bank, i).plant();
        }
        for (int i = 0; i < config.funnels(); i++) {
            new FunnelAccount(bank, i).plant();
        }
        for (int i = 0; i < config.smugglers(); i++) {
            new SmugglingFanIn(bank, i).plant();
        }
        List<Transaction> transactions = new ArrayList<>(bank.tx().booked());
        transactions.sort(ORDER);
        return new Sample(bank.profiles(), transactions, bank.labels());
    }
}
