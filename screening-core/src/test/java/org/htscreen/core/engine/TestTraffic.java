package org.htscreen.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Tx;

/** Small benign traffic for engine tests. */
final class TestTraffic {

    private TestTraffic() {
    }

    /** A salaried person: monthly salary, groceries, a utility bill, an occasional ATM withdrawal. */
    static List<Transaction> benignSalaryAccount(String account, int days) {
        List<Transaction> txs = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            if (d % 30 == 0) {
                txs.add(Tx.transferIn(account, 1800, "CY-EMPLOYER-1").purpose("SALA").day(d, 1).build());
                txs.add(Tx.card(account, 85, "4900", "EAC Electricity").day(d, 3).build());
            }
            txs.add(Tx.card(account, 20 + d % 7, "5411", "Supermarket").day(d, 8).merchantCity("Nicosia").build());
            if (d % 6 == 0) {
                txs.add(Tx.atmWithdrawal(account, 60).day(d, 9).terminal("BANK-ATM-N1", "Nicosia").build());
            }
        }
        return txs;
    }
}
