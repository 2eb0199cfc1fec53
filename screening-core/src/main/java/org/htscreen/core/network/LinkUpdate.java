package org.htscreen.core.network;

import org.htscreen.avro.IdentifierLink;

/**
 * A network finding to deliver to one account's state.
 *
 * @param accountId the account
 * @param link      the finding (a party count of 1 or less withdraws an earlier finding)
 */
public record LinkUpdate(String accountId, IdentifierLink link) {
}
