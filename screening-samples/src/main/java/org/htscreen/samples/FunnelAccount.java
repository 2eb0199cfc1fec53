package org.htscreen.samples;

import java.util.Random;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * A funnel account in the name of a low-paid cleaner: every two or three days cash is paid in at ATMs or the
 * branch in Limassol and taken out at a branch in Paphos or Nicosia a few hours later, so the account is kept
 * empty while far more money passes through it than the declared income explains. The holder looks like a
 * victim whose account is used by others.
 */
final class FunnelAccount {

    private static final Town[] OUT = {Town.PAPHOS, Town.NICOSIA};

    private final Bank bank;
    private final int index;
    private final TransactionFactory tx;

    FunnelAccount(Bank bank, int index) {
        this.bank = bank;
        this.index = index;
        this.tx = bank.tx();
    }

    void plant() {
        Random r = bank.random("funnel", index);
        Customer c = bank.open(Names.person(r, "BG"), Town.LIMASSOL, PartyType.PERSON);
        bank.profile(ProfileFactory.person(bank, c, 1990 + r.nextInt(8), "BG", "cleaner", 1100,
                ResidencePermit.EU_OR_NONE, bank.date(0).minusDays(400 + r.nextInt(300))).build());
        bank.label(c, Typology.GENERAL_LAUNDERING, RoleHint.POSSIBLE_VICTIM);
        int pair = 0;
        for (int day = 1 + r.nextInt(2); day < bank.days(); day += 2 + r.nextInt(2)) {
            double in = 1800 + 50 * r.nextInt(35);
            int minute = 10 * 60 + r.nextInt(5 * 60);
            var deposit = r.nextInt(3) == 0 ? tx.branchDeposit(c, bank.at(day, minute), in, c.town())
                    : tx.atmDeposit(c, bank.at(day, minute), in, c.town(), 1 + r.nextInt(3));
            deposit.book();
            Town out = OUT[pair++ % OUT.length];
            tx.branchWithdrawal(c, bank.at(day, minute + 120 + r.nextInt(300)), Math.floor(in * (0.9 + r.nextDouble() * 0.07)),
                    out).book();
            if (r.nextInt(3) == 0) {
                tx.card(c, bank.at(day + 1, 8, r.nextInt(120)), 3 + r.nextInt(8), Shops.cafe(c.town(), r)).book();
            }
        }
        for (int d : bank.monthly(15)) {
            tx.online(c, bank.at(d, 20, r.nextInt(60)), 10, Shops.CYTA_PREPAID).book();
        }
    }
}
