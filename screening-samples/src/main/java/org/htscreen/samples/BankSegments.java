package org.htscreen.samples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;

/**
 * The ordinary customers of a Cyprus retail bank ({@link Population#BANK}), segment by segment at realistic
 * shares, each with the behaviour that resembles a red flag when seen alone: landlords with several foreign
 * tenants paying rent every month, retailers whose staff pay the takings in at branches in several towns, 24-hour
 * kiosks and hotels depositing around midnight, night-shift workers, event organisers collecting ticket money from
 * many people and paying it out again, international students and family remitters with money from and to
 * migrant-source countries, domestic workers, licensed recruitment agencies and employers of foreign workers
 * buying flights and paying permit fees, sales representatives moving from hotel to hotel, young hospitality staff
 * sharing flats and paying tips in at night, gig couriers with many platform payouts, pensioners and salaried
 * people. Legitimate businesses pay wages with {@code SALARY MM/YYYY} references and employer contributions to
 * Social Insurance Services.
 */
final class BankSegments {

    /** Segment and its share of the ordinary customers; salaried people take the rest. */
    private record Share(String segment, double share) {
    }

    private static final List<Share> SHARES = List.of(
            new Share("pensioner", 0.10), new Share("student", 0.06), new Share("domestic-worker", 0.06),
            new Share("family-remitter", 0.05), new Share("young-hospitality", 0.06), new Share("night-shift", 0.04),
            new Share("gig-courier", 0.04), new Share("sales-rep", 0.03), new Share("landlord", 0.04),
            new Share("small-business", 0.03), new Share("retailer-multibranch", 0.015),
            new Share("kiosk-24h", 0.01), new Share("hotel", 0.006), new Share("event-organiser", 0.01),
            new Share("recruitment-agency", 0.006), new Share("employer-foreign-workers", 0.01));

    private static final List<String> TENANT_NATIONS = List.of("CY", "GR", "IN", "NP", "PH", "LK", "SY", "EG", "RO",
            "BG", "VN", "PK", "BD", "NG");
    private static final List<String> FOREIGN_WORKERS = List.of("NP", "IN", "BD", "LK", "VN", "PH", "PK", "EG");
    private static final Counterparty MIGRATION = new Counterparty("CY00CIVILREGISTRYMIGRATION00001",
            "Civil Registry and Migration Department", "CY", PartyType.GOVERNMENT);
    private static final Counterparty SOCIAL_INSURANCE_OTHER_BANK = new Counterparty("CY21002001950000357001234567",
            "Social Insurance Services", "CY", PartyType.GOVERNMENT);
    private static final Counterparty TAX_OTHER_BANK = new Counterparty("CY21002001950000357009876543",
            "Tax Department", "CY", PartyType.GOVERNMENT);
    private static final Counterparty PENSIONS = new Counterparty("CY00SOCIALINSURANCE0000000002",
            "Social Insurance Services Pensions", "CY", PartyType.GOVERNMENT);
    /** Places abroad a tenant's, parent's or relative's transfer is sent from. */
    private static final java.util.Map<String, String> CITY = java.util.Map.ofEntries(
            java.util.Map.entry("IN", "Delhi"), java.util.Map.entry("NP", "Kathmandu"),
            java.util.Map.entry("PH", "Manila"), java.util.Map.entry("LK", "Colombo"),
            java.util.Map.entry("SY", "Damascus"), java.util.Map.entry("EG", "Cairo"),
            java.util.Map.entry("RO", "Bucharest"), java.util.Map.entry("BG", "Sofia"),
            java.util.Map.entry("VN", "Hanoi"), java.util.Map.entry("PK", "Lahore"),
            java.util.Map.entry("BD", "Dhaka"), java.util.Map.entry("NG", "Lagos"),
            java.util.Map.entry("GR", "Athens"), java.util.Map.entry("CY", "Nicosia"));

    private final Bank bank;
    private final TransactionFactory tx;
    private final BenignPopulation life;
    private final Counterparty acquirer;

    BankSegments(Bank bank) {
        this.bank = bank;
        this.tx = bank.tx();
        this.life = new BenignPopulation(bank);
        this.acquirer = bank.external("JCC Payment Systems Ltd", "CY", PartyType.PAYMENT_PROCESSOR);
    }

    /** Generates {@code n} ordinary customers of every segment and their traffic. */
    void generate(int n) {
        int rest = n;
        List<int[]> counts = new ArrayList<>();
        for (int s = 0; s < SHARES.size(); s++) {
            int k = n >= 200 ? Math.max(1, (int) Math.round(n * SHARES.get(s).share())) : (int) (n * SHARES.get(s).share());
            k = Math.min(k, rest);
            counts.add(new int[] {s, k});
            rest -= k;
        }
        for (int i = 0; i < rest; i++) {
            life.salariedPerson(i, false);
        }
        for (int[] c : counts) {
            String segment = SHARES.get(c[0]).segment();
            for (int i = 0; i < c[1]; i++) {
                one(segment, i);
            }
        }
    }

    private void one(String segment, int i) {
        switch (segment) {
            case "pensioner" -> pensioner(i);
            case "student" -> internationalStudent(i);
            case "domestic-worker" -> life.domesticWorker(i);
            case "family-remitter" -> familyRemitter(i);
            case "young-hospitality" -> youngHospitality(i);
            case "night-shift" -> nightShift(i);
            case "gig-courier" -> gigCourier(i);
            case "sales-rep" -> salesRep(i);
            case "landlord" -> landlord(i);
            case "small-business" -> life.smallBusiness(i);
            case "retailer-multibranch" -> retailer(i);
            case "kiosk-24h" -> kiosk(i);
            case "hotel" -> hotel(i);
            case "event-organiser" -> eventOrganiser(i);
            case "recruitment-agency" -> recruitmentAgency(i);
            case "employer-foreign-workers" -> foreignWorkerEmployer(i);
            default -> throw new IllegalStateException(segment);
        }
    }

    // ---- people ----

    private Customer person(String segment, Random r, String nat, Town town, int born, String occupation,
            double income, ResidencePermit permit, LocalDate onboarded) {
        Customer c = bank.segment(bank.open(Names.person(r, nat), town, PartyType.PERSON), segment);
        bank.profile(ProfileFactory.person(bank, c, born, nat, occupation, income, permit, onboarded).build());
        return c;
    }

    /** Monthly salary from an outside employer, purpose SALA, reference {@code SALARY MM/YYYY}. */
    private void salaryFrom(Customer c, Random r, Counterparty employer, double salary, int payday) {
        for (int d : bank.monthly(payday)) {
            tx.transferIn(c, bank.at(d, 7, 30 + r.nextInt(60)), Math.round(salary * (0.97 + r.nextDouble() * 0.06)),
                    employer, Channel.SEPA_TRANSFER).salary("SALARY " + mmYyyy(d)).book();
        }
    }

    private Counterparty employer(Random r, String... names) {
        return bank.external(Names.pick(r, List.of(names)), "CY", PartyType.BUSINESS);
    }

    private void pensioner(int i) {
        Random r = bank.random("pensioner", i);
        Town town = Town.home(r);
        double pension = 650 + r.nextInt(900);
        Customer c = person("pensioner", r, "CY", town, 1938 + r.nextInt(22), "retired", pension,
                ResidencePermit.EU_OR_NONE, life.onboarded(r));
        for (int d : bank.monthly(1 + r.nextInt(3))) {
            tx.transferIn(c, bank.at(d, 6, r.nextInt(60)), pension, PENSIONS, Channel.DOMESTIC_TRANSFER)
                    .reference("Pension " + mmYyyy(d)).book();
            tx.branchWithdrawal(c, bank.at(d + 1 + r.nextInt(3), 10, r.nextInt(180)), 100 + 50 * r.nextInt(5), town)
                    .book();
        }
        if (r.nextInt(4) == 0) {
            Counterparty grandchild = bank.external(Names.person(r, "GR"), "GR", PartyType.PERSON);
            for (int d : bank.monthly(10 + r.nextInt(10))) {
                tx.transferOut(c, bank.at(d, 11, r.nextInt(120)), 50 + 25 * r.nextInt(4), grandchild, Channel.SEPA_TRANSFER)
                        .reference("For studies").book();
            }
        }
        life.housing(c, r, pension);
        life.everydayLife(c, r, 0.6);
    }

    /** A student from abroad: living expenses from one to three relatives at home, rent, tuition, a side job. */
    private void internationalStudent(int i) {
        Random r = bank.random("int-student", i);
        String nat = Names.pick(r, List.of("IN", "NP", "BD", "NG", "LK", "PK", "EG", "VN", "GR", "CY"));
        boolean eu = nat.equals("GR") || nat.equals("CY");
        Town town = r.nextInt(10) < 6 ? Town.NICOSIA : Names.pick(r, List.of(Town.LIMASSOL, Town.LARNACA));
        double allowance = 350 + r.nextInt(550);
        Customer c = person("student", r, nat, town, 1999 + r.nextInt(8), "student", allowance,
                eu ? ResidencePermit.EU_OR_NONE : ResidencePermit.STUDENT, bank.date(0).minusDays(20 + r.nextInt(700)));
        List<Counterparty> family = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            String from = k == 2 && !eu ? Names.pick(r, List.of("AE", "QA", "GB")) : nat;
            family.add(bank.external(Names.person(r, nat), from, PartyType.PERSON));
        }
        Counterparty landlord = bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON);
        double rent = 250 + r.nextInt(250);
        for (int d : bank.monthly(1 + r.nextInt(5))) {
            double left = allowance;
            for (int k = 0; k < family.size(); k++) {
                Counterparty f = family.get(k);
                double part = k == family.size() - 1 ? left : Math.round(left * (0.4 + r.nextDouble() * 0.3));
                left -= part;
                tx.transferIn(c, bank.at(d + k, 10, r.nextInt(300)), part, f,
                        eu ? Channel.SEPA_TRANSFER : r.nextBoolean() ? Channel.SWIFT_TRANSFER : Channel.MONEY_REMITTANCE)
                        .sentFrom("AGT-" + f.country(), CITY.getOrDefault(f.country(), "Dubai"), f.country())
                        .reference(Names.pick(r, List.of("Living expenses", "Allowance", "For studies", ""))).book();
            }
            tx.transferOut(c, bank.at(d + 2, 12, r.nextInt(300)), rent, landlord, Channel.DOMESTIC_TRANSFER)
                    .reference("Rent " + mmYyyy(d)).book();
        }
        if (r.nextInt(3) == 0) {
            Counterparty uni = bank.external(Names.pick(r, List.of("University of Nicosia", "European University Cyprus",
                    "Frederick University")), "CY", PartyType.BUSINESS);
            tx.transferIn(c, bank.at(r.nextInt(10), 11, 0), 2500 + 500 * r.nextInt(5), family.get(0), Channel.SWIFT_TRANSFER)
                    .reference("Tuition fees").book();
            tx.transferOut(c, bank.at(10 + r.nextInt(5), 12, 0), 2500, uni, Channel.DOMESTIC_TRANSFER)
                    .reference("Tuition fees semester").book();
        }
        if (r.nextInt(3) == 0) {
            gigPayouts(c, r, 2 + r.nextInt(2));
        }
        life.everydayLife(c, r, 0.5);
    }

    /** A foreign worker on a regular salary who sends a good part of it home, often in several small remittances. */
    private void familyRemitter(int i) {
        Random r = bank.random("remitter", i);
        String nat = Names.pick(r, List.of("IN", "PH", "LK", "NP", "VN", "SY", "EG", "GE", "UA", "BD", "PK"));
        Town town = Town.home(r);
        double salary = 900 + r.nextInt(700);
        Customer c = person("family-remitter", r, nat, town, 1975 + r.nextInt(25),
                Names.pick(r, List.of("construction worker", "farm worker", "cleaner", "cook", "carer")), salary,
                ResidencePermit.WORK, bank.date(0).minusDays(100 + r.nextInt(2000)));
        salaryFrom(c, r, employer(r, "Cyfield Construction Ltd", "Kofinou Farms Ltd", "Clean Pro Services Ltd",
                "Nicosia General Hospital Catering"), salary, 26 + r.nextInt(3));
        List<Counterparty> family = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            family.add(bank.external(Names.person(r, nat), nat, PartyType.PERSON));
        }
        int sends = 1 + r.nextInt(4);
        for (int d : bank.monthly(27)) {
            for (int k = 0; k < sends; k++) {
                tx.transferOut(c, bank.at(d + 1 + 3 * k, 11, r.nextInt(300)), Math.round(salary * (0.5 + r.nextDouble() * 0.2) / sends),
                        Names.pick(r, family), Channel.MONEY_REMITTANCE).reference("Family support").book();
            }
            tx.atmWithdrawal(c, bank.at(d + 2, 18, r.nextInt(120)), 20 * (3 + r.nextInt(5)), town,
                    1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
        }
        life.everydayLife(c, r, 0.4);
    }

    /**
     * Young waiters and bartenders, many from abroad and new to the bank, sharing staff flats (one address for
     * four to six of them), paid a monthly salary and paying their tips in at the ATM after a late shift.
     */
    private final List<String> staffFlat = new ArrayList<>();
    private String flatAddress;

    private void youngHospitality(int i) {
        Random r = bank.random("hospitality", i);
        String nat = Names.pick(r, List.of("CY", "GR", "RO", "BG", "UA", "GE", "PH", "NP", "IN", "LK"));
        boolean eu = List.of("CY", "GR", "RO", "BG").contains(nat);
        Town town = Names.pick(r, List.of(Town.AYIA_NAPA, Town.LIMASSOL, Town.PAPHOS, Town.LARNACA));
        double salary = 950 + r.nextInt(400);
        if (staffFlat.size() >= 4 + r.nextInt(3) || flatAddress == null) {
            staffFlat.clear();
            flatAddress = Bank.hash("address", "staff-flat-" + i);
        }
        Customer c = bank.segment(bank.open(Names.person(r, nat), town, PartyType.PERSON), "young-hospitality");
        staffFlat.add(c.partyId());
        bank.profile(ProfileFactory.person(bank, c, 1998 + r.nextInt(9), nat,
                Names.pick(r, List.of("waiter", "bartender", "receptionist", "kitchen assistant")), salary,
                eu ? ResidencePermit.EU_OR_NONE : ResidencePermit.WORK, bank.date(0).minusDays(15 + r.nextInt(300)))
                .setAddressHash(flatAddress).build());
        salaryFrom(c, r, employer(r, "Nissi Beach Resort Ltd", "Limassol Marina Restaurants Ltd",
                "Paphos Seaside Hotels Ltd", "Larnaca Bay Bars Ltd"), salary, 28 + r.nextInt(3));
        for (int day = 0; day < bank.days(); day++) {
            int dow = bank.date(day).getDayOfWeek().getValue();
            if ((dow == 5 || dow == 6 || dow == 1) && r.nextInt(3) > 0) {
                tx.atmDeposit(c, bank.at(day, 23 * 60 + 30 + r.nextInt(150)), 20 + 10 * r.nextInt(12), town,
                        1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
            }
            if (r.nextInt(4) == 0) {
                tx.online(c, bank.at(day, 15, r.nextInt(240)), 10 + r.nextInt(20), r.nextBoolean() ? Shops.WOLT : Shops.FOOD_DELIVERY).book();
            }
        }
        if (!eu) {
            Counterparty home = bank.external(Names.person(r, nat), nat, PartyType.PERSON);
            for (int d : bank.monthly(29)) {
                tx.transferOut(c, bank.at(d + 1, 12, r.nextInt(120)), 200 + 50 * r.nextInt(5), home, Channel.MONEY_REMITTANCE)
                        .reference("Family").book();
            }
        }
        life.everydayLife(c, r, 0.5);
        life.habits(c, r, 2000);
    }

    /** Nurses, security guards, bakers: salary, and card and cash at night on the way to or from work. */
    private void nightShift(int i) {
        Random r = bank.random("night-shift", i);
        String nat = r.nextInt(100) < 70 ? "CY" : Names.pick(r, List.of("GR", "PH", "IN", "RO"));
        Town town = Town.home(r);
        double salary = 1200 + r.nextInt(900);
        Customer c = person("night-shift", r, nat, town, 1965 + r.nextInt(35),
                Names.pick(r, List.of("nurse", "security guard", "baker", "taxi driver", "factory operator")), salary,
                nat.equals("CY") || nat.equals("GR") || nat.equals("RO") ? ResidencePermit.EU_OR_NONE : ResidencePermit.WORK,
                life.onboarded(r));
        salaryFrom(c, r, employer(r, "Nicosia General Hospital", "G4S Cyprus Ltd", "Zorbas Bakeries Ltd",
                "Vassiliko Cement Works"), salary, 25 + r.nextInt(3));
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(5) == 0) {
                tx.card(c, bank.at(day, 23 * 60 + r.nextInt(300)), 25 + r.nextInt(40), Shops.fuel(town, r)).book();
            }
            if (r.nextInt(9) == 0) {
                tx.atmWithdrawal(c, bank.at(day, 22 * 60 + r.nextInt(420)), 20 * (1 + r.nextInt(6)), town,
                        1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
            }
            if (r.nextInt(6) == 0) {
                tx.card(c, bank.at(day, 6, r.nextInt(60)), 3 + r.nextInt(10), Shops.cafe(town, r)).book();
            }
        }
        life.housing(c, r, salary);
        life.everydayLife(c, r, 0.6);
    }

    /** Weekly payouts from delivery platforms. */
    private void gigPayouts(Customer c, Random r, int platforms) {
        List<Counterparty> payers = List.of(
                bank.external("Wolt Courier Payouts", "FI", PartyType.PAYMENT_PROCESSOR),
                bank.external("Foody Partner Payouts", "CY", PartyType.PAYMENT_PROCESSOR),
                bank.external("Bolt Operations OU", "EE", PartyType.PAYMENT_PROCESSOR));
        for (int p = 0; p < platforms; p++) {
            for (int day = 1 + r.nextInt(7); day < bank.days(); day += 7) {
                tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), 60 + r.nextInt(220), payers.get(p), Channel.SEPA_TRANSFER)
                        .reference("Courier earnings").book();
            }
        }
    }

    /** Couriers on two or three platforms: many payouts, fuel, phone top-ups, some money home. */
    private void gigCourier(int i) {
        Random r = bank.random("courier", i);
        String nat = Names.pick(r, List.of("CY", "GR", "IN", "NP", "PK", "SY", "BD", "EG"));
        Town town = Names.pick(r, List.of(Town.NICOSIA, Town.LIMASSOL, Town.LARNACA));
        Customer c = person("gig-courier", r, nat, town, 1985 + r.nextInt(20), "courier", 1100,
                nat.equals("CY") || nat.equals("GR") ? ResidencePermit.EU_OR_NONE : ResidencePermit.WORK,
                bank.date(0).minusDays(30 + r.nextInt(900)));
        gigPayouts(c, r, 2 + r.nextInt(2));
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(3) == 0) {
                tx.card(c, bank.at(day, 11 + r.nextInt(10), r.nextInt(60)), 8 + r.nextInt(15), Shops.fuel(town, r)).book();
            }
            if (r.nextInt(8) == 0) {
                tx.online(c, bank.at(day, 20, r.nextInt(60)), 10, Names.pick(r, List.of(Shops.CYTA_PREPAID, Shops.EPIC))).book();
            }
        }
        if (!nat.equals("CY") && !nat.equals("GR")) {
            Counterparty home = bank.external(Names.person(r, nat), nat, PartyType.PERSON);
            for (int d : bank.monthly(5 + r.nextInt(20))) {
                tx.transferOut(c, bank.at(d, 12, r.nextInt(120)), 150 + 50 * r.nextInt(6), home, Channel.MONEY_REMITTANCE).book();
            }
        }
        life.everydayLife(c, r, 0.5);
    }

    /** On the road every week: hotels in several towns, fuel, restaurants; expenses refunded monthly. */
    private void salesRep(int i) {
        Random r = bank.random("sales-rep", i);
        Town home = Town.home(r);
        double salary = 1500 + r.nextInt(1200);
        Customer c = person("sales-rep", r, "CY", home, 1970 + r.nextInt(30), "sales representative", salary,
                ResidencePermit.EU_OR_NONE, life.onboarded(r));
        Counterparty boss = employer(r, "Pharmaceutical Distributors Ltd", "Lanitis Bros Ltd", "Cyprus Tobacco Trading Ltd");
        salaryFrom(c, r, boss, salary, 25);
        Town[] towns = Town.values();
        double spent = 0;
        for (int week = 0; week * 7 < bank.days(); week++) {
            for (int k = 0; k < 2 + r.nextInt(2); k++) {
                Town t = towns[r.nextInt(towns.length)];
                int day = week * 7 + k * 2;
                tx.card(c, bank.at(day, 19, r.nextInt(120)), 70 + r.nextInt(60), Shops.shortStay(t, r.nextInt(5))).book();
                tx.card(c, bank.at(day, 21, r.nextInt(60)), 20 + r.nextInt(40), Shops.restaurant(t, r)).book();
                tx.card(c, bank.at(day, 8, r.nextInt(120)), 40 + r.nextInt(30), Shops.fuel(t, r)).book();
                spent += 150;
            }
        }
        for (int d : bank.monthly(10)) {
            tx.transferIn(c, bank.at(d, 9, r.nextInt(60)), Math.round(spent / Math.max(1, bank.days() / 30.0)), boss,
                    Channel.SEPA_TRANSFER).reference("Expenses " + mmYyyy(d)).book();
        }
        life.housing(c, r, salary);
        life.everydayLife(c, r, 0.5);
    }

    /** A landlord with four to fifteen tenants of several nationalities, the same payers every month. */
    private void landlord(int i) {
        Random r = bank.random("landlord", i);
        Town town = Town.home(r);
        int tenants = 4 + r.nextInt(12);
        List<Counterparty> payers = new ArrayList<>();
        List<Double> rents = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < tenants; k++) {
            String nat = Names.pick(r, TENANT_NATIONS);
            boolean abroad = !nat.equals("CY") && r.nextInt(100) < 35;
            payers.add(bank.external(Names.person(r, nat), abroad ? nat : "CY", PartyType.PERSON));
            double rent = 300 + 25 * r.nextInt(25);
            rents.add(rent);
            total += rent;
        }
        Customer c = person("landlord", r, "CY", town, 1950 + r.nextInt(30),
                Names.pick(r, List.of("landlord", "retired", "property owner", "civil servant")), total,
                ResidencePermit.EU_OR_NONE, life.onboarded(r));
        for (int d : bank.monthly(1)) {
            for (int k = 0; k < tenants; k++) {
                Counterparty p = payers.get(k);
                boolean abroad = !p.country().equals("CY");
                var t = tx.transferIn(c, bank.at(d + r.nextInt(6), 9 + r.nextInt(10), r.nextInt(60)), rents.get(k), p,
                        abroad ? (r.nextBoolean() ? Channel.SWIFT_TRANSFER : Channel.MONEY_REMITTANCE) : Channel.DOMESTIC_TRANSFER)
                        .reference(Names.pick(r, List.of("Rent ", "RENT ", "Rent flat ")) + mmYyyy(d));
                if (abroad) {
                    t.sentFrom("AGT-" + p.country(), CITY.getOrDefault(p.country(), "Dubai"), p.country());
                }
                t.book();
            }
        }
        Counterparty municipality = bank.external(town.city() + " Municipality", "CY", PartyType.MUNICIPALITY);
        Counterparty repairs = bank.external(Names.family(r, "CY") + " Maintenance Ltd", "CY", PartyType.BUSINESS);
        for (int d : bank.monthly(15)) {
            tx.transferOut(c, bank.at(d, 10, r.nextInt(120)), 60 + 20 * r.nextInt(10), repairs, Channel.DOMESTIC_TRANSFER)
                    .reference("Repairs and common charges").book();
        }
        tx.transferOut(c, bank.at(r.nextInt(bank.days()), 10, 0), 120 + 10 * r.nextInt(20), municipality,
                Channel.DOMESTIC_TRANSFER).reference("Refuse and property fees").book();
        life.everydayLife(c, r, 0.7);
    }

    // ---- businesses ----

    private Customer business(String segment, Random r, String name, Town town, String nace, int staff,
            double turnover, String hours) {
        Customer c = bank.segment(bank.open(name, town, PartyType.BUSINESS), segment);
        var p = ProfileFactory.business(bank, c, nace, staff, turnover, life.onboarded(r));
        if (hours != null) {
            p.setOpeningHours(hours);
        }
        bank.profile(p.build());
        return c;
    }

    /**
     * Wages with {@code SALARY MM/YYYY} references (a purpose code on a third of the employers only, as in much
     * domestic data) and employer contributions to Social Insurance Services and PAYE, half of the employers paying
     * them to the fund's and the department's accounts at another bank (same payee names, other IBANs).
     */
    private void wages(Customer employer, Random r, List<Counterparty> staff, double wage) {
        boolean purposeCode = r.nextInt(3) == 0;
        boolean otherAccounts = r.nextBoolean();
        for (int d : bank.monthly(28 + r.nextInt(3))) {
            for (Counterparty p : staff) {
                var t = tx.transferOut(employer, bank.at(d, 9, r.nextInt(60)), Math.round(wage * (0.9 + r.nextDouble() * 0.2)),
                        p, Channel.SEPA_TRANSFER);
                (purposeCode ? t.salary("SALARY " + mmYyyy(d)) : t.reference("SALARY " + mmYyyy(d))).book();
            }
            int day = d + 2 + r.nextInt(5);
            if (otherAccounts) {
                double gross = wage * staff.size();
                tx.transferOut(employer, bank.at(day, 10, r.nextInt(120)), Math.round(gross * 0.20), SOCIAL_INSURANCE_OTHER_BANK,
                        Channel.DOMESTIC_TRANSFER).reference("Contributions " + mmYyyy(d)).book();
                tx.transferOut(employer, bank.at(day, 11, r.nextInt(120)), Math.round(gross * 0.07), TAX_OTHER_BANK,
                        Channel.DOMESTIC_TRANSFER).reference("PAYE " + mmYyyy(d)).book();
            } else {
                life.contributions(employer, r, day, wage * staff.size());
            }
        }
    }

    private List<Counterparty> staff(Random r, int n, List<String> nations) {
        List<Counterparty> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(bank.external(Names.person(r, Names.pick(r, nations)), "CY", PartyType.PERSON));
        }
        return out;
    }

    private void suppliers(Customer c, Random r, double monthly) {
        List<Counterparty> suppliers = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            suppliers.add(bank.external(Names.family(r, "CY") + " Wholesale Ltd", "CY", PartyType.BUSINESS));
        }
        Counterparty landlord = bank.external(Names.family(r, "CY") + " Properties Ltd", "CY", PartyType.BUSINESS);
        Counterparty power = bank.external("Electricity Authority of Cyprus", "CY", PartyType.BUSINESS);
        for (int d : bank.monthly(3 + r.nextInt(3))) {
            for (int s = 0; s < 3; s++) {
                tx.transferOut(c, bank.at(d + 7 * s, 11, r.nextInt(240)), monthly / 3 * (0.8 + r.nextDouble() * 0.4),
                        suppliers.get(s), Channel.DOMESTIC_TRANSFER).reference("Invoice " + (1000 + r.nextInt(9000))).book();
            }
            tx.transferOut(c, bank.at(d, 10, r.nextInt(120)), Math.round(monthly * 0.15), landlord, Channel.DOMESTIC_TRANSFER)
                    .reference("Shop rent " + mmYyyy(d)).book();
            tx.transferOut(c, bank.at(d + 12, 10, r.nextInt(120)), Math.round(monthly * 0.05), power, Channel.DOMESTIC_TRANSFER)
                    .reference("Electricity bill").book();
        }
    }

    /** Supermarkets or bakeries with three or four branches in several towns; staff pay the takings in. */
    private void retailer(int i) {
        Random r = bank.random("retailer", i);
        List<Town> branches = new ArrayList<>(List.of(Town.values()));
        java.util.Collections.shuffle(branches, r);
        branches = branches.subList(0, 3 + r.nextInt(2));
        int staffCount = 5 * branches.size() + r.nextInt(10);
        double turnover = 25000.0 * branches.size() * (0.8 + r.nextDouble() * 0.6);
        Customer c = business("retailer-multibranch", r, Names.family(r, "CY") + Names.pick(r, List.of(" Supermarkets Ltd",
                " Bakeries Ltd", " Mini Markets Ltd")), branches.get(0), Names.pick(r, List.of("47.11", "10.71")), staffCount,
                turnover, "07:00-21:00");
        List<Counterparty> staff = staff(r, staffCount, List.of("CY", "CY", "GR", "RO", "BG", "PH", "IN"));
        double cashPerDay = turnover * 0.45 / 26 / branches.size();
        for (int day = 0; day < bank.days(); day++) {
            if (bank.date(day).getDayOfWeek().getValue() == 7) {
                continue;
            }
            for (int b = 0; b < branches.size(); b++) {
                Town t = branches.get(b);
                String conductor = "STAFF-" + c.partyId() + "-" + b;
                var d = r.nextInt(3) == 0 ? tx.branchDeposit(c, bank.at(day, 13, r.nextInt(180)), cashPerDay * (0.7 + r.nextDouble() * 0.6), t)
                        : tx.atmDeposit(c, bank.at(day, 20 * 60 + 45 + r.nextInt(60)), cashPerDay * (0.7 + r.nextDouble() * 0.6), t, 1 + b);
                d.conductor(conductor).book();
            }
            tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), turnover * 0.55 / 30 * (0.8 + r.nextDouble() * 0.4), acquirer,
                    Channel.SEPA_TRANSFER).reference("Card settlement").book();
        }
        wages(c, r, staff, 1000 + r.nextInt(300));
        suppliers(c, r, turnover * 0.45);
    }

    /** A 24-hour kiosk: the night shift pays the takings in around midnight. */
    private void kiosk(int i) {
        Random r = bank.random("kiosk", i);
        Town town = Town.home(r);
        int staffCount = 2 + r.nextInt(4);
        double turnover = 12000 + r.nextInt(25000);
        Customer c = business("kiosk-24h", r, Names.family(r, "CY") + " 24h Kiosk Ltd", town, "47.26", staffCount,
                turnover, "00:00-23:59");
        double cashPerDeposit = turnover * 0.6 / 17;
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(7) < 4) {
                tx.atmDeposit(c, bank.at(day, 23 * 60 + r.nextInt(150)), cashPerDeposit * (0.6 + r.nextDouble() * 0.8), town,
                        1 + r.nextInt(2)).conductor("STAFF-" + c.partyId() + "-" + r.nextInt(staffCount)).book();
            }
            if (day % 2 == 0) {
                tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), turnover * 0.4 / 15 * (0.8 + r.nextDouble() * 0.4), acquirer,
                        Channel.SEPA_TRANSFER).reference("Card settlement").book();
            }
        }
        wages(c, r, staff(r, staffCount, List.of("CY", "GR", "IN", "LK", "PH")), 950 + r.nextInt(200));
        suppliers(c, r, turnover * 0.6);
    }

    /** A hotel: card settlements, booking payouts, the night auditor's cash deposits, payroll, suppliers. */
    private void hotel(int i) {
        Random r = bank.random("bank-hotel", i);
        Town town = Names.pick(r, List.of(Town.AYIA_NAPA, Town.LIMASSOL, Town.PAPHOS, Town.LARNACA));
        int staffCount = 15 + r.nextInt(60);
        double turnover = staffCount * 1200 / 0.3;
        Customer c = business("hotel", r, town.city() + " " + Names.pick(r, List.of("Beach", "Palace", "Bay", "Gardens"))
                + " Hotel Ltd", town, "55.10", staffCount, turnover, "00:00-23:59");
        Counterparty platform = bank.external("Booking.com B.V.", "NL", PartyType.PAYMENT_PROCESSOR);
        for (int day = 0; day < bank.days(); day++) {
            tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), turnover * 0.6 / 30 * (0.75 + r.nextDouble() * 0.5),
                    acquirer, Channel.SEPA_TRANSFER).reference("Card settlement").book();
            if (bank.date(day).getDayOfWeek().getValue() == 3) {
                tx.transferIn(c, bank.at(day, 7, r.nextInt(60)), turnover * 0.3 / 4.3 * (0.8 + r.nextDouble() * 0.4),
                        platform, Channel.SEPA_TRANSFER).reference("Payout reservations").book();
            }
            if (r.nextInt(3) == 0) {
                tx.atmDeposit(c, bank.at(day, 23 * 60 + 15 + r.nextInt(120)), turnover * 0.1 / 10 * (0.6 + r.nextDouble() * 0.8),
                        town, 1).conductor("STAFF-" + c.partyId() + "-night").book();
            }
        }
        wages(c, r, staff(r, staffCount, List.of("CY", "GR", "RO", "BG", "PH", "NP", "IN", "LK")), 1200);
        suppliers(c, r, turnover * 0.35);
    }

    /** Concerts and festivals: ticket money from many people, then the venue, sound, artists and staff paid. */
    private void eventOrganiser(int i) {
        Random r = bank.random("events", i);
        Town town = Names.pick(r, List.of(Town.NICOSIA, Town.LIMASSOL, Town.AYIA_NAPA));
        Customer c = business("event-organiser", r, Names.family(r, "CY") + " Events Ltd", town, "90.02", 2 + r.nextInt(4),
                15000 + r.nextInt(30000), "09:00-18:00");
        Counterparty venue = bank.external(town.city() + " " + Names.pick(r, List.of("Amphitheatre", "Arena", "Beach Club")),
                "CY", PartyType.BUSINESS);
        Counterparty sound = bank.external(Names.family(r, "CY") + " Sound and Light Ltd", "CY", PartyType.BUSINESS);
        for (int start = 5 + r.nextInt(10); start < bank.days(); start += 20 + r.nextInt(20)) {
            int buyers = 25 + r.nextInt(80);
            double price = 25 + 5 * r.nextInt(10);
            double takings = 0;
            for (int k = 0; k < buyers; k++) {
                String nat = Names.pick(r, List.of("CY", "CY", "CY", "GR", "GB", "RO", "IN"));
                Counterparty buyer = bank.external(Names.person(r, nat), "CY", PartyType.PERSON);
                double paid = price * (1 + r.nextInt(4));
                takings += paid;
                tx.transferIn(c, bank.at(start + r.nextInt(10), 9 + r.nextInt(13), r.nextInt(60)), paid, buyer,
                        Channel.INSTANT_PAYMENT).reference("Tickets " + Names.pick(r, List.of("concert", "festival", "party"))).book();
            }
            int show = start + 11;
            tx.transferOut(c, bank.at(show + 1, 11, r.nextInt(120)), Math.round(takings * 0.35), venue, Channel.DOMESTIC_TRANSFER)
                    .reference("Venue hire").book();
            tx.transferOut(c, bank.at(show + 1, 12, r.nextInt(120)), Math.round(takings * 0.15), sound, Channel.DOMESTIC_TRANSFER)
                    .reference("Sound and light").book();
            String artistCountry = Names.pick(r, List.of("GR", "GB", "CY"));
            Counterparty artist = bank.external(Names.person(r, artistCountry.equals("GB") ? "CY" : artistCountry) + " Music",
                    artistCountry, PartyType.BUSINESS);
            tx.transferOut(c, bank.at(show + 2, 10, r.nextInt(120)), Math.round(takings * 0.3), artist,
                    artistCountry.equals("CY") ? Channel.DOMESTIC_TRANSFER : Channel.SEPA_TRANSFER).reference("Artist fee").book();
        }
        wages(c, r, staff(r, 2 + r.nextInt(3), List.of("CY")), 1300);
    }

    /**
     * A licensed recruitment agency for foreign staff: placement fees from employers, flights for the recruits it
     * brings in, permit applications at the Civil Registry and Migration Department, its own payroll.
     */
    private void recruitmentAgency(int i) {
        Random r = bank.random("recruitment", i);
        Town town = Names.pick(r, List.of(Town.NICOSIA, Town.LIMASSOL, Town.LARNACA));
        Customer c = business("recruitment-agency", r, Names.family(r, "CY") + " Recruitment Ltd", town, "78.10",
                3 + r.nextInt(6), 20000 + r.nextInt(20000), "08:30-17:30");
        for (int week = 0; week * 7 < bank.days(); week++) {
            int placements = r.nextInt(3);
            for (int k = 0; k < placements; k++) {
                String nat = Names.pick(r, FOREIGN_WORKERS);
                int day = week * 7 + r.nextInt(5);
                Counterparty client = bank.external(Names.family(r, "CY") + Names.pick(r, List.of(" Farms Ltd",
                        " Constructions Ltd", " Hotels Ltd")), "CY", PartyType.BUSINESS);
                tx.transferIn(c, bank.at(day, 10, r.nextInt(240)), 900 + 100 * r.nextInt(15), client, Channel.DOMESTIC_TRANSFER)
                        .reference("Placement fee invoice " + (100 + r.nextInt(900))).book();
                String given = Names.given(r, nat);
                String family = Names.family(r, nat);
                tx.online(c, bank.at(day + 2, 15, r.nextInt(120)), 380 + 10 * r.nextInt(30),
                        Names.pick(r, List.of(Shop.online("Qatar Airways", "4511", "QA"), Shop.online("Emirates", "4511", "AE"))))
                        .passenger(Names.passenger(family, given)).book();
                tx.transferOut(c, bank.at(day + 3, 10, r.nextInt(120)), 140, MIGRATION, Channel.DOMESTIC_TRANSFER)
                        .reference("Entry permit application " + given + " " + family).book();
            }
        }
        wages(c, r, staff(r, 3 + r.nextInt(5), List.of("CY", "GR")), 1400);
        suppliers(c, r, 3000);
    }

    /**
     * A farm, builder or cleaning company employing foreign workers: wages with {@code SALARY MM/YYYY}, employer
     * contributions, rent of the workers' housing, permit renewals, client invoices.
     */
    private void foreignWorkerEmployer(int i) {
        Random r = bank.random("foreign-employer", i);
        Town town = Town.home(r);
        String[][] kinds = {{" Farms Ltd", "01.13"}, {" Constructions Ltd", "41.20"}, {" Cleaning Services Ltd", "81.21"}};
        String[] kind = kinds[r.nextInt(kinds.length)];
        int workers = 8 + r.nextInt(25);
        double wage = 1000 + r.nextInt(200);
        double turnover = workers * wage / 0.45;
        Customer c = business("employer-foreign-workers", r, Names.family(r, "CY") + kind[0], town, kind[1], workers,
                turnover, "07:00-16:00");
        for (int day = 3; day < bank.days(); day += 5 + r.nextInt(5)) {
            Counterparty client = bank.external(Names.family(r, "CY") + " Developers Ltd", "CY", PartyType.BUSINESS);
            tx.transferIn(c, bank.at(day, 10, r.nextInt(300)), turnover / 4.5 * (0.7 + r.nextDouble() * 0.6), client,
                    Channel.DOMESTIC_TRANSFER).reference("Invoice " + (1000 + r.nextInt(9000))).book();
        }
        wages(c, r, staff(r, workers, FOREIGN_WORKERS), wage);
        Counterparty housing = bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON);
        for (int d : bank.monthly(2)) {
            tx.transferOut(c, bank.at(d, 10, r.nextInt(120)), 150.0 * workers, housing, Channel.DOMESTIC_TRANSFER)
                    .reference("Rent workers housing " + mmYyyy(d)).book();
        }
        for (int k = 0; k < workers / 6; k++) {
            tx.transferOut(c, bank.at(r.nextInt(bank.days()), 10, r.nextInt(120)), 70, MIGRATION, Channel.DOMESTIC_TRANSFER)
                    .reference("Residence permit renewal").book();
        }
        suppliers(c, r, turnover * 0.3);
        for (int day = 3; day < bank.days(); day += 4 + r.nextInt(4)) {
            tx.card(c, bank.at(day, 7, r.nextInt(300)), 50 + r.nextInt(60), Shops.fuel(town, r)).book();
        }
    }

    /** {@code MM/YYYY} of traffic day {@code d}. */
    private String mmYyyy(int d) {
        LocalDate date = bank.date(d);
        return String.format("%02d/%d", date.getMonthValue(), date.getYear());
    }
}
