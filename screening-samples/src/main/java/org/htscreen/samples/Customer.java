package org.htscreen.samples;

import org.htscreen.avro.PartyType;

/**
 * A customer of the bank with one account.
 *
 * @param partyId   customer id
 * @param accountId the account
 * @param name      name on payments
 * @param town      home town (or seat of a business)
 * @param device    registered e-banking device, or null
 * @param type      PERSON or BUSINESS, as other banks' systems see the account
 */
record Customer(String partyId, String accountId, String name, Town town, String device, PartyType type) {
}
