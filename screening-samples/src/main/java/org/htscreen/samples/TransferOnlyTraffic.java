package org.htscreen.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * {@link Population#TRANSFER_ONLY}: data of the kind IBM AMLSim produces, transfers only (no cash, no cards).
 * Ordinary customers are people paid by firms and paying rent, bills and family, landlords, and firms with many
 * clients and suppliers paying wages with contributions (fan-in and fan-out that is normal trade); planted general-laundering shapes are fan-in
 * then fan-out through a hub, cycles through several accounts, and scatter-gather from one source through
 * intermediaries to one sink.
 */
final class TransferOnlyTraffic {

    private final Bank bank;
    private final TransactionFactory tx;
    private final List<Customer> people = new ArrayList<>();
    private final List<Customer> firms = new ArrayList<>();

    TransferOnlyTraffic(Bank bank) {
        this.bank = bank;
        this.tx = bank.tx();
    }

    /** {@code n} ordinary customers: 88 % people, 6 % landlords, 6 % firms. */
    void population(int n) {
        int firmCount = Math.max(1, (int) Math.round(n * 0.06));
        int landlords = (int) Math.round(n * 0.06);
        Random r0 = bank.random("to-firms", 0);
        for (int i = 0; i < firmCount; i++) {
            Customer f = bank.segment(bank.open(Names.family(r0, "CY") + " Trading Ltd", Town.home(r0), PartyType.BUSINESS),
                    "to-firm");
            bank.profile(ProfileFactory.business(bank, f, "46.90", 10 + r0.nextInt(40), 80000 + r0.nextInt(100000),
                    bank.date(0).minusDays(1000 + r0.nextInt(3000))).build());
            firms.add(f);
        }
        for (int i = 0; i < n - firmCount - landlords; i++) {
            Random r = bank.random("to-person", i);
            Customer c = bank.segment(bank.open(Names.person(r, "CY"), Town.home(r), PartyType.PERSON), "to-person");
            double salary = 1100 + r.nextInt(2000);
            bank.profile(ProfileFactory.person(bank, c, 1960 + r.nextInt(40), "CY", "employee", salary,
                    ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(365 + r.nextInt(5000))).build());
            people.add(c);
        }
        for (int i = 0; i < landlords; i++) {
            landlord(i);
        }
        for (int i = 0; i < people.size(); i++) {
            person(people.get(i), bank.random("to-life", i));
        }
        for (int i = 0; i < firms.size(); i++) {
            firm(firms.get(i), bank.random("to-firm-life", i));
        }
    }

    private void person(Customer c, Random r) {
        Customer employer = firms.get(r.nextInt(firms.size()));
        double salary = 1100 + r.nextInt(2000);
        Counterparty utility = bank.external("Electricity Authority of Cyprus", "CY", PartyType.BUSINESS);
        Counterparty family = bank.external(Names.person(r, "CY"), Names.pick(r, List.of("CY", "GR", "GB")), PartyType.PERSON);
        for (int d : bank.monthly(25 + r.nextInt(4))) {
            tx.internal(employer, c, bank.at(d, 8, r.nextInt(60)), salary).salary("SALARY").book();
            tx.transferOut(c, bank.at(d + 3, 10, r.nextInt(300)), 40 + r.nextInt(120), utility, Channel.DOMESTIC_TRANSFER)
                    .reference("Electricity bill").book();
            if (r.nextInt(3) == 0) {
                tx.transferOut(c, bank.at(d + 5, 10, r.nextInt(300)), 50 + r.nextInt(300), family, Channel.SEPA_TRANSFER).book();
            }
        }
        for (int day = r.nextInt(6); day < bank.days(); day += 3 + r.nextInt(6)) {
            Customer payee = r.nextInt(4) == 0 ? people.get(r.nextInt(people.size())) : firms.get(r.nextInt(firms.size()));
            if (payee != c) {
                tx.internal(c, payee, bank.at(day, 9 + r.nextInt(12), r.nextInt(60)), 10 + r.nextInt(250)).book();
            }
        }
    }

    private void landlord(int i) {
        Random r = bank.random("to-landlord", i);
        Customer c = bank.segment(bank.open(Names.person(r, "CY"), Town.home(r), PartyType.PERSON), "to-landlord");
        bank.profile(ProfileFactory.person(bank, c, 1950 + r.nextInt(30), "CY", "landlord", 4000,
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(1000 + r.nextInt(5000))).build());
        int tenants = 4 + r.nextInt(12);
        List<Customer> who = new ArrayList<>();
        for (int k = 0; k < tenants; k++) {
            who.add(people.isEmpty() ? null : people.get(r.nextInt(people.size())));
        }
        for (int d : bank.monthly(1)) {
            for (Customer t : who) {
                if (t != null) {
                    tx.internal(t, c, bank.at(d + r.nextInt(5), 9 + r.nextInt(10), r.nextInt(60)), 400 + 25 * r.nextInt(20))
                            .reference("Rent").book();
                }
            }
        }
        Counterparty bankLoan = bank.external("Hellenic Bank Mortgages", "CY", PartyType.FINANCIAL_INSTITUTION);
        for (int d : bank.monthly(10)) {
            tx.transferOut(c, bank.at(d, 10, r.nextInt(120)), 1500 + r.nextInt(1500), bankLoan, Channel.DOMESTIC_TRANSFER)
                    .reference("Loan instalment").book();
        }
    }

    /** Clients pay invoices in, suppliers are paid out: many counterparties, every week. */
    private void firm(Customer f, Random r) {
        List<Counterparty> clients = new ArrayList<>();
        List<Counterparty> suppliers = new ArrayList<>();
        for (int k = 0; k < 10 + r.nextInt(30); k++) {
            clients.add(bank.external(Names.family(r, "CY") + " Ltd", "CY", PartyType.BUSINESS));
        }
        for (int k = 0; k < 5 + r.nextInt(15); k++) {
            suppliers.add(bank.external(Names.family(r, "CY") + " Supplies Ltd", Names.pick(r, List.of("CY", "GR", "IT", "DE")),
                    PartyType.BUSINESS));
        }
        for (int d : bank.monthly(28)) {
            tx.transferOut(f, bank.at(d + 3, 10, r.nextInt(120)), 2000 + r.nextInt(6000), BenignPopulation.SOCIAL_INSURANCE,
                    Channel.DOMESTIC_TRANSFER).reference("Social insurance contributions").book();
            tx.transferOut(f, bank.at(d + 3, 11, r.nextInt(120)), 800 + r.nextInt(2000), BenignPopulation.TAX,
                    Channel.DOMESTIC_TRANSFER).reference("PAYE").book();
        }
        for (int day = 0; day < bank.days(); day++) {
            if (bank.date(day).getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                tx.transferIn(f, bank.at(day, 9 + r.nextInt(8), r.nextInt(60)), 500 + r.nextInt(6000),
                        Names.pick(r, clients), Channel.DOMESTIC_TRANSFER).reference("Invoice " + (1000 + r.nextInt(9000))).book();
            }
            if (r.nextInt(2) == 0) {
                tx.transferOut(f, bank.at(day, 11 + r.nextInt(5), r.nextInt(60)), 800 + r.nextInt(7000),
                        Names.pick(r, suppliers), Channel.SEPA_TRANSFER).reference("Invoice " + (1000 + r.nextInt(9000))).book();
            }
        }
    }

    /** Plants laundering shape {@code k}: fan-in/fan-out, cycle or scatter-gather in turn. */
    void launderingShape(int k) {
        Random r = bank.random("to-shape", k);
        bank.startCase(String.format("GEN-T%02d", k + 1), switch (k % 3) {
            case 0 -> "fan-in-fan-out";
            case 1 -> "cycle";
            default -> "scatter-gather";
        });
        switch (k % 3) {
            case 0 -> fanInFanOut(r);
            case 1 -> cycle(r);
            default -> scatterGather(r);
        }
    }

    private Customer member(Random r, String occupation) {
        Customer c = bank.open(Names.person(r, Names.pick(r, List.of("CY", "GR", "RU", "UA"))), Town.home(r), PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, c, 1965 + r.nextInt(35), "CY", occupation, 1500 + r.nextInt(1500),
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(60 + r.nextInt(2000))).build());
        Customer employer = firms.isEmpty() ? null : firms.get(r.nextInt(firms.size()));
        for (int d : bank.monthly(27)) {
            if (employer != null) {
                tx.internal(employer, c, bank.at(d, 8, r.nextInt(60)), 1200 + r.nextInt(800)).salary("SALARY").book();
            }
        }
        return c;
    }

    /** Many senders pay a hub within days; the hub pays it on to many receivers within days. */
    private void fanInFanOut(Random r) {
        Customer hub = member(r, Names.pick(r, List.of("consultant", "self-employed")));
        bank.label(hub, Typology.GENERAL_LAUNDERING, RoleHint.SUSPECTED_CONTROLLER);
        for (int wave = r.nextInt(10); wave < bank.days() - 5; wave += 12 + r.nextInt(15)) {
            int senders = 8 + r.nextInt(12);
            double total = 0;
            for (int s = 0; s < senders; s++) {
                double amount = 300 + 10 * r.nextInt(300);
                total += amount;
                Counterparty from = bank.external(Names.person(r, "CY"), Names.pick(r, List.of("CY", "GR", "LV", "EE")),
                        PartyType.PERSON);
                tx.transferIn(hub, bank.at(wave + r.nextInt(3), 9 + r.nextInt(9), r.nextInt(60)), amount, from,
                        Channel.SEPA_TRANSFER).book();
            }
            int receivers = 6 + r.nextInt(10);
            for (int s = 0; s < receivers; s++) {
                Counterparty to = bank.external(Names.person(r, "CY"), Names.pick(r, List.of("CY", "GR", "AE", "HK")),
                        PartyType.PERSON);
                tx.transferOut(hub, bank.at(wave + 3 + r.nextInt(3), 9 + r.nextInt(9), r.nextInt(60)),
                        Math.floor(total * 0.95 / receivers), to, Channel.SEPA_TRANSFER).book();
            }
        }
    }

    /** Money goes round several of the bank's accounts and back to where it started, a little less each hop. */
    private void cycle(Random r) {
        int n = 3 + r.nextInt(4);
        List<Customer> ring = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Customer c = member(r, "self-employed");
            bank.label(c, Typology.GENERAL_LAUNDERING, k == 0 ? RoleHint.SUSPECTED_CONTROLLER : RoleHint.POSSIBLE_VICTIM);
            ring.add(c);
        }
        for (int round = r.nextInt(8); round < bank.days() - n; round += 7 + r.nextInt(10)) {
            double amount = 3000 + 100 * r.nextInt(100);
            for (int k = 0; k < n; k++) {
                tx.internal(ring.get(k), ring.get((k + 1) % n), bank.at(round + k, 10 + r.nextInt(6), r.nextInt(60)), amount)
                        .reference(Names.pick(r, List.of("Loan", "Consulting", "Invoice", ""))).book();
                amount = Math.floor(amount * (0.97 + r.nextDouble() * 0.02));
            }
        }
    }

    /** One source scatters to intermediaries that pass it all on within a day to one sink. */
    private void scatterGather(Random r) {
        Customer source = member(r, "company director");
        Customer sink = member(r, "consultant");
        bank.label(source, Typology.GENERAL_LAUNDERING, RoleHint.SUSPECTED_CONTROLLER);
        bank.label(sink, Typology.GENERAL_LAUNDERING, RoleHint.SUSPECTED_CONTROLLER);
        int n = 4 + r.nextInt(5);
        List<Customer> middle = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Customer c = member(r, Names.pick(r, List.of("student", "employee", "driver")));
            bank.label(c, Typology.GENERAL_LAUNDERING, RoleHint.POSSIBLE_VICTIM);
            middle.add(c);
        }
        Counterparty origin = bank.external(Names.family(r, "CY") + " Holdings Ltd", Names.pick(r, List.of("AE", "SC", "BZ")),
                PartyType.BUSINESS);
        for (int round = r.nextInt(8); round < bank.days() - 3; round += 8 + r.nextInt(10)) {
            double total = 10000 + 1000 * r.nextInt(30);
            tx.transferIn(source, bank.at(round, 9, r.nextInt(60)), total, origin, Channel.SWIFT_TRANSFER)
                    .reference("Investment").book();
            for (Customer m : middle) {
                double part = Math.floor(total / n);
                tx.internal(source, m, bank.at(round, 11 + r.nextInt(3), r.nextInt(60)), part).reference("Loan").book();
                tx.internal(m, sink, bank.at(round + 1, 10 + r.nextInt(6), r.nextInt(60)), Math.floor(part * 0.97))
                        .reference("Repayment").book();
            }
        }
    }
}
