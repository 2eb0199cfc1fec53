package org.htscreen.workbench;

import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;

/**
 * What a backtest keeps of an alert to count and compare: account, typology, role hint, triggering transaction,
 * event time, score and the contributing rules.
 */
public record AlertRow(String accountId, Typology typology, RoleHint role, String triggeringTxId, long eventTime,
        double score, List<String> ruleIds) {

    public static AlertRow of(Alert a) {
        List<String> rules = a.getSignals().stream().map(Signal::getRuleId).distinct().sorted().toList();
        return new AlertRow(a.getAccountId(), a.getTypology(), a.getRoleHint(), a.getTriggeringTxId(),
                a.getEventTime().toEpochMilli(), a.getScore(), rules);
    }

    /** Identity of an alert across rule or parameter versions (the alert id includes the versions). */
    public String key() {
        return accountId + "|" + typology + "|" + triggeringTxId;
    }
}
