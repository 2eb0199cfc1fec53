package org.htscreen.samples;

import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * A sham-marriage facilitator in Larnaca district: grooms in India, Pakistan and Bangladesh pay him for
 * "documents and marriage", he buys flights for EU brides (Portugal, Romania, Latvia), pays civil-marriage fees
 * at several municipalities (Larnaca, Aradippou, Livadia) and pays the brides. One bride, a Portuguese resident
 * who opened an account on arrival, banks here too. A new batch of couples starts every 45 days.
 */
final class ShamMarriageNetwork {

    private static final int BATCH_DAYS = 45;
    private static final List<Counterparty> MUNICIPALITIES = List.of(
            new Counterparty("CY00MUNICIPALITYLARNACA0000001", "Larnaca Municipality", "CY", PartyType.MUNICIPALITY),
            new Counterparty("CY00MUNICIPALITYARADIPPOU00001", "Aradippou Municipality", "CY", PartyType.MUNICIPALITY),
            new Counterparty("CY00MUNICIPALITYLIVADIA0000001", "Livadia Municipality", "CY", PartyType.MUNICIPALITY));
    private static final String[][] BRIDES = {{"PT", "SILVA", "ANA"}, {"RO", "POPESCU", "IOANA"},
        {"LV", "OZOLA", "LIGA"}, {"PT", "PEREIRA", "JOANA"}};

    private final Bank bank;
    private final int index;
    private final TransactionFactory tx;

    ShamMarriageNetwork(Bank bank, int index) {
        this.bank = bank;
        this.index = index;
        this.tx = bank.tx();
    }

    void plant() {
        Random r = bank.random("sham", index);
        Customer facilitator = bank.open(Names.person(r, "CY"), Town.LARNACA, PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, facilitator, 1975 + r.nextInt(10), "CY", "self-employed", 1500,
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(1500 + r.nextInt(1000))).build());
        bank.label(facilitator, Typology.SHAM_MARRIAGE, RoleHint.SUSPECTED_CONTROLLER);

        Customer bride = bank.open("Ana Silva", Town.LARNACA, PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, bride, 1999 + r.nextInt(4), "PT", "shop assistant", 650,
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(5 + r.nextInt(10))).setResidenceCountry("PT").build());
        bank.label(bride, Typology.SHAM_MARRIAGE, RoleHint.POSSIBLE_VICTIM);

        for (int start = 0; start < bank.days(); start += BATCH_DAYS) {
            batch(facilitator, bride, start, r);
        }
        ordinaryLife(facilitator, r);
    }

    /** One batch: grooms pay, flights for the brides, civil-marriage fees, the brides paid. */
    private void batch(Customer f, Customer bride, int start, Random r) {
        String[] grooms = {"IN", "PK", "BD", "IN", "PK"};
        for (int g = 0; g < grooms.length; g++) {
            Counterparty groom = bank.external(Names.person(r, grooms[g]), grooms[g], PartyType.PERSON);
            tx.transferIn(f, bank.at(start + 1 + 3 * g, 10, r.nextInt(300)), 1500 + 100 * r.nextInt(16), groom,
                    Channel.SWIFT_TRANSFER).reference("Documents and marriage arrangements").book();
        }
        for (int b = 0; b < BRIDES.length; b++) {
            String[] who = BRIDES[b];
            Shop airline = who[0].equals("PT") ? Shops.AIRLINE_PT : Shops.AIRLINE_LOWCOST;
            tx.online(f, bank.at(start + 4 + 3 * b, 20, r.nextInt(120)), 180 + 10 * r.nextInt(15), airline)
                    .passenger(who[1] + "/" + who[2] + " MS").book();
            tx.card(f, bank.at(start + 8 + 3 * b, 15, r.nextInt(120)), 160 + 10 * r.nextInt(8),
                    Shops.shortStay(Town.LARNACA, b)).book();
            if (b > 0) {
                Counterparty account = bank.external(who[2].charAt(0) + who[2].substring(1).toLowerCase() + " "
                        + who[1].charAt(0) + who[1].substring(1).toLowerCase(), who[0], PartyType.PERSON);
                tx.transferOut(f, bank.at(start + 20 + 4 * b, 11, r.nextInt(120)), 600 + 50 * r.nextInt(8), account,
                        Channel.SEPA_TRANSFER).reference("Documents").book();
            }
        }
        for (int m = 0; m < 4; m++) {
            tx.transferOut(f, bank.at(start + 12 + 7 * m, 9, r.nextInt(120)), 190 + 10 * r.nextInt(6),
                    MUNICIPALITIES.get(m % MUNICIPALITIES.size()), Channel.DOMESTIC_TRANSFER)
                    .reference("Civil marriage fee").book();
        }
        bride(f, bride, start, r);
    }

    /** The bride arrives on the bought flight, is paid for the documents and the wedding, and flies home. */
    private void bride(Customer f, Customer b, int start, Random r) {
        Counterparty groom = bank.external(Names.person(r, "IN"), "IN", PartyType.PERSON);
        tx.internal(f, b, bank.at(start + 10, 12, r.nextInt(120)), 800).reference("Documents").book();
        tx.transferIn(b, bank.at(start + 13, 16, r.nextInt(120)), 1000, groom, Channel.SWIFT_TRANSFER)
                .reference("Marriage").book();
        for (int d = start + 9; d < start + 30; d += 2 + r.nextInt(3)) {
            tx.card(b, bank.at(d, 13, r.nextInt(300)), 6 + r.nextInt(25), Shops.cafe(Town.LARNACA, r)).book();
        }
        tx.atmWithdrawal(b, bank.at(start + 14, 11, r.nextInt(120)), 300, Town.LARNACA, 1 + r.nextInt(Town.ATMS_PER_TOWN))
                .book();
        tx.card(b, bank.at(start + 32, 12, r.nextInt(120)), 30 + r.nextInt(40),
                Shop.abroad("Pingo Doce Lisboa", "5411", "Lisbon", "PT")).book();
    }

    private void ordinaryLife(Customer f, Random r) {
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(6) == 0) {
                tx.card(f, bank.at(day, 18, r.nextInt(120)), 20 + r.nextInt(80), Shops.grocery(f.town(), r)).book();
            }
            if (r.nextInt(8) == 0) {
                tx.card(f, bank.at(day, 21, r.nextInt(60)), 30 + r.nextInt(60), Shops.restaurant(f.town(), r)).book();
            }
        }
    }
}
