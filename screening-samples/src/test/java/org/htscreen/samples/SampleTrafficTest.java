package org.htscreen.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.avro.Typology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleTrafficTest {

    private static Sample small;

    @BeforeAll
    static void generate() {
        small = SampleTraffic.generate(SampleConfig.small());
    }

    @Test
    void sameSeedGivesEqualSample() {
        Sample again = SampleTraffic.generate(SampleConfig.small());
        assertEquals(small, again);
    }

    @Test
    void differentSeedGivesDifferentSample() {
        Sample other = SampleTraffic.generate(SampleConfig.small().withSeed(7));
        assertNotEquals(small.transactions(), other.transactions());
        assertNotEquals(small.transactions().get(0).getTxId(), other.transactions().get(0).getTxId());
    }

    @Test
    void transactionsAreSortedByEventTimeThenId() {
        List<Transaction> txs = small.transactions();
        assertFalse(txs.isEmpty());
        for (int i = 1; i < txs.size(); i++) {
            assertTrue(SampleTraffic.ORDER.compare(txs.get(i - 1), txs.get(i)) < 0,
                    "out of order at " + i + ": " + txs.get(i - 1).getTxId() + ", " + txs.get(i).getTxId());
        }
        assertEquals(txs.size(), txs.stream().map(Transaction::getTxId).distinct().count(), "ids are unique");
    }

    @Test
    void trafficLiesWithinTheConfiguredDaysAndAfterEveryProfile() {
        SampleConfig c = SampleConfig.small();
        Instant first = small.transactions().get(0).getEventTime();
        Instant last = small.transactions().get(small.transactions().size() - 1).getEventTime();
        assertFalse(first.isBefore(c.start()));
        assertTrue(last.isBefore(c.start().plusSeconds(86_400L * (c.days() + 1))));
        for (PartyProfile p : small.profiles()) {
            assertTrue(p.getUpdatedAt().isBefore(first), p.getPartyId());
        }
        assertTrue(small.transactions().stream().allMatch(t -> t.getCurrency().equals("EUR")
                && t.getZoneId().equals("Asia/Nicosia") && t.getAmount().signum() > 0));
    }

    @Test
    void everyLabelledAccountAppearsInTheTransactionsAndHasAProfile() {
        Set<String> used = accountsOfTheBank(small);
        Set<String> profiled = small.profiles().stream().flatMap(p -> p.getAccountIds().stream())
                .collect(Collectors.toSet());
        assertFalse(small.labels().isEmpty());
        for (Label l : small.labels()) {
            assertTrue(used.contains(l.accountId()), l.accountId() + " has no transaction");
            assertTrue(profiled.contains(l.accountId()), l.accountId() + " has no profile");
        }
        Set<Typology> planted = small.labels().stream().map(Label::typology).collect(Collectors.toSet());
        assertEquals(Set.of(Typology.SEXUAL_EXPLOITATION, Typology.LABOUR_EXPLOITATION, Typology.SHAM_MARRIAGE,
                Typology.GENERAL_LAUNDERING, Typology.MIGRANT_SMUGGLING), planted);
    }

    @Test
    void everyAccountOfTheBankHasAProfile() {
        Set<String> profiled = small.profiles().stream().flatMap(p -> p.getAccountIds().stream())
                .collect(Collectors.toSet());
        Set<String> used = accountsOfTheBank(small);
        used.removeAll(profiled);
        assertEquals(Set.of(), used);
        assertEquals(SampleConfig.small().benignCustomers() + small.labels().size(), small.profiles().size());
    }

    @Test
    void sizesScaleWithTheConfig() {
        SampleConfig base = SampleConfig.small().withBenignCustomers(50).withDays(30);
        Sample s = SampleTraffic.generate(base);
        Sample morePeople = SampleTraffic.generate(base.withBenignCustomers(100));
        Sample moreDays = SampleTraffic.generate(base.withDays(60));
        Sample moreScenarios = SampleTraffic.generate(base.withScenarios(2, 2, 2, 2, 2));
        Sample benignOnly = SampleTraffic.generate(base.benignOnly());

        assertEquals(50 + s.labels().size(), s.profiles().size());
        assertEquals(100 + s.labels().size(), morePeople.profiles().size());
        assertTrue(morePeople.transactions().size() > 1.6 * s.transactions().size());
        assertTrue(moreDays.transactions().size() > 1.6 * s.transactions().size());
        assertEquals(2 * s.labels().size(), moreScenarios.labels().size());
        assertTrue(moreScenarios.transactions().size() > s.transactions().size());
        assertEquals(List.of(), benignOnly.labels());
        assertEquals(50, benignOnly.profiles().size());
    }

    private static Set<String> accountsOfTheBank(Sample s) {
        Set<String> ids = new HashSet<>();
        for (Transaction t : s.transactions()) {
            switch (t.getDirection()) {
                case OUTBOUND -> add(ids, t.getOriginator());
                case INBOUND -> add(ids, t.getBeneficiary());
                case INTERNAL -> {
                    add(ids, t.getOriginator());
                    add(ids, t.getBeneficiary());
                }
            }
        }
        return ids;
    }

    private static void add(Set<String> ids, TransactionParty p) {
        if (p.getAccountId() != null) {
            ids.add(p.getAccountId());
        }
    }
}
