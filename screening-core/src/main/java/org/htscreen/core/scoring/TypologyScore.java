package org.htscreen.core.scoring;

import java.util.List;
import java.util.Set;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.catalogue.TypologyCode;

/**
 * The score of one typology on one account at one moment: the weighted signals that make it up.
 *
 * @param typology     the typology
 * @param score        sum of the contributing signals' weights
 * @param threshold    threshold in force
 * @param contributing signals with their weight in this typology set; empty while the score is below the threshold
 * @param families     distinct families among them
 * @param alertsAlone  whether a contributing rule may alert without a second family
 */
public record TypologyScore(TypologyCode typology, double score, double threshold, List<Signal> contributing,
        Set<Family> families, boolean alertsAlone) {

    /** Tolerance of the threshold comparison (weights are decimals). */
    public static final double EPSILON = 1e-9;

    /** Whether the score passes: at or above the threshold, with enough families or a rule that alerts alone. */
    public boolean passes(int minFamilies) {
        return score >= threshold - EPSILON && (families.size() >= minFamilies || alertsAlone);
    }
}
