package org.htscreen.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.history.HistoryList;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.reference.ReferenceData;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Window folds against the plain rescan (ADR 0020): random account histories are screened step by step, and at
 * each step every feature of every family is computed twice, once over the account's {@link HistoryList} (the
 * folds, kept from step to step) and once over a plain copy of the same entries (every group rescans its window);
 * every value must be the same, doubles to the bit (and the same when the getters are asked in the other order,
 * which takes the short ways, e.g. HT-FLOW-07's check of recent salaries only). The streams mix what a fold cannot follow: entries out of
 * order, re-sent ids, equal times, parameter and profile changes, pruning by count and size, a state read back.
 */
class WindowFoldDifferentialTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final String ACCOUNT = "ACC-1";
    private static final String[] MCCS = {"5411", "5499", "7011", "5814", "4121", "6540", "5977", "4900", "5912",
        "5999", "4814", "7523", null};
    private static final String[] PARTIES = {"P1", "P2", "P3", "P4", "P5", "OWN-2", "EMP-1", "EMP-2", null};
    private static final String[] TOWNS = {"Limassol", "Nicosia", "Paphos", null};
    private static final String[] COUNTRIES = {"CY", "GR", "NG", "RO", null};
    private static final EntryFlag[] FLAGS = EntryFlag.values();

    /** What a stream mixes in besides appends in time order. */
    enum Stream {
        IN_ORDER, OUT_OF_ORDER, DUPLICATE_IDS, EQUAL_TIMES, PARAMETER_CHANGE, PROFILE_CHANGE, PRUNED_BY_COUNT,
        PRUNED_BY_SIZE, READ_BACK, EVERYTHING
    }

    private static final ReferenceData REF = RuleHarness.rules().ruleSet().reference();
    private static final Parameters DEFAULTS = Parameters.defaults(RuleHarness.catalogue());
    private static final Parameters SHORT_WINDOWS = overrides("short", Map.of(
            "HT-SPEND-16.window_days", 30, "HT-KYC-01.window_days", 7, "HT-KYC-03.window_days", 30,
            "HT-CASH-08.window_days", 3));
    /** The same values as the defaults in another object: folds may stay. */
    private static final Parameters DEFAULTS_AGAIN = overrides("again", Map.of());

    @ParameterizedTest
    @EnumSource(Stream.class)
    void every_feature_is_the_same_with_folds_as_with_a_rescan(Stream stream) {
        for (long seed = 1; seed <= 3; seed++) {
            run(stream, seed, 400);
        }
    }

    @Test
    void in_time_order_a_fold_is_built_once_and_then_follows() {
        AccountState state = run(Stream.IN_ORDER, 42, 600);
        HistoryList h = (HistoryList) state.getHistory();
        WindowFolds folds = (WindowFolds) h.derived();
        for (int slot = 0; slot < WindowFolds.SLOTS; slot++) {
            WindowFold f = folds.fold(slot);
            assertTrue(f != null, "fold in slot " + slot + " was used");
            assertEquals(1, f.rebuilds(), "rebuilds of the fold in slot " + slot);
        }
    }

    @Test
    void a_new_profile_record_remakes_the_folds_that_read_it() {
        AccountState state = AccountScreener.newState(ACCOUNT);
        PartyProfile alone = Profiles.person("PARTY-1", ACCOUNT, 1_800).build();
        PartyProfile withSavings = PartyProfile.newBuilder(alone).setAccountIds(List.of(ACCOUNT, "OWN-2")).build();
        long t = 1_770_000_000_000L;
        HistoryEntry fromSavings = entry(new Random(1), "tx-1", t);
        fromSavings.setCredit(true);
        fromSavings.setCounterparty("OWN-2");
        fromSavings.setFlags(0);
        fromSavings.setAmountEur(1_000);
        HistoryEntry later = entry(new Random(2), "tx-2", t + DAY);
        later.setCredit(false);
        AccountHistory.add(state, fromSavings);
        AccountHistory.add(state, later);
        double[] inflow = new double[2];
        int i = 0;
        for (PartyProfile p : List.of(alone, withSavings)) {
            FeatureContext ctx = new FeatureContext(state.getHistory(), later, DEFAULTS, REF,
                    new CustomerProfile(p, later.getTime()), List.of());
            inflow[i++] = new KycFeatures(ctx).getInflow();
            compare(Stream.PROFILE_CHANGE, 0, i, state, later, DEFAULTS, new CustomerProfile(p, later.getTime()));
        }
        assertTrue(inflow[0] >= fromSavings.getAmountEur(), "a credit from another party's account is inflow");
        assertTrue(inflow[1] < fromSavings.getAmountEur(), "a credit from the holder's own account is not");
    }

    /** Screens a random stream; returns the account's state at the end. */
    private static AccountState run(Stream stream, long seed, int steps) {
        Random rnd = new Random(seed * 31 + stream.ordinal());
        AccountState state = AccountScreener.newState(ACCOUNT);
        PartyProfile person = Profiles.person("PARTY-1", ACCOUNT, 1_800).build();
        PartyProfile business = Profiles.business("PARTY-1", ACCOUNT, "56.10", 30_000).build();
        business.setAccountIds(List.of(ACCOUNT, "OWN-2"));
        PartyProfile profile = stream == Stream.PROFILE_CHANGE || stream == Stream.EVERYTHING ? person : business;
        Parameters params = DEFAULTS;
        long time = 1_770_000_000_000L;
        List<HistoryEntry> sent = new ArrayList<>();
        boolean mixed = stream == Stream.EVERYTHING;
        for (int step = 0; step < steps; step++) {
            time += gap(rnd, stream == Stream.EQUAL_TIMES || mixed);
            HistoryEntry e = entry(rnd, "tx-" + step, time);
            if ((stream == Stream.OUT_OF_ORDER || mixed) && rnd.nextInt(8) == 0) {
                e.setTime(time - (long) (rnd.nextDouble() * 40 * DAY));
            }
            if ((stream == Stream.DUPLICATE_IDS || mixed) && !sent.isEmpty() && rnd.nextInt(10) == 0) {
                HistoryEntry earlier = sent.get(rnd.nextInt(sent.size()));
                e.setTxId(earlier.getTxId());
                if (rnd.nextBoolean()) {
                    e.setTime(earlier.getTime());   // a replay: the history ignores it
                }
            }
            if ((stream == Stream.PARAMETER_CHANGE || mixed) && rnd.nextInt(60) == 0) {
                params = params == SHORT_WINDOWS ? (rnd.nextBoolean() ? DEFAULTS : DEFAULTS_AGAIN) : SHORT_WINDOWS;
            }
            if ((stream == Stream.PROFILE_CHANGE || mixed) && rnd.nextInt(50) == 0) {
                PartyProfile next = profile.getKind() == person.getKind() ? business : person;
                profile = PartyProfile.newBuilder(next).build();   // a new object, as an update brings
            }
            if ((stream == Stream.READ_BACK || mixed) && rnd.nextInt(40) == 0) {
                state.setHistory(new ArrayList<>(state.getHistory()));   // as a state read from storage
            }
            sent.add(e);
            if (!AccountHistory.add(state, e)) {
                continue;
            }
            state.setLastEventTime(Math.max(state.getLastEventTime(), e.getTime()));
            int maxEntries = stream == Stream.PRUNED_BY_COUNT || mixed ? 25 + rnd.nextInt(20) : params.count("engine.max_history_entries");
            long maxBytes = stream == Stream.PRUNED_BY_SIZE || mixed ? 6_000 + rnd.nextInt(4_000) : 1L << 40;
            AccountHistory.prune(state, state.getLastEventTime(), params.daysMillis("engine.history_days"), maxEntries,
                    maxBytes);
            if (rnd.nextInt(5) == 0) {
                continue;   // not screened with features this time: the folds catch up later
            }
            compare(stream, seed, step, state, e, params, new CustomerProfile(profile, e.getTime()));
        }
        return state;
    }

    private static void compare(Stream stream, long seed, int step, AccountState state, HistoryEntry current,
            Parameters params, CustomerProfile profile) {
        List<HistoryEntry> history = state.getHistory();
        assertTrue(history instanceof HistoryList, "the engine keeps a HistoryList");
        FeatureContext folded = new FeatureContext(history, current, params, REF, profile, List.of());
        FeatureContext rescanned = new FeatureContext(new ArrayList<>(history), current, params, REF, profile, List.of());
        for (Function<FeatureContext, Object> calc : FamilyFeatures.CALCULATORS) {
            Object a = calc.apply(folded);
            Object b = calc.apply(rescanned);
            List<Method> getters = getters(a.getClass());
            List<Object> values = new ArrayList<>();
            for (Method m : getters) {
                Object va = invoke(m, a);
                Object vb = invoke(m, b);
                values.add(va);
                if (!java.util.Objects.equals(va, vb)) {
                    fail(stream + " seed " + seed + " step " + step + " (" + current.getTxId() + ", " + history.size()
                            + " entries): " + a.getClass().getSimpleName() + "." + m.getName() + " is " + va
                            + " with folds, " + vb + " rescanned");
                }
            }
            // the getters in the other order: flags about the screened transaction before the window groups
            Object c = calc.apply(rescanned);
            for (int i = getters.size() - 1; i >= 0; i--) {
                Object vc = invoke(getters.get(i), c);
                if (!java.util.Objects.equals(values.get(i), vc)) {
                    fail(stream + " seed " + seed + " step " + step + ": " + c.getClass().getSimpleName() + "."
                            + getters.get(i).getName() + " is " + vc + " asked first, " + values.get(i) + " asked last");
                }
            }
        }
    }

    private static List<Method> getters(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0
                        && (m.getName().startsWith("get") || m.getName().startsWith("is")))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(m + " failed", e);
        }
    }

    private static long gap(Random rnd, boolean equalTimes) {
        if (equalTimes) {   // equal times, and whole half days: entries fall on the windows' edges
            return rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(4) * 12 * 60 * MINUTE;
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(30) * MINUTE;
            case 1 -> rnd.nextInt(12 * 60) * MINUTE;
            case 2 -> rnd.nextInt(3 * 24 * 60) * MINUTE;
            default -> (long) (rnd.nextDouble() * 2 * DAY);
        };
    }

    private static HistoryEntry entry(Random rnd, String id, long time) {
        HistoryEntry e = new HistoryEntry();
        boolean credit = rnd.nextInt(3) == 0;
        Channel channel = Channel.values()[rnd.nextInt(Channel.values().length)];
        e.setTxId(id);
        e.setTime(time);
        e.setLocalDay((int) (time / DAY));
        e.setLocalMinute((int) ((time / MINUTE) % (24 * 60)));
        e.setCredit(credit);
        e.setChannel(channel);
        // amounts as FX conversions make them: not whole cents, so that sums show any change of order
        double amount = BigDecimal.valueOf(rnd.nextInt(500_000), 2).doubleValue() * (rnd.nextBoolean() ? 1 : 1.0873);
        e.setAmountEur(amount);
        e.setMcc(credit ? null : pick(rnd, MCCS));
        e.setCounterparty(pick(rnd, PARTIES));
        e.setCounterpartyType(rnd.nextBoolean() ? null : PartyType.values()[rnd.nextInt(PartyType.values().length)]);
        e.setCountry(pick(rnd, COUNTRIES));
        e.setTerminalId(rnd.nextBoolean() ? null : "T" + rnd.nextInt(6));
        e.setTown(pick(rnd, TOWNS));
        e.setWhiteLabel(rnd.nextInt(5) == 0);
        e.setConductor(rnd.nextInt(6) == 0 ? "C" + rnd.nextInt(3) : null);
        int flags = 0;
        for (EntryFlag f : FLAGS) {
            if (rnd.nextInt(9) == 0) {
                flags |= f.bit();
            }
        }
        e.setFlags(flags);
        e.setRefundOf(null);
        e.setPassenger(rnd.nextInt(10) == 0 ? "PAX " + rnd.nextInt(4) : null);
        e.setDeviceId(rnd.nextInt(4) == 0 ? "D" + rnd.nextInt(3) : null);
        return e;
    }

    private static <T> T pick(Random rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static Parameters overrides(String version, Map<String, Object> values) {
        List<ParameterOverrides.Override> list = new ArrayList<>();
        values.forEach((k, v) -> list.add(new ParameterOverrides.Override(k, v, "test")));
        return Parameters.of(RuleHarness.catalogue(), new ParameterOverrides(version, list));
    }
}
