package org.htscreen.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.RecordSource;

/**
 * The input of a backtest: transaction files (read in the order given) and party-profile files (all read before
 * the first transaction, upserted in {@code updatedAt} order).
 *
 * @param transactions transaction files
 * @param profiles     party-profile files (may be empty)
 * @param format       format of every file, or null to tell it from each name
 */
public record Dataset(List<Path> transactions, List<Path> profiles, Format format) {

    public Dataset {
        transactions = List.copyOf(transactions);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /** Every profile, sorted by {@code updatedAt} (stable: file order among equals). */
    public List<PartyProfile> readProfiles(ErrorPolicy errors) {
        List<PartyProfile> out = new ArrayList<>();
        for (Path p : profiles) {
            try (RecordSource<PartyProfile> src = RecordSource.open(p, format, PartyProfile.getClassSchema(), errors)) {
                PartyProfile r;
                while ((r = src.next()) != null) {
                    out.add(r);
                }
            }
        }
        out.sort(Comparator.comparing(PartyProfile::getUpdatedAt));
        return out;
    }

    /** Opens one transaction file. */
    public RecordSource<Transaction> open(Path file, ErrorPolicy errors) {
        return RecordSource.open(file, format, Transaction.getClassSchema(), errors);
    }

    /** Total size of the transaction files in bytes. */
    public long transactionBytes() {
        return RecordSource.totalBytes(transactions);
    }
}
