package org.htscreen.samples;

import java.util.List;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;

/**
 * Generated traffic: customer profiles (to upsert first), transactions (sorted by event time, then id) and the
 * labels of the planted accounts. Every account of the bank without a label is an ordinary customer.
 *
 * @param profiles     one profile per customer, each dated before the first transaction
 * @param transactions every transaction, sorted by event time then transaction id
 * @param labels       one label per planted account
 */
public record Sample(List<PartyProfile> profiles, List<Transaction> transactions, List<Label> labels) {

    public Sample {
        profiles = List.copyOf(profiles);
        transactions = List.copyOf(transactions);
        labels = List.copyOf(labels);
    }
}
