package org.htscreen.samples;

import java.util.List;
import java.util.Map;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;

/**
 * Generated traffic: customer profiles (to upsert first), transactions (sorted by event time, then id), the
 * labels of the planted accounts and the segment of every ordinary customer. Every account of the bank without a
 * label is an ordinary customer.
 *
 * @param profiles     one profile per customer, each dated before the first transaction
 * @param transactions every transaction, sorted by event time then transaction id
 * @param labels       one label per planted account
 * @param segments     the benign segment of each ordinary customer's account (salaried, landlord, kiosk-24h, ...)
 */
public record Sample(List<PartyProfile> profiles, List<Transaction> transactions, List<Label> labels,
        Map<String, String> segments) {

    public Sample {
        profiles = List.copyOf(profiles);
        transactions = List.copyOf(transactions);
        labels = List.copyOf(labels);
        segments = Map.copyOf(segments);
    }

    /** A sample without segments. */
    public Sample(List<PartyProfile> profiles, List<Transaction> transactions, List<Label> labels) {
        this(profiles, transactions, labels, Map.of());
    }
}
