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
        if (config.population() == Population.TRANSFER_ONLY) {
            TransferOnlyTraffic traffic = new TransferOnlyTraffic(bank);
            traffic.population(config.benignCustomers());
            for (int i = 0; i < config.funnels(); i++) {
                traffic.launderingShape(i);
            }
        } else {
            boolean realistic = config.population() == Population.BANK;
            if (realistic) {
                new BankSegments(bank).generate(config.benignCustomers());
            } else {
                new BenignPopulation(bank).generate(config.benignCustomers());
            }
            plantScenarios(bank, config, realistic);
        }
        List<Transaction> transactions = new ArrayList<>(bank.tx().booked());
        transactions.sort(ORDER);
        return new Sample(bank.profiles(), transactions, bank.labels(), bank.segments());
    }

    /**
     * Plants the scenarios, each as a case of its own ({@code SEX-01}, ...). In the realistic population every third
     * case of a kind is its subtle variant, and forced-criminality mule rings and the sham-marriage ring with
     * customer brides are planted.
     */
    private static void plantScenarios(Bank bank, SampleConfig config, boolean realistic) {
        for (int i = 0; i < config.sexRings(); i++) {
            boolean subtle = realistic && i % 3 == 2;
            bank.startCase(caseId("SEX", i), subtle ? "sex-ring-subtle" : "sex-ring");
            new SexualExploitationRing(bank, i, subtle).plant();
        }
        for (int i = 0; i < config.labourRings(); i++) {
            boolean subtle = realistic && i % 3 == 2;
            bank.startCase(caseId("LAB", i), subtle ? "labour-ring-subtle" : "labour-ring");
            new LabourExploitationRing(bank, i, subtle).plant();
        }
        for (int i = 0; i < config.shamFacilitators(); i++) {
            boolean subtle = realistic && i % 3 == 2;
            bank.startCase(caseId("SHAM", i), realistic ? subtle ? "sham-ring-subtle" : "sham-ring" : "sham-network");
            if (realistic) {
                new ShamMarriageRing(bank, i, subtle).plant();
            } else {
                new ShamMarriageNetwork(bank, i).plant();
            }
        }
        for (int i = 0; i < config.funnels(); i++) {
            bank.startCase(caseId("GEN", i), "funnel");
            new FunnelAccount(bank, i).plant();
        }
        for (int i = 0; i < config.smugglers(); i++) {
            boolean subtle = realistic && i % 3 == 2;
            bank.startCase(caseId("SMUG", i), subtle ? "smuggling-subtle" : "smuggling");
            new SmugglingFanIn(bank, i, subtle).plant();
        }
        for (int i = 0; i < (realistic ? config.muleRings() : 0); i++) {
            boolean subtle = i % 3 == 2;
            bank.startCase(caseId("CRIM", i), subtle ? "mule-ring-subtle" : "mule-ring");
            new MuleRing(bank, i, subtle).plant();
        }
    }

    private static String caseId(String kind, int i) {
        return String.format("%s-%02d", kind, i + 1);
    }
}
