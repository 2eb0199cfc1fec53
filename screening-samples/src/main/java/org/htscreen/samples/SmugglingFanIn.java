package org.htscreen.samples;

import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * A smuggling beneficiary in Larnaca, a Syrian national trading used cars: every ten days or so migrants'
 * relatives in Syria, Lebanon, Turkey, Egypt, Afghanistan and Europe send him fees through remitters, each under
 * the identification limit, and he sends small remittances on to organisers in Turkey and Lebanon and draws
 * cash.
 */
final class SmugglingFanIn {

    /** Places senders pay from: remitter agent city and country. */
    private static final String[][] PLACES = {{"Damascus", "SY"}, {"Aleppo", "SY"}, {"Beirut", "LB"},
        {"Tripoli", "LB"}, {"Mersin", "TR"}, {"Istanbul", "TR"}, {"Cairo", "EG"}, {"Kabul", "AF"},
        {"Berlin", "DE"}, {"Malmo", "SE"}};

    private final Bank bank;
    private final int index;
    private final TransactionFactory tx;
    private final boolean subtle;

    SmugglingFanIn(Bank bank, int index) {
        this(bank, index, false);
    }

    /** A beneficiary; the subtle variant has three to five senders a wave, from fewer places. */
    SmugglingFanIn(Bank bank, int index, boolean subtle) {
        this.bank = bank;
        this.index = index;
        this.tx = bank.tx();
        this.subtle = subtle;
    }

    void plant() {
        Random r = bank.random("smuggling", index);
        Customer s = bank.open(Names.person(r, "SY"), Town.LARNACA, PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, s, 1978 + r.nextInt(10), "SY", "used-car trader", 1500,
                ResidencePermit.WORK, bank.date(0).minusDays(900 + r.nextInt(600))).build());
        bank.label(s, Typology.MIGRANT_SMUGGLING, RoleHint.SUSPECTED_CONTROLLER);
        List<Counterparty> organisers = List.of(bank.external(Names.person(r, "TR"), "TR", PartyType.PERSON),
                bank.external(Names.person(r, "LB"), "LB", PartyType.PERSON));
        for (int wave = 2; wave < bank.days(); wave += 8 + r.nextInt(5)) {
            int senders = subtle ? 3 + r.nextInt(3) : 5 + r.nextInt(4);
            for (int k = 0; k < senders; k++) {
                String[] place = PLACES[r.nextInt(subtle ? 6 : PLACES.length)];
                String nat = place[1].equals("DE") || place[1].equals("SE") ? "SY" : place[1];
                Counterparty sender = bank.external(Names.person(r, nat), place[1], PartyType.PERSON);
                tx.transferIn(s, bank.at(wave + r.nextInt(3), 9 + r.nextInt(9), r.nextInt(60)), 700 + 50 * r.nextInt(30),
                        sender, Channel.MONEY_REMITTANCE)
                        .sentFrom("MTA-" + place[1] + "-" + place[0].toUpperCase().substring(0, 3), place[0], place[1])
                        .book();
            }
            for (int k = 0; k < 2 + r.nextInt(2); k++) {
                tx.transferOut(s, bank.at(wave + 3 + k, 12, r.nextInt(240)), 800 + 25 * r.nextInt(7),
                        Names.pick(r, organisers), Channel.MONEY_REMITTANCE).book();
            }
            tx.branchWithdrawal(s, bank.at(wave + 4, 11, r.nextInt(180)), 2000 + 250 * r.nextInt(8), s.town()).book();
        }
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(5) == 0) {
                tx.card(s, bank.at(day, 19, r.nextInt(120)), 15 + r.nextInt(70), Shops.grocery(s.town(), r)).book();
            }
            if (r.nextInt(9) == 0) {
                tx.card(s, bank.at(day, 8, r.nextInt(300)), 35 + r.nextInt(40), Shops.fuel(s.town(), r)).book();
            }
        }
    }
}
