package org.htscreen.samples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;

/**
 * The ordinary customers the planted scenarios hide among: salaried people, students, legitimately paid
 * domestic workers, small businesses, a hotel and a payroll employer. Their traffic is varied but ordinary:
 * wages with purpose SALA, rent and bills, groceries, card spending, cash withdrawals, the odd trip; some have
 * habits that look like red flags one at a time (weekend nights out with ATM cash, a weekly crypto savings plan,
 * a teenager's prepaid card, online betting, courier payouts); employers pay payroll with social insurance and
 * PAYE to the payees of rules/reference/payees.yaml.
 */
final class BenignPopulation {

    static final Counterparty SOCIAL_INSURANCE = new Counterparty("CY00SOCIALINSURANCE0000000001",
            "Social Insurance Services", "CY", PartyType.GOVERNMENT);
    static final Counterparty TAX = new Counterparty("CY00TAXDEPARTMENTPAYE000000001", "Tax Department PAYE", "CY",
            PartyType.GOVERNMENT);
    static final Counterparty LICENSED_AGENCY = new Counterparty("CY00LICENSEDAGENCY000000000001",
            "Nicosia Domestic Staff Agency Ltd", "CY", PartyType.EMPLOYMENT_AGENCY);

    private static final String[] OCCUPATIONS = {"teacher", "accountant", "nurse", "civil servant",
        "sales assistant", "software engineer", "electrician", "bank clerk", "waiter", "chef", "receptionist",
        "police officer", "architect", "shop manager", "mechanic", "pharmacist"};

    private static final String[][] SMALL_BUSINESSES = {
        {"Kafeneio", "56.30", "cash"}, {"Taverna", "56.10", "cash"}, {"Boutique", "47.71", "card"},
        {"Hair Salon", "96.02", "cash"}, {"Electrical Contractors", "43.21", "transfer"},
        {"Accounting Services", "69.20", "transfer"}, {"Bakery", "10.71", "cash"}, {"Pharmacy", "47.73", "card"},
        {"Car Repairs", "45.20", "transfer"}, {"Kiosk", "47.26", "cash"}};

    private final Bank bank;
    private final TransactionFactory tx;
    private final Counterparty acquirer;
    private final Counterparty electricity;
    private final List<Employee> payrollStaff = new ArrayList<>();
    private final List<Employee> hotelStaff = new ArrayList<>();
    private final List<Customer> households = new ArrayList<>();

    /** A customer paid by one of the bank's business customers. */
    private record Employee(Customer who, double salary) {
    }

    BenignPopulation(Bank bank) {
        this.bank = bank;
        this.tx = bank.tx();
        this.acquirer = bank.external("JCC Payment Systems Ltd", "CY", PartyType.PAYMENT_PROCESSOR);
        this.electricity = bank.external("Electricity Authority of Cyprus", "CY", PartyType.BUSINESS);
    }

    /** Generates {@code n} ordinary customers and their traffic. */
    void generate(int n) {
        if (n <= 0) {
            return;
        }
        boolean employers = n >= 10;
        int businesses = (int) Math.round(n * 0.08);
        int domestic = (int) Math.round(n * 0.08);
        int students = (int) Math.round(n * 0.12);
        int salaried = n - businesses - domestic - students - (employers ? 2 : 0);
        Customer payroll = employers ? bank.segment(bank.open("Troodos Foods Ltd", Town.NICOSIA, PartyType.BUSINESS),
                "employer") : null;
        Customer hotel = employers ? bank.segment(bank.open("Limassol Bay Hotel Ltd", Town.LIMASSOL, PartyType.BUSINESS),
                "hotel") : null;
        for (int i = 0; i < salaried; i++) {
            salariedPerson(i, employers);
        }
        for (int i = 0; i < domestic; i++) {
            domesticWorker(i);
        }
        for (int i = 0; i < students; i++) {
            student(i);
        }
        for (int i = 0; i < businesses; i++) {
            smallBusiness(i);
        }
        if (employers) {
            payrollEmployer(payroll);
            hotel(hotel);
        }
    }

    // ---- people ----

    Customer salariedPerson(int i, boolean employers) {
        Random r = bank.random("salaried", i);
        String nat = r.nextInt(100) < 78 ? "CY" : Names.pick(r, List.of("GR", "RO", "BG"));
        Town town = Town.home(r);
        Customer c = bank.segment(bank.open(Names.person(r, nat), town, PartyType.PERSON), "salaried");
        double income = 1100 + r.nextInt(2400);
        int born = 1962 + r.nextInt(38);
        bank.profile(ProfileFactory.person(bank, c, born, nat, OCCUPATIONS[r.nextInt(OCCUPATIONS.length)],
                income, ResidencePermit.EU_OR_NONE, onboarded(r)).build());
        double salary = Math.round(income * (0.97 + r.nextDouble() * 0.06));
        int employer = r.nextInt(100);
        if (employers && employer < 35) {
            payrollStaff.add(new Employee(c, salary));
        } else if (employers && employer < 45) {
            hotelStaff.add(new Employee(c, salary));
        } else {
            Counterparty boss = bank.external(Names.pick(r, List.of("Lanitis Bros Ltd", "Cyta", "Bank of Cyprus",
                    "Ministry of Education", "Hermes Airports Ltd", "KPMG Limited", "Stephanis Ltd")), "CY",
                    PartyType.BUSINESS);
            int payday = 24 + r.nextInt(5);
            for (int d : bank.monthly(payday)) {
                tx.transferIn(c, bank.at(d, 7, 30 + r.nextInt(60)), salary, boss, Channel.SEPA_TRANSFER)
                        .salary("Salary " + bank.date(d).getMonth()).book();
            }
        }
        if (income >= 2600 && households.size() < 40) {
            households.add(c);
        }
        housing(c, r, income);
        everydayLife(c, r, 1.0);
        habits(c, r, born);
        if (r.nextInt(100) < 18) {
            tripAbroad(c, r);
        }
        if (r.nextInt(100) < 20) {
            weekendAway(c, r);
        }
        return c;
    }

    Customer domesticWorker(int i) {
        Random r = bank.random("domestic", i);
        String nat = Names.pick(r, List.of("PH", "PH", "LK", "NP", "VN", "IN"));
        Customer employer = households.isEmpty() ? null : households.get(i % households.size());
        Town town = employer == null ? Town.home(r) : employer.town();
        Customer c = bank.segment(bank.open(Names.person(r, nat), town, PartyType.PERSON), "domestic-worker");
        double wage = 420 + r.nextInt(180);
        bank.profile(ProfileFactory.person(bank, c, 1975 + r.nextInt(25), nat, "domestic worker", wage,
                ResidencePermit.DOMESTIC_WORKER, onboarded(r)).build());
        Counterparty family = bank.external(Names.person(r, nat), nat, PartyType.PERSON);
        Counterparty outsideEmployer = bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON);
        int payday = 27 + r.nextInt(3);
        for (int d : bank.monthly(payday)) {
            if (employer != null) {
                tx.internal(employer, c, bank.at(d, 18, r.nextInt(120)), wage).salary("Salary domestic worker").book();
            } else {
                tx.transferIn(c, bank.at(d, 9, r.nextInt(60)), wage, outsideEmployer, Channel.SEPA_TRANSFER)
                        .salary("Salary domestic worker").book();
            }
            int sendDay = d + 1 + r.nextInt(3);
            tx.transferOut(c, bank.at(sendDay, 11, r.nextInt(240)), Math.round(wage * (0.45 + r.nextDouble() * 0.25)),
                    family, Channel.MONEY_REMITTANCE).reference("For the family").book();
            tx.atmWithdrawal(c, bank.at(sendDay + 1, 10, r.nextInt(300)), 20 * (2 + r.nextInt(4)), town,
                    1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
        }
        for (int day = 0; day < bank.days(); day++) {
            if (day % 7 == 6) {
                if (r.nextInt(3) > 0) {
                    tx.card(c, bank.at(day, 12, r.nextInt(300)), 5 + r.nextInt(15), Shops.cafe(town, r)).book();
                }
                if (r.nextInt(4) == 0) {
                    tx.online(c, bank.at(day, 10, r.nextInt(60)), 1.5 * (1 + r.nextInt(3)), Shops.BUS).book();
                }
            }
            if (r.nextInt(9) == 0) {
                tx.card(c, bank.at(day, 17, r.nextInt(180)), 8 + r.nextInt(40), Shops.grocery(town, r)).book();
            }
            if (r.nextInt(20) == 0) {
                tx.card(c, bank.at(day, 17, r.nextInt(120)), 5 + r.nextInt(20), Shops.pharmacy(town)).book();
            }
        }
        for (int d : bank.monthly(10 + r.nextInt(10))) {
            tx.online(c, bank.at(d, 20, r.nextInt(60)), 10 + r.nextInt(3) * 5, Shops.CYTA_PREPAID).book();
        }
        if (r.nextInt(10) == 0) {
            int d = r.nextInt(bank.days());
            tx.transferOut(c, bank.at(d, 11, r.nextInt(120)), 150 + r.nextInt(150), LICENSED_AGENCY,
                    Channel.DOMESTIC_TRANSFER).reference("Agency fee contract renewal").book();
        }
        return c;
    }

    Customer student(int i) {
        Random r = bank.random("student", i);
        String nat = Names.pick(r, List.of("CY", "CY", "CY", "GR", "GR", "IN", "NP", "NP", "BD", "NG", "LK"));
        boolean eu = nat.equals("CY") || nat.equals("GR");
        Town town = r.nextInt(10) < 6 ? Town.NICOSIA : r.nextBoolean() ? Town.LIMASSOL : Town.LARNACA;
        Customer c = bank.segment(bank.open(Names.person(r, nat), town, PartyType.PERSON), "student");
        double allowance = 350 + r.nextInt(450);
        bank.profile(ProfileFactory.person(bank, c, 2001 + r.nextInt(7), nat, "student", allowance,
                eu ? ResidencePermit.EU_OR_NONE : ResidencePermit.STUDENT, onboarded(r)).build());
        Counterparty parent = bank.external(Names.person(r, nat), nat, PartyType.PERSON);
        Counterparty landlord = bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON);
        double rent = 250 + r.nextInt(200);
        for (int d : bank.monthly(1 + r.nextInt(4))) {
            tx.transferIn(c, bank.at(d, 10, r.nextInt(300)), allowance, parent,
                    eu ? Channel.SEPA_TRANSFER : Channel.SWIFT_TRANSFER)
                    .reference(r.nextBoolean() ? "Allowance" : "Living expenses").book();
            tx.transferOut(c, bank.at(d + 2, 12, r.nextInt(300)), rent, landlord, Channel.DOMESTIC_TRANSFER)
                    .reference("Room rent " + bank.date(d).getMonth()).book();
        }
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(6) == 0) {
                tx.card(c, bank.at(day, 18, r.nextInt(180)), 10 + r.nextInt(45), Shops.grocery(town, r)).book();
            }
            if (r.nextInt(4) == 0) {
                tx.card(c, bank.at(day, 11, r.nextInt(420)), 3 + r.nextInt(12), Shops.cafe(town, r)).book();
            }
            if (r.nextInt(12) == 0) {
                tx.online(c, bank.at(day, 20, r.nextInt(120)), 12 + r.nextInt(20),
                        r.nextBoolean() ? Shops.FOOD_DELIVERY : Shops.WOLT).book();
            }
            if (r.nextInt(10) == 0) {
                tx.online(c, bank.at(day, 8, r.nextInt(60)), 1.5 * (1 + r.nextInt(2)), Shops.BUS).book();
            }
            if (r.nextInt(25) == 0) {
                tx.card(c, bank.at(day, 13, r.nextInt(120)), 15 + r.nextInt(120), Shops.college(town)).book();
            }
        }
        if (r.nextInt(100) < 30) {
            Counterparty platform = bank.external("Wolt Courier Payouts", "FI", PartyType.PAYMENT_PROCESSOR);
            for (int day = 4 + r.nextInt(7); day < bank.days(); day += 7) {
                tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), 60 + r.nextInt(140), platform, Channel.SEPA_TRANSFER)
                        .reference("Courier earnings").book();
            }
        }
        for (int d : bank.monthly(5 + r.nextInt(20))) {
            tx.online(c, bank.at(d, 21, r.nextInt(60)), 10 + 5 * r.nextInt(3), r.nextBoolean() ? Shops.EPIC : Shops.CYTA).book();
            tx.atmWithdrawal(c, bank.at(d + 1, 12, r.nextInt(300)), 20 * (1 + r.nextInt(4)), town,
                    1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
        }
        return c;
    }

    /** Rent or mortgage, electricity, water and telecom bills, insurance. */
    void housing(Customer c, Random r, double income) {
        int kind = r.nextInt(10);
        Counterparty landlord = bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON);
        Counterparty lender = bank.external("Hellenic Bank Mortgages", "CY", PartyType.FINANCIAL_INSTITUTION);
        double rent = Math.round(Math.min(income * 0.4, 450 + r.nextInt(650)));
        for (int d : bank.monthly(1 + r.nextInt(5))) {
            if (kind < 5) {
                tx.transferOut(c, bank.at(d, 9, r.nextInt(600)), rent, landlord, Channel.DOMESTIC_TRANSFER)
                        .reference("Rent " + bank.date(d).getMonth()).book();
            } else if (kind < 8) {
                tx.transferOut(c, bank.at(d, 9, r.nextInt(600)), rent, lender, Channel.DOMESTIC_TRANSFER)
                        .reference("Mortgage instalment").book();
            }
        }
        for (int d : bank.monthly(10 + r.nextInt(10))) {
            tx.transferOut(c, bank.at(d, 20, r.nextInt(120)), 35 + r.nextInt(140), electricity,
                    Channel.DOMESTIC_TRANSFER).reference("Electricity bill").book();
            tx.online(c, bank.at(d + 1, 20, r.nextInt(120)), 25 + r.nextInt(40), r.nextBoolean() ? Shops.CYTA : Shops.PRIMETEL).book();
            if (d % 2 == 0 || r.nextBoolean()) {
                tx.card(c, bank.at(d + 2, 10, r.nextInt(300)), 20 + r.nextInt(40), Shops.utilities(c.town())).book();
            }
        }
        if (r.nextInt(3) == 0) {
            int d = r.nextInt(bank.days());
            tx.online(c, bank.at(d, 11, r.nextInt(300)), 120 + r.nextInt(500), Shops.INSURANCE).book();
        }
    }

    /** Groceries, cafés, restaurants, fuel, pharmacy, hairdresser, parking, deliveries and cash, at home. */
    void everydayLife(Customer c, Random r, double scale) {
        Town home = c.town();
        boolean car = r.nextInt(100) < 70;
        boolean salon = r.nextInt(100) < 40;
        int parkingSpots = 1 + r.nextInt(2);
        for (int day = 0; day < bank.days(); day++) {
            boolean weekend = bank.date(day).getDayOfWeek().getValue() >= 6;
            if (r.nextDouble() < 0.2 * scale) {
                tx.card(c, bank.at(day, weekend ? 10 : 18, r.nextInt(180)), 15 + r.nextInt(110), Shops.grocery(home, r)).book();
            }
            if (r.nextDouble() < 0.15 * scale) {
                tx.card(c, bank.at(day, 8, r.nextInt(600)), 3 + r.nextInt(14), Shops.cafe(home, r)).book();
            }
            if (r.nextDouble() < (weekend ? 0.25 : 0.06) * scale) {
                tx.card(c, bank.at(day, 20, r.nextInt(120)), 25 + r.nextInt(90), Shops.restaurant(home, r)).book();
            }
            if (car && r.nextDouble() < 0.1) {
                tx.card(c, bank.at(day, 7, r.nextInt(720)), 30 + r.nextInt(45), Shops.fuel(home, r)).book();
            }
            if (r.nextDouble() < 0.04) {
                tx.card(c, bank.at(day, 10, r.nextInt(540)), 6 + r.nextInt(30), Shops.pharmacy(home)).book();
            }
            if (car && r.nextDouble() < 0.06) {
                tx.card(c, bank.at(day, 9, r.nextInt(540)), 1 + r.nextInt(4), Shops.parking(home, 1 + r.nextInt(parkingSpots))).book();
            }
            if (r.nextDouble() < 0.04) {
                tx.online(c, bank.at(day, 19, 30 + r.nextInt(120)), 14 + r.nextInt(30),
                        r.nextBoolean() ? Shops.FOOD_DELIVERY : Shops.WOLT).book();
            }
            if (r.nextDouble() < 0.05) {
                tx.atmWithdrawal(c, bank.at(day, 9, r.nextInt(720)), 20 * (1 + r.nextInt(10)), home,
                        1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
            }
            if (r.nextDouble() < 0.015) {
                tx.card(c, bank.at(day, 11, r.nextInt(420)), 40 + r.nextInt(400),
                        r.nextBoolean() ? Shops.furniture(home) : Shops.hardware(home)).book();
            }
        }
        if (salon) {
            for (int d : bank.monthly(3 + r.nextInt(25))) {
                tx.card(c, bank.at(d, 11, r.nextInt(420)), 15 + r.nextInt(35), Shops.hairSalon(home)).book();
            }
        }
        if (r.nextInt(100) < 3) {
            int d = r.nextInt(bank.days());
            tx.atmWithdrawal(c, bank.at(d, 23, r.nextInt(50)), 40 + 20 * r.nextInt(4), home, 1).book();
        }
    }

    /**
     * Habits some people have: nights out with cash from the ATM, online betting with the odd win, a weekly
     * crypto saving plan, a teenager's prepaid card loaded every week, cash from an independent ATM.
     */
    void habits(Customer c, Random r, int born) {
        Town home = c.town();
        boolean young = born >= 1993;
        boolean nightsOut = young && r.nextInt(100) < 40;
        boolean betting = r.nextInt(100) < 8;
        boolean crypto = r.nextInt(100) < (young ? 15 : 4);
        boolean teenCard = !young && r.nextInt(100) < 10;
        Shop bookmaker = Shop.online("Stoiximan", "7995", "MT");
        Counterparty bookmakerPayouts = bank.external("Stoiximan Payouts", "MT", PartyType.GAMBLING);
        Shop exchange = Shop.online("Revolut Crypto", "6051", "LT");
        String childCard = "PPC-" + Bank.hash("card", c.partyId()).substring(0, 10);
        for (int day = 0; day < bank.days(); day++) {
            int dow = bank.date(day).getDayOfWeek().getValue();
            if (nightsOut && (dow == 5 || dow == 6) && r.nextInt(100) < 55) {
                tx.card(c, bank.at(day, 22, r.nextInt(90)), 25 + r.nextInt(60), Shop.in(home, "Bar Central", "5813")).book();
                tx.atmWithdrawal(c, bank.at(day, 23 * 60 + 30 + r.nextInt(150)), 20 * (1 + r.nextInt(4)), home,
                        1 + r.nextInt(Town.ATMS_PER_TOWN)).book();
            }
            if (betting && r.nextInt(4) == 0) {
                tx.online(c, bank.at(day, 19, r.nextInt(180)), 5 + 5 * r.nextInt(8), bookmaker).book();
                if (r.nextInt(5) == 0) {
                    tx.transferIn(c, bank.at(day + 1, 10, r.nextInt(120)), 20 + 10 * r.nextInt(10), bookmakerPayouts,
                            Channel.SEPA_TRANSFER).reference("Withdrawal").book();
                }
            }
            if (crypto && dow == 1) {
                tx.online(c, bank.at(day, 9, r.nextInt(60)), 25, exchange).book();
            }
            if (teenCard && dow == 7) {
                tx.prepaidLoad(c, bank.at(day, 18, r.nextInt(120)), 20 + 5 * r.nextInt(5), childCard, "Kids Prepaid Card")
                        .book();
            }
            if (r.nextInt(150) == 0) {
                tx.atmWithdrawal(c, bank.at(day, 12, r.nextInt(360)), 20 * (1 + r.nextInt(5)), home, 9).whiteLabel().book();
            }
        }
    }

    /** A few days in a European city: one flight purchase for the family, a hotel and some card payments. */
    void tripAbroad(Customer c, Random r) {
        Shops.Destination dest = Names.pick(r, Shops.DESTINATIONS);
        int booked = r.nextInt(Math.max(1, bank.days() - 10));
        int leave = booked + 5 + r.nextInt(5);
        String family = c.name().substring(c.name().indexOf(' ') + 1);
        int travellers = 1 + r.nextInt(3);
        Shop airline = dest.country().equals("GR") ? Shops.AIRLINE_GR : r.nextBoolean() ? Shops.AIRLINE_CY : Shops.AIRLINE_LOWCOST;
        for (int p = 0; p < travellers; p++) {
            String given = p == 0 ? c.name().substring(0, c.name().indexOf(' ')) : Names.given(r, "CY");
            tx.online(c, bank.at(booked, 21, p), 90 + r.nextInt(160), airline).passenger(Names.passenger(family, given)).book();
        }
        int nights = 2 + r.nextInt(3);
        tx.card(c, bank.at(leave, 15, r.nextInt(120)), (90 + r.nextInt(120)) * nights,
                Shop.abroad("Hotel " + dest.city() + " Centre", "7011", dest.city(), dest.country())).book();
        for (int k = 0; k < 2 + r.nextInt(2); k++) {
            tx.card(c, bank.at(leave + k % nights, 20, r.nextInt(90)), 30 + r.nextInt(80),
                    Shop.abroad("Restaurant " + dest.city(), "5812", dest.city(), dest.country())).book();
        }
    }

    /** Two nights at a resort in another Cyprus town. */
    void weekendAway(Customer c, Random r) {
        Town away = Names.pick(r, List.of(Town.PAPHOS, Town.AYIA_NAPA, Town.LIMASSOL));
        if (away == c.town()) {
            away = Town.PAPHOS == c.town() ? Town.AYIA_NAPA : Town.PAPHOS;
        }
        int d = r.nextInt(bank.days());
        tx.card(c, bank.at(d, 15, r.nextInt(120)), 180 + r.nextInt(220), Shops.resort(away)).book();
        tx.card(c, bank.at(d, 21, r.nextInt(60)), 40 + r.nextInt(80), Shops.restaurant(away, r)).book();
        tx.card(c, bank.at(d + 1, 13, r.nextInt(60)), 20 + r.nextInt(40), Shops.cafe(away, r)).book();
    }

    // ---- businesses ----

    void smallBusiness(int i) {
        Random r = bank.random("business", i);
        String[] kind = SMALL_BUSINESSES[i % SMALL_BUSINESSES.length];
        Town town = Town.home(r);
        String name = Names.family(r, "CY") + " " + kind[0] + " Ltd";
        Customer c = bank.segment(bank.open(name, town, PartyType.BUSINESS), "small-business");
        double turnover = 9000 + r.nextInt(26000);
        int staff = 2 + r.nextInt(4);
        bank.profile(ProfileFactory.business(bank, c, kind[1], staff, turnover, onboarded(r))
                .setOpeningHours(kind[2].equals("cash") ? "07:00-23:00" : "08:00-18:00").build());
        // takings
        for (int day = 0; day < bank.days(); day++) {
            int dow = bank.date(day).getDayOfWeek().getValue();
            if (dow <= 5 && day % 2 == 0) {
                double share = kind[2].equals("transfer") ? 0.15 : kind[2].equals("cash") ? 0.55 : 0.85;
                tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), turnover * share / 11 * (0.8 + r.nextDouble() * 0.4),
                        acquirer, Channel.SEPA_TRANSFER).reference("Card settlement").book();
            }
            if (kind[2].equals("cash") && dow == 1) {
                tx.branchDeposit(c, bank.at(day, 10, r.nextInt(240)), turnover * 0.45 / 4.3 * (0.8 + r.nextDouble() * 0.4), town)
                        .book();
            }
            if (kind[2].equals("transfer") && r.nextInt(4) == 0) {
                Counterparty client = bank.external(r.nextBoolean() ? Names.person(r, "CY")
                        : Names.family(r, "CY") + " Developers Ltd", "CY", r.nextBoolean() ? PartyType.PERSON : PartyType.BUSINESS);
                tx.transferIn(c, bank.at(day, 11, r.nextInt(360)), turnover * 0.85 / 7 * (0.7 + r.nextDouble() * 0.6),
                        client, Channel.DOMESTIC_TRANSFER).reference("Invoice " + (1000 + r.nextInt(9000))).book();
            }
            if (kind[2].equals("card") && dow <= 5 && day % 2 == 1 && r.nextInt(3) == 0) {
                tx.branchDeposit(c, bank.at(day, 12, r.nextInt(180)), turnover * 0.05 / 3, town).book();
            }
        }
        payroll(c, r, staff, 950 + r.nextInt(500), turnover);
        Counterparty landlord = bank.external(Names.family(r, "CY") + " Properties Ltd", "CY", PartyType.BUSINESS);
        List<Counterparty> suppliers = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            suppliers.add(bank.external(Names.family(r, "CY") + " Wholesale Ltd", "CY", PartyType.BUSINESS));
        }
        for (int d : bank.monthly(2 + r.nextInt(4))) {
            tx.transferOut(c, bank.at(d, 10, r.nextInt(300)), Math.round(turnover * 0.07), landlord,
                    Channel.DOMESTIC_TRANSFER).reference("Shop rent " + bank.date(d).getMonth()).book();
            tx.transferOut(c, bank.at(d + 12, 10, r.nextInt(300)), turnover * 0.025, electricity,
                    Channel.DOMESTIC_TRANSFER).reference("Electricity bill").book();
            for (int s = 0; s < 3; s++) {
                tx.transferOut(c, bank.at(d + 6 + 8 * s, 11, r.nextInt(300)), turnover * 0.07 * (0.8 + r.nextDouble() * 0.4),
                        suppliers.get(s), Channel.DOMESTIC_TRANSFER).reference("Invoice supplies").book();
            }
        }
        for (int day = 3; day < bank.days(); day += 9 + r.nextInt(6)) {
            tx.card(c, bank.at(day, 8, r.nextInt(300)), 40 + r.nextInt(50), Shops.fuel(town, r)).book();
        }
    }

    /**
     * Salaries (purpose SALA) to staff at other banks, then social insurance and PAYE for the month. Wages are
     * capped at 30% of turnover.
     */
    void payroll(Customer employer, Random r, int staff, double wage, double turnover) {
        List<Counterparty> people = new ArrayList<>();
        for (int s = 0; s < staff; s++) {
            people.add(bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON));
        }
        double each = Math.min(wage, turnover * 0.3 / staff);
        for (int d : bank.monthly(28)) {
            for (Counterparty p : people) {
                tx.transferOut(employer, bank.at(d, 9, r.nextInt(60)), Math.round(each), p, Channel.SEPA_TRANSFER)
                        .salary("Salary " + bank.date(d).getMonth()).book();
            }
            contributions(employer, r, d + 2, each * staff);
        }
    }

    void contributions(Customer employer, Random r, int day, double gross) {
        tx.transferOut(employer, bank.at(day, 10, r.nextInt(120)), Math.round(gross * 0.20), SOCIAL_INSURANCE,
                Channel.DOMESTIC_TRANSFER).reference("Social insurance contributions").book();
        tx.transferOut(employer, bank.at(day, 11, r.nextInt(120)), Math.round(gross * 0.07), TAX,
                Channel.DOMESTIC_TRANSFER).reference("PAYE").book();
    }

    /** A food producer paying the wages of many of the bank's customers, with social insurance and PAYE. */
    private void payrollEmployer(Customer c) {
        Random r = bank.random("payroll-employer", 0);
        double outsideWage = 1500;
        int outside = 20;
        double wages = outside * outsideWage + payrollStaff.stream().mapToDouble(Employee::salary).sum();
        double turnover = Math.round(wages / 0.3);
        bank.profile(ProfileFactory.business(bank, c, "10.89", outside + payrollStaff.size(), turnover,
                LocalDate.of(2004, 3, 1)).build());
        List<Counterparty> buyers = List.of(
                bank.external("Alphamega Hypermarkets Ltd", "CY", PartyType.BUSINESS),
                bank.external("Sklavenitis Cyprus Ltd", "CY", PartyType.BUSINESS),
                bank.external("Lidl Cyprus", "CY", PartyType.BUSINESS),
                bank.external("Metro Supermarkets Ltd", "CY", PartyType.BUSINESS));
        for (int day = 0; day < bank.days(); day++) {
            int dow = bank.date(day).getDayOfWeek().getValue();
            if (dow == 2 || dow == 4) {
                tx.transferIn(c, bank.at(day, 9, r.nextInt(300)), turnover / 8.6 * (0.85 + r.nextDouble() * 0.3),
                        Names.pick(r, buyers), Channel.DOMESTIC_TRANSFER).reference("Invoice payment").book();
            }
        }
        List<Counterparty> people = new ArrayList<>();
        for (int s = 0; s < outside; s++) {
            people.add(bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON));
        }
        Counterparty rawMaterials = bank.external("Pittas Dairy Industries Ltd", "CY", PartyType.BUSINESS);
        Counterparty importer = bank.external("Barilla Italia SpA", "IT", PartyType.BUSINESS);
        for (int d : bank.monthly(28)) {
            for (Employee e : payrollStaff) {
                tx.internal(c, e.who(), bank.at(d, 8, r.nextInt(30)), e.salary()).salary("Salary " + bank.date(d).getMonth()).book();
            }
            for (Counterparty p : people) {
                tx.transferOut(c, bank.at(d, 8, 30 + r.nextInt(30)), outsideWage, p, Channel.SEPA_TRANSFER)
                        .salary("Salary " + bank.date(d).getMonth()).book();
            }
            contributions(c, r, d + 2, wages);
        }
        for (int d : bank.monthly(5)) {
            tx.transferOut(c, bank.at(d, 10, 0), Math.round(turnover * 0.04), electricity, Channel.DOMESTIC_TRANSFER)
                    .reference("Electricity bill").book();
            for (int w = 0; w < 4; w++) {
                tx.transferOut(c, bank.at(d + 7 * w, 11, r.nextInt(120)), turnover * 0.06, rawMaterials,
                        Channel.DOMESTIC_TRANSFER).reference("Invoice raw materials").book();
            }
            tx.transferOut(c, bank.at(d + 10, 12, 0), turnover * 0.08, importer, Channel.SEPA_TRANSFER)
                    .reference("Invoice imports").book();
        }
    }

    /** A seaside hotel: daily card settlements and booking-platform payouts, payroll, contributions, suppliers. */
    private void hotel(Customer c) {
        Random r = bank.random("hotel", 0);
        int outside = 22;
        double outsideWage = 1300;
        double wages = outside * outsideWage + hotelStaff.stream().mapToDouble(Employee::salary).sum();
        double turnover = Math.round(wages / 0.3);
        bank.profile(ProfileFactory.business(bank, c, "55.10", outside + hotelStaff.size(), turnover,
                LocalDate.of(2009, 5, 1)).build());
        Counterparty platform = bank.external("Booking.com B.V.", "NL", PartyType.PAYMENT_PROCESSOR);
        for (int day = 0; day < bank.days(); day++) {
            tx.transferIn(c, bank.at(day, 6, r.nextInt(60)), turnover * 0.7 / 30 * (0.75 + r.nextDouble() * 0.5),
                    acquirer, Channel.SEPA_TRANSFER).reference("Card settlement").book();
            if (bank.date(day).getDayOfWeek().getValue() == 3) {
                tx.transferIn(c, bank.at(day, 7, r.nextInt(60)), turnover * 0.3 / 4.3 * (0.8 + r.nextDouble() * 0.4),
                        platform, Channel.SEPA_TRANSFER).reference("Payout reservations").book();
            }
        }
        List<Counterparty> people = new ArrayList<>();
        for (int s = 0; s < outside; s++) {
            people.add(bank.external(Names.person(r, "CY"), "CY", PartyType.PERSON));
        }
        Counterparty food = bank.external("Cyprus Food Distributors Ltd", "CY", PartyType.BUSINESS);
        Counterparty laundry = bank.external("Limassol Industrial Laundry Ltd", "CY", PartyType.BUSINESS);
        for (int d : bank.monthly(30)) {
            for (Employee e : hotelStaff) {
                tx.internal(c, e.who(), bank.at(d, 8, r.nextInt(30)), e.salary()).salary("Salary " + bank.date(d).getMonth()).book();
            }
            for (Counterparty p : people) {
                tx.transferOut(c, bank.at(d, 8, 30 + r.nextInt(30)), outsideWage, p, Channel.SEPA_TRANSFER)
                        .salary("Salary " + bank.date(d).getMonth()).book();
            }
            contributions(c, r, d + 1, wages);
        }
        for (int d : bank.monthly(8)) {
            tx.transferOut(c, bank.at(d, 10, 0), Math.round(turnover * 0.05), electricity, Channel.DOMESTIC_TRANSFER)
                    .reference("Electricity bill").book();
        }
        for (int day = 2; day < bank.days(); day += 7) {
            tx.transferOut(c, bank.at(day, 11, r.nextInt(120)), turnover * 0.045, food, Channel.DOMESTIC_TRANSFER)
                    .reference("Invoice food and beverage").book();
            tx.transferOut(c, bank.at(day + 3, 11, r.nextInt(120)), turnover * 0.012, laundry, Channel.DOMESTIC_TRANSFER)
                    .reference("Invoice laundry").book();
        }
    }

    /** A customer for one to fifteen years before the traffic starts. */
    LocalDate onboarded(Random r) {
        return bank.date(0).minusDays(365 + r.nextInt(14 * 365));
    }
}
