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
        RoleHint role = roleHint(score.contributing());
        String id = UUID.nameUUIDFromBytes(String.join("|", accountId, score.typology().name(), triggeringTxId,
                ruleSetVersion, parameterSetVersion).getBytes(StandardCharsets.UTF_8)).toString();
        return Alert.newBuilder()
                .setAlertId(id)
                .setAccountId(accountId)
                .setPartyId(partyId)
                .setRoleHint(role)
                .setTypology(score.typology().typology())
                .setScore(round(score.score()))
                .setThreshold(score.threshold())
                .setSummary(summary(accountId, role, score))
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
        double controller = 0;
        double victim = 0;
        for (Signal s : contributing) {
            RoleSide side = catalogue.rule(s.getRuleId()).map(r -> r.role()).orElse(RoleSide.EITHER);
            if (side == RoleSide.CONTROLLER) {
                controller += s.getWeight();
            } else if (side == RoleSide.VICTIM) {
                victim += s.getWeight();
            }
        }
        if (Math.abs(controller - victim) < 1e-9) {
            return RoleHint.UNKNOWN;
        }
        return controller > victim ? RoleHint.SUSPECTED_CONTROLLER : RoleHint.POSSIBLE_VICTIM;
    }

    private static String summary(String accountId, RoleHint role, TypologyScore score) {
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
                + SignalSink.format(score.threshold()) + ", " + score.families().size() + " indicator families.";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
