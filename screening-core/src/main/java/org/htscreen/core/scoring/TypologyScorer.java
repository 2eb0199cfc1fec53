package org.htscreen.core.scoring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.catalogue.RuleDefinition;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.params.Parameters;

/**
 * Weighs an account's recent signals into typology scores: each rule's latest signal counts once, with the
 * rule's catalogue weight for the typology; the threshold per typology is the parameter
 * {@code engine.threshold_<CODE>}.
 */
public final class TypologyScorer {

    private final Catalogue catalogue;
    private final String[] thresholdKeys = new String[TypologyCode.values().length];

    public TypologyScorer(Catalogue catalogue) {
        this.catalogue = catalogue;
        for (TypologyCode t : TypologyCode.values()) {
            thresholdKeys[t.ordinal()] = Catalogue.ENGINE + ".threshold_" + t.name();
        }
    }

    /** Whether one of the signals counts towards the typology: an enabled rule with a weight in it. */
    public boolean counts(TypologyCode typology, List<Signal> signals, Parameters params) {
        for (Signal s : signals) {
            if (contributor(typology, s, params) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scores one typology over the signals (latest per rule, already inside the signal window). The weighted copies
     * of the contributing signals are made only when the score reaches the threshold: only an alert needs them.
     */
    public TypologyScore score(TypologyCode typology, List<Signal> signals, Parameters params) {
        double score = 0;
        boolean alone = false;
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (Signal s : signals) {
            RuleDefinition def = contributor(typology, s, params);
            if (def != null) {
                score += def.weight(typology);
                families.add(def.family());
                alone |= def.alertsAlone();
            }
        }
        double threshold = params.num(thresholdKeys[typology.ordinal()]);
        List<Signal> contributing = new ArrayList<>();
        if (score >= threshold - TypologyScore.EPSILON) {
            for (Signal s : signals) {
                RuleDefinition def = contributor(typology, s, params);
                if (def != null) {
                    contributing.add(Signal.newBuilder(s).setWeight(def.weight(typology)).build());
                }
            }
        }
        return new TypologyScore(typology, score, threshold, contributing, families, alone);
    }

    /**
     * The signals of enabled live rules of the catalogue (the account's signals that count at all). A shadow rule's
     * signals never count, not even those kept from before the rule was switched from live to shadow.
     */
    public List<Signal> counting(List<Signal> signals, Parameters params) {
        List<Signal> out = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            RuleDefinition def = catalogue.rule(s.getRuleId()).orElse(null);
            if (def != null && def.live() && params.enabled(def.id())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The signal's rule when it is live, enabled and weighs in the typology, else null. */
    private RuleDefinition contributor(TypologyCode typology, Signal s, Parameters params) {
        RuleDefinition def = catalogue.rule(s.getRuleId()).orElse(null);
        return def != null && def.live() && params.enabled(def.id()) && def.weight(typology) > 0 ? def : null;
    }
}
