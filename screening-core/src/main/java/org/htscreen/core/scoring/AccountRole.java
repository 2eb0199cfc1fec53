package org.htscreen.core.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.SettledRole;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RoleSide;
import org.htscreen.core.rules.SignalSink;

/**
 * The role hint of an account's alerts, settled per account (ADR 0016 and its amendment). Each alert votes on the
 * account's active signals: the controller-side rules against the victim-side ones, each with its rule's largest
 * typology weight. The first vote that gives a role settles it for the account. A later alert keeps the settled role
 * when its own vote gives none (no role-side indicator, or a tie) or when the other side does not outweigh both the
 * settled side among the current signals and the evidence the role was settled on; when it does, the role changes
 * and is settled anew. The reason says which of these happened.
 */
public final class AccountRole {

    private static final double EPSILON = 1e-9;

    private final Catalogue catalogue;

    public AccountRole(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The weighted vote of the rules' role sides over the given signals. */
    public Vote vote(List<Signal> signals) {
        double controller = 0;
        double victim = 0;
        List<String> cRules = new ArrayList<>();
        List<String> vRules = new ArrayList<>();
        for (Signal s : signals) {
            var def = catalogue.rule(s.getRuleId()).orElse(null);
            if (def == null) {
                continue;
            }
            double w = def.typologies().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            if (def.role() == RoleSide.CONTROLLER) {
                controller += w;
                cRules.add(s.getRuleId());
            } else if (def.role() == RoleSide.VICTIM) {
                victim += w;
                vRules.add(s.getRuleId());
            }
        }
        return new Vote(controller, victim, cRules, vRules);
    }

    /**
     * The role hint of an alert on these signals, given the account's settled role.
     *
     * @param settled the account's settled role, or null when none was settled yet
     */
    public Verdict verdict(List<Signal> signals, SettledRole settled) {
        Vote vote = vote(signals);
        RoleHint voted = vote.role();
        if (settled == null) {
            return new Verdict(voted, vote.describe(), voted == RoleHint.UNKNOWN ? null : vote, null);
        }
        RoleHint kept = settled.getRole();
        if (voted == kept) {
            return new Verdict(kept, vote.describe() + "; agrees with the role settled at " + alert(settled), null,
                    settled);
        }
        String at = "settled at " + alert(settled) + " on " + side(kept) + " " + settled.getBasis();
        String settlement = at + " (weight " + weight(settled.getWeight()) + ")";
        if (voted == RoleHint.UNKNOWN) {
            String why = vote.controller() == 0 && vote.victim() == 0
                    ? "no role-side indicator among the current signals"
                    : "the current signals are balanced: " + vote.sides();
            return new Verdict(kept, words(kept) + ", " + settlement + "; " + why, null, settled);
        }
        double against = vote.weight(voted);
        double mine = vote.weight(kept);
        if (against > Math.max(mine, settled.getWeight()) + EPSILON) {
            return new Verdict(voted, String.format(Locale.ROOT, "%s, changed from %s (%s, weight %s): %s indicators %s "
                    + "(weight %s) outweigh the %s ones among the current signals, %s (weight %s), and the evidence "
                    + "the role was settled on", words(voted), words(kept), at, weight(settled.getWeight()), side(voted),
                    vote.rules(voted), weight(against), side(kept), vote.rules(kept), weight(mine)), vote, settled);
        }
        return new Verdict(kept, words(kept) + ", " + settlement + "; the " + side(voted) + " indicators among the "
                + "current signals, " + vote.rules(voted) + " (weight " + weight(against) + ") against " + side(kept)
                + " " + vote.rules(kept) + " (weight " + weight(mine) + "), do not outweigh that evidence", null, settled);
    }

    /** The role a vote found: the side with more weight; a tie (or no role-side rule) gives UNKNOWN. */
    public record Vote(double controller, double victim, List<String> controllerRules, List<String> victimRules) {

        public RoleHint role() {
            return Math.abs(controller - victim) < EPSILON ? RoleHint.UNKNOWN
                    : controller > victim ? RoleHint.SUSPECTED_CONTROLLER : RoleHint.POSSIBLE_VICTIM;
        }

        double weight(RoleHint side) {
            return side == RoleHint.SUSPECTED_CONTROLLER ? controller : victim;
        }

        String rules(RoleHint side) {
            List<String> rules = side == RoleHint.SUSPECTED_CONTROLLER ? controllerRules : victimRules;
            return rules.isEmpty() ? "none" : String.join(", ", rules);
        }

        String sides() {
            return "controller-side indicators " + rules(RoleHint.SUSPECTED_CONTROLLER) + " (weight "
                    + AccountRole.weight(controller) + ") against victim-side " + rules(RoleHint.POSSIBLE_VICTIM)
                    + " (weight " + AccountRole.weight(victim) + ")";
        }

        String describe() {
            return sides() + ", over all the account's active signals";
        }
    }

    /**
     * The role hint of one alert and why.
     *
     * @param settles the vote that settles the account's role when this alert is raised, or null when it settles
     *                nothing (the role stays settled as it was, or no role was found)
     * @param settled the role settled before this alert, or null
     */
    public record Verdict(RoleHint role, String reason, Vote settles, SettledRole settled) {

        /**
         * The account's settled role after an alert with this verdict is raised.
         *
         * @return the new settlement, the one before when it stays, or null when none was ever settled
         */
        public SettledRole settlement(Typology typology, long time) {
            if (settles == null) {
                return settled;
            }
            return SettledRole.newBuilder().setRole(role).setTypology(typology).setTime(time)
                    .setBasis(settles.rules(role)).setWeight(round(settles.weight(role))).build();
        }
    }

    /** The settling alert in words: its typology and event time (its id depends on the rule and parameter versions). */
    private static String alert(SettledRole settled) {
        return "the " + settled.getTypology().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " alert of "
                + Instant.ofEpochMilli(settled.getTime());
    }

    private static String side(RoleHint role) {
        return role == RoleHint.SUSPECTED_CONTROLLER ? "controller-side" : "victim-side";
    }

    private static String words(RoleHint role) {
        return role == RoleHint.SUSPECTED_CONTROLLER ? "suspected controller" : "possible victim";
    }

    private static String weight(double w) {
        return SignalSink.format(round(w));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
