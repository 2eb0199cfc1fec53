package org.htscreen.samples;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * A sham-marriage facilitator ({@link Population#BANK}): several grooms from India, Pakistan or Bangladesh pay him
 * 2,000-10,000 each, he pays EU brides 500-2,000 each, buys their flights and pays civil-marriage fees at
 * municipalities. One or two brides bank here: new customers, resident abroad, who receive the payment, spend a
 * few days in Cyprus and leave. Amounts and timing vary; the subtle variant has fewer grooms, no marriage words in
 * the references and a single municipality fee.
 */
final class ShamMarriageRing {

    private static final List<Counterparty> MUNICIPALITIES = List.of(
            new Counterparty("CY00MUNICIPALITYLARNACA0000001", "Larnaca Municipality", "CY", PartyType.MUNICIPALITY),
            new Counterparty("CY00MUNICIPALITYARADIPPOU00001", "Aradippou Municipality", "CY", PartyType.MUNICIPALITY),
            new Counterparty("CY00MUNICIPALITYLIVADIA0000001", "Livadia Municipality", "CY", PartyType.MUNICIPALITY),
            new Counterparty("CY00MUNICIPALITYNICOSIA0000001", "Nicosia Municipality", "CY", PartyType.MUNICIPALITY));

    private final Bank bank;
    private final int index;
    private final boolean subtle;
    private final TransactionFactory tx;

    ShamMarriageRing(Bank bank, int index, boolean subtle) {
        this.bank = bank;
        this.index = index;
        this.subtle = subtle;
        this.tx = bank.tx();
    }

    void plant() {
        Random r = bank.random("sham-ring", index);
        String nat = Names.pick(r, List.of("CY", "IN", "PK"));
        Town town = Names.pick(r, List.of(Town.LARNACA, Town.NICOSIA, Town.LIMASSOL));
        Customer f = bank.open(Names.person(r, nat), town, PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, f, 1970 + r.nextInt(18), nat,
                Names.pick(r, List.of("self-employed", "travel agent", "translator")), 1200 + r.nextInt(800),
                nat.equals("CY") ? ResidencePermit.EU_OR_NONE : ResidencePermit.WORK,
                bank.date(0).minusDays(600 + r.nextInt(2000))).build());
        bank.label(f, Typology.SHAM_MARRIAGE, RoleHint.SUSPECTED_CONTROLLER);
        int couples = subtle ? 2 + r.nextInt(2) : 3 + r.nextInt(4);
        int customerBrides = 1 + (subtle ? 0 : r.nextInt(2));
        int span = Math.max(20, bank.days() - 30);
        for (int k = 0; k < couples; k++) {
            int day = r.nextInt(span);
            String groomNat = Names.pick(r, List.of("IN", "PK", "BD"));
            boolean groomHere = r.nextInt(3) == 0;
            Counterparty groom = bank.external(Names.person(r, groomNat), groomHere ? "CY" : groomNat, PartyType.PERSON);
            double fee = 2000 + 250 * r.nextInt(33);
            int parts = fee > 5000 ? 2 : 1;
            for (int p = 0; p < parts; p++) {
                tx.transferIn(f, bank.at(day + 4 * p, 9 + r.nextInt(9), r.nextInt(60)), Math.round(fee / parts), groom,
                        groomHere ? Channel.DOMESTIC_TRANSFER : Channel.SWIFT_TRANSFER)
                        .reference(subtle ? Names.pick(r, List.of("", "Loan", "Services")) :
                                Names.pick(r, List.of("Documents and marriage", "Wedding arrangements", "Documents", "Services")))
                        .book();
            }
            String[] bride = brideOf(r);
            String given = Names.given(r, bride[0]);
            String family = bride[1];
            Shop airline = bride[0].equals("PT") ? Shops.AIRLINE_PT : Shops.AIRLINE_LOWCOST;
            tx.online(f, bank.at(day + 2 + r.nextInt(4), 20, r.nextInt(120)), 150 + 10 * r.nextInt(20), airline)
                    .passenger(Names.passenger(family, given)).book();
            if (!subtle || k == 0) {
                tx.transferOut(f, bank.at(day + 8 + r.nextInt(5), 9, r.nextInt(120)), 150 + 10 * r.nextInt(10),
                        Names.pick(r, MUNICIPALITIES), Channel.DOMESTIC_TRANSFER)
                        .reference(subtle ? "Certificate fee" : "Civil marriage fee").book();
            }
            double pay = 500 + 100 * r.nextInt(16);
            if (k < customerBrides) {
                bride(f, r, bride[0], given + " " + family, day, pay);
            } else {
                Counterparty account = bank.external(given + " " + family, bride[0], PartyType.PERSON);
                tx.transferOut(f, bank.at(day + 9 + r.nextInt(5), 11, r.nextInt(120)), pay, account, Channel.SEPA_TRANSFER)
                        .reference(subtle ? "" : "Documents").book();
            }
        }
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(5) == 0) {
                tx.card(f, bank.at(day, 18, r.nextInt(120)), 20 + r.nextInt(80), Shops.grocery(town, r)).book();
            }
            if (r.nextInt(8) == 0) {
                tx.card(f, bank.at(day, 21, r.nextInt(60)), 30 + r.nextInt(60), Shops.restaurant(town, r)).book();
            }
        }
        for (int d : bank.monthly(3)) {
            tx.transferOut(f, bank.at(d, 10, r.nextInt(120)), 650 + 50 * r.nextInt(6),
                    bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON), Channel.DOMESTIC_TRANSFER)
                    .reference("Rent " + bank.date(d).getMonthValue() + "/" + bank.date(d).getYear()).book();
        }
    }

    private static String[] brideOf(Random r) {
        String country = Names.pick(r, List.of("PT", "RO", "LV", "BG"));
        return new String[] {country, Names.family(r, country)};
    }

    /** A bride who banks here: new, resident abroad, paid by the facilitator, a few days in Cyprus, then gone. */
    private void bride(Customer f, Random r, String nat, String name, int day, double pay) {
        Customer b = bank.open(name, Town.LARNACA, PartyType.PERSON);
        LocalDate wedding = bank.date(Math.min(bank.days() - 1, day + 12));
        var profile = ProfileFactory.person(bank, b, 1993 + r.nextInt(10), nat, Names.pick(r, List.of("shop assistant",
                "unemployed", "cleaner")), 600 + r.nextInt(300), ResidencePermit.EU_OR_NONE,
                bank.date(0).minusDays(2 + r.nextInt(20))).setResidenceCountry(nat);
        if (r.nextBoolean()) {
            profile.setMaritalStatusChangedOn(wedding);
        }
        bank.profile(profile.build());
        bank.label(b, Typology.SHAM_MARRIAGE, RoleHint.POSSIBLE_VICTIM);
        int paid = day + 9 + r.nextInt(4);
        tx.internal(f, b, bank.at(paid, 12, r.nextInt(120)), pay).reference(subtle ? "" : "Documents").book();
        for (int d = day + 7; d < day + 16; d += 1 + r.nextInt(3)) {
            tx.card(b, bank.at(d, 13, r.nextInt(300)), 6 + r.nextInt(25), Shops.cafe(Town.LARNACA, r)).book();
        }
        tx.atmWithdrawal(b, bank.at(paid + 1, 11, r.nextInt(120)), 100 * (2 + r.nextInt(4)), Town.LARNACA, 1).book();
        tx.card(b, bank.at(day + 20, 12, r.nextInt(120)), 30 + r.nextInt(40),
                Shop.abroad("Supermarket " + nat, "5411", "Home", nat)).book();
    }
}
