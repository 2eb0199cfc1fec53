package org.htscreen.job.operators;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.AlertMark;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;

/**
 * What an account state held before one input was applied, to put it back when applying it failed: nothing of a
 * failed input stays in state. The engine replaces the signal, link and alert lists rather than changing them and
 * adds to and prunes the history list in place, so a copy of the history list (references only) and the other
 * fields' references are enough.
 */
final class StateRollback {

    private final List<HistoryEntry> history;
    private final List<Signal> signals;
    private final PartyProfile profile;
    private final List<IdentifierLink> links;
    private final List<AlertMark> lastAlerts;
    private final long lastEventTime;

    private StateRollback(AccountState s) {
        history = new ArrayList<>(s.getHistory());
        signals = s.getSignals();
        profile = s.getProfile();
        links = s.getLinks();
        lastAlerts = s.getLastAlerts();
        lastEventTime = s.getLastEventTime();
    }

    static StateRollback of(AccountState s) {
        return new StateRollback(s);
    }

    /** Puts the state back as it was. */
    void restore(AccountState s) {
        s.setHistory(history);
        s.setSignals(signals);
        s.setProfile(profile);
        s.setLinks(links);
        s.setLastAlerts(lastAlerts);
        s.setLastEventTime(lastEventTime);
    }
}
