package org.htscreen.core.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RuleDefinition;
import org.htscreen.core.catalogue.TypologyCode;

/**
 * Several typologies often pass on the same signals of one account (a mule's new-account and device signals weigh
 * in sexual exploitation, labour exploitation and forced criminality alike). One alert is raised for the account and
 * episode; it names the <em>leading</em> typology and lists the others. The leading typology is the one with the
 * most weight from rules specific to it: a rule is specific to the typologies in which it weighs most (its primary
 * typologies); ties go to the typology alerted most recently for the account (an account keeps its typology until
 * another has more specific evidence), then to the higher score against the threshold, then to the catalogue's
 * typology order.
 */
public final class Episode {

    private Episode() {
    }

    /** The leading typology among passing scores (not empty), for an account never alerted before. */
    public static TypologyScore leading(List<TypologyScore> passing, Catalogue catalogue) {
        return leading(passing, catalogue, Map.of());
    }

    /**
     * The leading typology among passing scores (not empty).
     *
     * @param lastAlerted when each typology was last alerted (or passed with an alert) for the account, epoch ms
     */
    public static TypologyScore leading(List<TypologyScore> passing, Catalogue catalogue,
            Map<TypologyCode, Long> lastAlerted) {
        return passing.stream().max(Comparator
                .comparingLong((TypologyScore s) -> Math.round(specificWeight(s, catalogue) * 1e6))   // equal to a millionth: a tie
                .thenComparingLong(s -> lastAlerted.getOrDefault(s.typology(), Long.MIN_VALUE))
                .thenComparingDouble(s -> s.score() / s.threshold())
                .thenComparing(s -> -s.typology().ordinal())).orElseThrow();
    }

    /** Weight of the score's contributing signals whose rule weighs most in the score's typology. */
    static double specificWeight(TypologyScore score, Catalogue catalogue) {
        double w = 0;
        for (Signal s : score.contributing()) {
            RuleDefinition def = catalogue.rule(s.getRuleId()).orElse(null);
            if (def != null && primary(def, score.typology())) {
                w += def.weight(score.typology());
            }
        }
        return w;
    }

    /** Whether the rule weighs at least as much in this typology as in any other. */
    static boolean primary(RuleDefinition def, TypologyCode typology) {
        double mine = def.weight(typology);
        if (mine <= 0) {
            return false;
        }
        for (Map.Entry<TypologyCode, Double> e : def.typologies().entrySet()) {
            if (e.getValue() > mine + TypologyScore.EPSILON) {
                return false;
            }
        }
        return true;
    }
}
