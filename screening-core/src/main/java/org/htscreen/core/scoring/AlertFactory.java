package org.htscreen.core.scoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RoleSide;
import org.htscreen.core.rules.SignalSink;

/** Builds explainable {@link Alert}s from passing typology scores. */
public final class AlertFactory {

    private final Catalogue catalogue;

    public AlertFactory(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Builds the alert.
     *
     * @param windowStart start of the signal window, epoch ms
     * @param now         event time of the triggering transaction, epoch ms
     */
    public Alert build(String accountId, String partyId, TypologyScore score, String triggeringTxId, long windowStart,
            long now, String ruleSetVersion, String parameterSetVersion, long processingTime) {
        return build(accountId, partyId, score, List.of(), score.contributing(), triggeringTxId, windowStart, now,
                ruleSetVersion, parameterSetVersion, processingTime);
    }

    /**
     * Builds the one alert of an account and episode: the leading typology's score, the other typologies that
     * passed with it, and the role hint settled on the account's active signals (all typologies), with its reason.
     *
     * @param others         typologies that passed together with the leading one
     * @param accountSignals the account's active signals that count (every enabled rule), for the role hint
     */
    public Alert build(String accountId, String partyId, TypologyScore score, List<org.htscreen.avro.Typology> others,
            List<Signal> accountSignals, String triggeringTxId, long windowStart, long now, String ruleSetVersion,
            String parameterSetVersion, long processingTime) {
        RoleVerdict verdict = roleVerdict(accountSignals);
        RoleHint role = verdict.role();
        String id = UUID.nameUUIDFromBytes(String.join("|", accountId, score.typology().name(), triggeringTxId,
                ruleSetVersion, parameterSetVersion).getBytes(StandardCharsets.UTF_8)).toString();
        return Alert.newBuilder()
                .setAlertId(id)
                .setAccountId(accountId)
                .setPartyId(partyId)
                .setRoleHint(role)
                .setTypology(score.typology().typology())
                .setOtherTypologies(new ArrayList<>(others))
                .setRoleReason(verdict.reason())
                .setScore(round(score.score()))
                .setThreshold(score.threshold())
                .setSummary(summary(accountId, role, score, others))
                .setSignals(new ArrayList<>(score.contributing()))
                .setTriggeringTxId(triggeringTxId)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(now))
                .setRuleSetVersion(ruleSetVersion)
                .setParameterSetVersion(parameterSetVersion)
                .setEventTime(Instant.ofEpochMilli(now))
                .setProcessingTime(Instant.ofEpochMilli(processingTime))
                .build();
    }

    /** Weighted vote of the contributing rules' role sides; a tie or only "either" rules give UNKNOWN. */
    RoleHint roleHint(List<Signal> contributing) {
        return roleVerdict(contributing).role();
    }

    /** A role hint and why. */
    record RoleVerdict(RoleHint role, String reason) {
    }

    /**
     * Weighted vote of the rules' role sides over the given signals, each signal counting with its rule's largest
     * typology weight (so that the vote does not depend on which typology is alerted); a tie or only "either" rules
     * give UNKNOWN. The reason names the rules on each side.
     */
    RoleVerdict roleVerdict(List<Signal> signals) {
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
        RoleHint role = Math.abs(controller - victim) < 1e-9 ? RoleHint.UNKNOWN
                : controller > victim ? RoleHint.SUSPECTED_CONTROLLER : RoleHint.POSSIBLE_VICTIM;
        String reason = String.format(Locale.ROOT, "controller-side indicators %s (weight %s) against victim-side %s "
                + "(weight %s), over all the account's active signals", cRules.isEmpty() ? "none" : String.join(", ", cRules),
                SignalSink.format(round(controller)), vRules.isEmpty() ? "none" : String.join(", ", vRules),
                SignalSink.format(round(victim)));
        return new RoleVerdict(role, reason);
    }

    private static String summary(String accountId, RoleHint role, TypologyScore score,
            List<org.htscreen.avro.Typology> others) {
        List<String> parts = new ArrayList<>();
        for (Signal s : score.contributing()) {
            parts.add(s.getTitle().toLowerCase(Locale.ROOT) + " (" + s.getRuleId() + ")");
        }
        String who = switch (role) {
            case SUSPECTED_CONTROLLER -> "suspected controller";
            case POSSIBLE_VICTIM -> "possible victim";
            default -> "role unclear";
        };
        return "Account " + accountId + " shows red flags of " + score.typology().words() + " (" + who + "): "
                + String.join("; ", parts) + ". Score " + SignalSink.format(round(score.score())) + " against threshold "
                + SignalSink.format(score.threshold()) + ", " + score.families().size() + " indicator families."
                + (others.isEmpty() ? "" : " Also passing on these signals: " + String.join(", ", others.stream()
                        .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList()) + ".");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
