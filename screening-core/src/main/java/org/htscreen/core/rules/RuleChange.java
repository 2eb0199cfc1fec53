package org.htscreen.core.rules;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RuleDefinition;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.params.Parameters;

/**
 * What a rule-set or parameter update changes against the version in force: rules added, removed, switched off
 * and on, parameter values changed, and typologies left without any rule. Used to log every accepted change and to
 * spot an update that would blind screening silently.
 *
 * @param added      rules in the new catalogue only
 * @param removed    rules in the old catalogue only
 * @param disabled   rules on before that are off (or gone, or in shadow) after: a live rule switched to
 *                   {@code mode: shadow} no longer counts, so it is switched off as far as screening goes
 * @param enabled    rules off (or absent, or in shadow) before that are on after: a shadow rule going live is
 *                   switched on, never a switch-off
 * @param changed    parameter values that differ (rules' own enabled flags excluded)
 * @param blinded    typologies with a rule on before and none after
 * @param enabledBefore rules on before
 * @param shadowed   live rules before that are in shadow after (also in {@code disabled})
 */
public record RuleChange(Set<String> added, Set<String> removed, Set<String> disabled, Set<String> enabled,
        int changed, Set<TypologyCode> blinded, int enabledBefore, Set<String> shadowed) {

    /** Compares the version in force with a candidate. */
    public static RuleChange between(Catalogue oldCatalogue, Parameters oldParams, Catalogue newCatalogue,
            Parameters newParams) {
        Set<String> added = new TreeSet<>(newCatalogue.rules().keySet());
        added.removeAll(oldCatalogue.rules().keySet());
        Set<String> removed = new TreeSet<>(oldCatalogue.rules().keySet());
        removed.removeAll(newCatalogue.rules().keySet());
        Set<String> disabled = new TreeSet<>();
        Set<String> enabled = new TreeSet<>();
        Set<String> shadowed = new TreeSet<>();
        int before = 0;
        for (String id : oldCatalogue.rules().keySet()) {
            boolean wasOn = on(oldCatalogue, oldParams, id);
            boolean isOn = on(newCatalogue, newParams, id);
            before += wasOn ? 1 : 0;
            if (wasOn && !isOn) {
                disabled.add(id);
                if (newCatalogue.rule(id).map(r -> !r.live()).orElse(false)) {
                    shadowed.add(id);
                }
            }
        }
        for (String id : newCatalogue.rules().keySet()) {
            if (!on(oldCatalogue, oldParams, id) && on(newCatalogue, newParams, id)) {
                enabled.add(id);
            }
        }
        int changed = 0;
        for (Map.Entry<String, Object> e : newParams.asMap().entrySet()) {
            if (!e.getKey().endsWith(".enabled") && !Objects.equals(e.getValue(), oldParams.asMap().get(e.getKey()))) {
                changed++;
            }
        }
        Set<TypologyCode> blinded = new TreeSet<>();
        for (TypologyCode t : TypologyCode.values()) {
            if (anyOn(oldCatalogue, oldParams, t) && !anyOn(newCatalogue, newParams, t)) {
                blinded.add(t);
            }
        }
        return new RuleChange(added, removed, disabled, enabled, changed, blinded, before, shadowed);
    }

    /** Whether a rule counts for screening: in the catalogue, live and enabled. */
    private static boolean on(Catalogue c, Parameters p, String id) {
        return c.rule(id).map(RuleDefinition::live).orElse(false) && p.enabled(id);
    }

    private static boolean anyOn(Catalogue c, Parameters p, TypologyCode t) {
        for (RuleDefinition r : c.rules().values()) {
            if (r.weight(t) > 0 && r.live() && p.enabled(r.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why this change could blind screening, if it could: it switches off more than {@code maxDisabledShare} of
     * the rules that were on, or every rule of a typology.
     */
    public Optional<String> blinding(double maxDisabledShare) {
        if (!blinded.isEmpty()) {
            return Optional.of("it switches off every rule of " + blinded);
        }
        if (enabledBefore > 0 && disabled.size() > maxDisabledShare * enabledBefore) {
            return Optional.of(String.format(Locale.ROOT, "it switches off %d of %d rules (more than %.0f%%)",
                    disabled.size(), enabledBefore, maxDisabledShare * 100));
        }
        return Optional.empty();
    }

    /** In words, for the log and the control result. */
    public String summary() {
        return String.format(Locale.ROOT, "%d rules added %s, %d removed %s, %d switched off %s, %d switched on %s, "
                + "%d parameter values changed%s", added.size(), added, removed.size(), removed, disabled.size(), disabled,
                enabled.size(), enabled, changed, shadowed.isEmpty() ? "" : "; put in shadow (switched off): " + shadowed);
    }
}
