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
 * Forced criminality: a controller makes young foreign newcomers open accounts and uses them as money mules.
 * Each mule's account receives payments from many unrelated people (victims of online fraud) and is emptied the
 * same day, by cash at ATMs or by a transfer to the controller, from the controller's e-banking device. The
 * subtle variant has fewer payers, some money left on the account and the emptying spread over two days.
 */
final class MuleRing {

    private final Bank bank;
    private final int index;
    private final boolean subtle;
    private final TransactionFactory tx;

    MuleRing(Bank bank, int index, boolean subtle) {
        this.bank = bank;
        this.index = index;
        this.subtle = subtle;
        this.tx = bank.tx();
    }

    void plant() {
        Random r = bank.random("mule-ring", index);
        String controllerNat = Names.pick(r, List.of("CY", "GR", "RO", "BG", "NG", "SY"));
        Customer controller = bank.open(Names.person(r, controllerNat), Names.pick(r, List.of(Town.NICOSIA, Town.LIMASSOL,
                Town.LARNACA)), PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, controller, 1978 + r.nextInt(14), controllerNat,
                Names.pick(r, List.of("self-employed", "car trader", "unemployed")), 900 + r.nextInt(600),
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(400 + r.nextInt(1500))).build());
        bank.label(controller, Typology.FORCED_CRIMINALITY, RoleHint.SUSPECTED_CONTROLLER);
        int mules = 3 + r.nextInt(3);
        List<Customer> accounts = new ArrayList<>();
        for (int m = 0; m < mules; m++) {
            String nat = Names.pick(r, List.of("RO", "BG", "NG", "PK", "BD", "NP", "IN", "EG"));
            boolean eu = nat.equals("RO") || nat.equals("BG");
            Customer mule = bank.open(Names.person(r, nat), controller.town(), PartyType.PERSON);
            bank.profile(ProfileFactory.person(bank, mule, 2000 + r.nextInt(7), nat,
                    Names.pick(r, List.of("student", "waiter", "unemployed", "cleaner")), 500 + r.nextInt(400),
                    eu ? ResidencePermit.EU_OR_NONE : Names.pick(r, List.of(ResidencePermit.STUDENT, ResidencePermit.VISITOR,
                            ResidencePermit.WORK)), bank.date(0).minusDays(3 + r.nextInt(40)))
                    .setDeviceIds(List.of(mule.device(), controller.device())).build());
            bank.label(mule, Typology.FORCED_CRIMINALITY, RoleHint.POSSIBLE_VICTIM);
            accounts.add(mule);
        }
        for (int m = 0; m < accounts.size(); m++) {
            mule(accounts.get(m), controller, bank.random("mule", index * 10 + m));
        }
        Counterparty abroad = bank.external(Names.person(r, controllerNat), Names.pick(r, List.of("TR", "AE", "GB")),
                PartyType.PERSON);
        for (int day = 6 + r.nextInt(5); day < bank.days(); day += 7 + r.nextInt(6)) {
            tx.transferOut(controller, bank.at(day, 11, r.nextInt(240)), 1500 + 100 * r.nextInt(20), abroad,
                    Channel.SWIFT_TRANSFER).reference(Names.pick(r, List.of("Car purchase", "Loan", "Services"))).book();
        }
        for (int day = 0; day < bank.days(); day++) {
            if (r.nextInt(4) == 0) {
                tx.card(controller, bank.at(day, 20, r.nextInt(120)), 30 + r.nextInt(150), Shops.restaurant(controller.town(), r))
                        .book();
            }
            if (r.nextInt(6) == 0) {
                tx.card(controller, bank.at(day, 12, r.nextInt(300)), 20 + r.nextInt(80), Shops.grocery(controller.town(), r))
                        .book();
            }
        }
    }

    /** Active every few days: many unrelated payers, then emptied by cash or a transfer to the controller. */
    private void mule(Customer m, Customer controller, Random r) {
        int start = r.nextInt(10);
        for (int day = start; day < bank.days(); day += (subtle ? 4 : 2) + r.nextInt(4)) {
            int payers = subtle ? 2 + r.nextInt(3) : 3 + r.nextInt(5);
            double in = 0;
            for (int k = 0; k < payers; k++) {
                Counterparty victim = bank.external(Names.person(r, Names.pick(r, List.of("CY", "GR", "GB", "DE"))),
                        Names.pick(r, List.of("CY", "CY", "GR", "DE")), PartyType.PERSON);
                double amount = 150 + 10 * r.nextInt(subtle ? 40 : 80);
                in += amount;
                tx.transferIn(m, bank.at(day, 8 + r.nextInt(8), r.nextInt(60)), amount, victim,
                        Names.pick(r, List.of(Channel.INSTANT_PAYMENT, Channel.SEPA_TRANSFER, Channel.DOMESTIC_TRANSFER)))
                        .reference(Names.pick(r, List.of("Order", "Deposit for rental", "Invoice", "Payment", ""))).book();
            }
            double out = Math.floor(in * (subtle ? 0.75 + r.nextDouble() * 0.15 : 0.92 + r.nextDouble() * 0.07));
            int lag = subtle && r.nextBoolean() ? 1 : 0;
            if (r.nextBoolean()) {
                tx.internal(m, controller, bank.at(day + lag, 17 + r.nextInt(4), r.nextInt(60)), out)
                        .device(controller.device()).reference(Names.pick(r, List.of("loan back", "rent", ""))).book();
            } else {
                double left = out;
                int atm = 1 + r.nextInt(Town.ATMS_PER_TOWN);
                while (left >= 20) {
                    double cash = Math.min(left, 500);
                    cash -= cash % 20;
                    tx.atmWithdrawal(m, bank.at(day + lag, 17 + r.nextInt(5), r.nextInt(60)), cash, m.town(), atm).book();
                    left -= cash;
                    if (cash < 20) {
                        break;
                    }
                }
            }
        }
        for (int day = 0; day < bank.days(); day += 3 + r.nextInt(5)) {
            tx.card(m, bank.at(day, 13, r.nextInt(300)), 4 + r.nextInt(20), Shops.cafe(m.town(), r)).book();
        }
    }
}
