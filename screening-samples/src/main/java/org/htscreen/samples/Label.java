package org.htscreen.samples;

import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * The ground truth of one planted account: the typology it belongs to and the holder's role in it.
 *
 * @param accountId the bank's account
 * @param typology  the exploitation typology planted on it
 * @param role      the holder's side: suspected controller (controller, facilitator, collector, beneficiary) or
 *                  possible victim
 */
public record Label(String accountId, Typology typology, RoleHint role) {
}
