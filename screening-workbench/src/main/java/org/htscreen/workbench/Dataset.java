package org.htscreen.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InputProblem;
import org.htscreen.core.ProfileValidator;
import org.htscreen.workbench.io.InputError;
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

    /**
     * Every valid profile, sorted by {@code updatedAt} (stable: file order among equals). A profile the engine
     * would refuse ({@link ProfileValidator}: opening hours, caps, placeholder hashes, bounds) is a bad line.
     */
    public List<PartyProfile> readProfiles(ErrorPolicy errors) {
        ProfileValidator validator = new ProfileValidator();
        List<PartyProfile> out = new ArrayList<>();
        for (Path p : profiles) {
            try (RecordSource<PartyProfile> src = RecordSource.open(p, format, PartyProfile.getClassSchema(), errors)) {
                PartyProfile r;
                while ((r = src.next()) != null) {
                    Optional<InputProblem> problem = validator.check(r);
                    if (problem.isPresent()) {
                        errors.bad(new InputError(p.toString(), src.line(), problem.get().field(),
                                problem.get().reason()));
                        continue;
                    }
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
