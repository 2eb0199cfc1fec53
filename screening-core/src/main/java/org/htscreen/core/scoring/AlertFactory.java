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
import org.htscreen.core.rules.SignalSink;

/** Builds explainable {@link Alert}s from passing typology scores. */
public final class AlertFactory {

    private final AccountRole roles;

    public AlertFactory(Catalogue catalogue) {
        this.roles = new AccountRole(catalogue);
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
     * passed with it, and the role hint voted on the account's active signals (all typologies), with its reason, for
     * an account whose role was not settled before.
     *
     * @param others         typologies that passed together with the leading one
     * @param accountSignals the account's active signals that count (every enabled rule), for the role hint
     */
    public Alert build(String accountId, String partyId, TypologyScore score, List<org.htscreen.avro.Typology> others,
            List<Signal> accountSignals, String triggeringTxId, long windowStart, long now, String ruleSetVersion,
            String parameterSetVersion, long processingTime) {
        return build(accountId, partyId, score, others, roles.verdict(accountSignals, null), triggeringTxId,
                windowStart, now, ruleSetVersion, parameterSetVersion, processingTime);
    }

    /**
     * Builds the one alert of an account and episode with the role hint settled for the account
     * ({@link AccountRole#verdict}).
     *
     * @param others typologies that passed together with the leading one
     * @param role   the alert's role hint and its reason
     */
    public Alert build(String accountId, String partyId, TypologyScore score, List<org.htscreen.avro.Typology> others,
            AccountRole.Verdict role, String triggeringTxId, long windowStart, long now, String ruleSetVersion,
            String parameterSetVersion, long processingTime) {
        String id = UUID.nameUUIDFromBytes(String.join("|", accountId, score.typology().name(), triggeringTxId,
                ruleSetVersion, parameterSetVersion).getBytes(StandardCharsets.UTF_8)).toString();
        return Alert.newBuilder()
                .setAlertId(id)
                .setAccountId(accountId)
                .setPartyId(partyId)
                .setRoleHint(role.role())
                .setTypology(score.typology().typology())
                .setOtherTypologies(new ArrayList<>(others))
                .setRoleReason(role.reason())
                .setScore(round(score.score()))
                .setThreshold(score.threshold())
                .setSummary(summary(accountId, role.role(), score, others))
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
