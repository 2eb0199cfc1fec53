package org.htscreen.core.testkit;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.InvalidTransactionException;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;

/** Real account states: what an engine holds after screening a sample's traffic. */
public final class SampleStates {

    private SampleStates() {
    }

    /** The state of every account with history after one engine screened the sample of {@code config}. */
    public static List<AccountState> of(SampleConfig config) {
        var sample = SampleTraffic.generate(config);
        List<AccountState> states = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().clock(() -> 0L).build()) {
            for (PartyProfile p : sample.profiles()) {
                engine.upsertProfile(p);
            }
            for (Transaction t : sample.transactions()) {
                try {
                    engine.screen(t);
                } catch (InvalidTransactionException e) {
                    // bad input of the sample: nothing kept
                }
            }
            for (String id : engine.accountIds()) {
                engine.exportState(id).filter(s -> !s.getHistory().isEmpty()).ifPresent(states::add);
            }
        }
        return states;
    }
}
