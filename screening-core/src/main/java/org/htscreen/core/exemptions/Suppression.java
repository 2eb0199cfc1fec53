package org.htscreen.core.exemptions;

import java.util.List;
import org.htscreen.avro.Alert;

/**
 * An alert that exemptions kept from being raised, for the host to log and audit: the alert as it would have been
 * raised without them (with its signals and evidence), and which exemptions changed it.
 *
 * @param exemptionIds        ids of the exemptions that changed the outcome
 * @param suppressed          the alert that would have been raised without exemptions
 * @param raisedAlertId       the alert raised instead, when what the exemptions do not cover still passes (it
 *                            then lacks the exempted rule's signals or typology); null when no alert was raised
 * @param exemptionSetVersion version of the exemption set in force
 */
public record Suppression(List<String> exemptionIds, Alert suppressed, String raisedAlertId, String exemptionSetVersion) {

    /** Whether no alert at all was raised (otherwise an alert without the exempted part was). */
    public boolean whole() {
        return raisedAlertId == null;
    }
}
