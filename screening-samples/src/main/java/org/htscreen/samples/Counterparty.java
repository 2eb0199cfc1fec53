package org.htscreen.samples;

import org.htscreen.avro.PartyType;

/**
 * A party outside the bank: an employer, landlord, supplier, payee, relative abroad or sender.
 *
 * @param accountId IBAN or account id
 * @param name      name as it appears on payments
 * @param country   ISO country of the party or its account
 * @param type      kind of party
 */
record Counterparty(String accountId, String name, String country, PartyType type) {
}
