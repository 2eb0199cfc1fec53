package org.htscreen.samples;

import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * The ground truth of one planted account: the typology it belongs to, the holder's role in it, the case (the
 * planted ring or network it is a member of) and the scenario variant.
 *
 * @param accountId the bank's account
 * @param typology  the exploitation typology planted on it
 * @param role      the holder's side: suspected controller (controller, facilitator, collector, beneficiary) or
 *                  possible victim
 * @param caseId    the planted case (ring, network) the account belongs to, e.g. {@code SEX-01}; every member of a
 *                  case has the same id
 * @param segment   the scenario variant, e.g. {@code sex-ring} or {@code sex-ring-subtle}
 */
public record Label(String accountId, Typology typology, RoleHint role, String caseId, String segment) {

    /** A label without case and variant. */
    public Label(String accountId, Typology typology, RoleHint role) {
        this(accountId, typology, role, null, null);
    }
}
