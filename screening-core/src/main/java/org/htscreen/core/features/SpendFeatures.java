package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the SPEND family's rules HT-SPEND-01..08: adult-advert payments, accommodation volume, hotel
 * anomalies, bookings followed by cash in the same town, movement between towns and countries, transport,
 * food deliveries and appearance spending against the account's own baseline. Each window is the owning
 * rule's parameter; towns are compared ignoring case and accents. Flags about the screened transaction alone are
 * computed at construction; each window group (and each flag that needs the history) on first access.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class SpendFeatures {

    private static final String LODGING = "lodging";

    private final boolean travelOccupation;

    private final boolean currentAdvert;
    private int advertListed;
    private int advertRepeat;
    private double advertTotal;
    private List<String> advertEvidence = List.of();

    private final boolean currentLodging;
    private int lodgingCount;
    private double lodgingTotal;
    private int lodgingTowns;
    private List<String> lodgingEvidence = List.of();

    private boolean currentHotelAnomaly;
    private int doubleRoomDays;
    private int fullRefunds;
    private List<String> hotelAnomalyEvidence = List.of();

    private boolean currentBookingCash;
    private int bookingCashTowns;
    private List<String> bookingCashEvidence = List.of();

    private boolean currentNewTown;
    private boolean currentNewCountry;
    private int movementTowns;
    private int movementCountries;
    private List<String> movementEvidence = List.of();

    private final boolean currentRide;
    private int rides;
    private List<String> rideEvidence = List.of();
    private final boolean currentFlight;
    private int flightDays;
    private int passengers;
    private int passengerDays;
    private List<String> flightEvidence = List.of();

    private boolean currentBusyFoodDay;
    private int busyFoodDays;
    private List<String> foodEvidence = List.of();

    private final boolean currentAppearance;
    private double appearanceSpend;
    private int appearanceCount;
    private boolean appearanceBaselineKnown;
    private double appearanceBaseline;
    private List<String> appearanceEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /** The screened transaction could complete a hotel anomaly (necessary, not sufficient). */
    private final boolean hotelCandidate;
    /** The screened transaction could be cash after a booking in its town (necessary, not sufficient). */
    private final boolean bookingCashCandidate;
    /** The screened transaction is an online food order. */
    private final boolean currentFoodOrder;

    /**
     * Computes only what is cheap (the flags about the screened transaction itself); each window group is computed
     * on first access, so rules whose other conditions fail never pay for it.
     */
    public SpendFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        String occupation = ctx.profile().getOccupation();
        travelOccupation = ctx.ref().keywordClasses(occupation).contains("travel_occupation");
        HistoryEntry c = ctx.current();
        currentAdvert = advert(ctx, c);
        currentLodging = !c.getCredit() && ctx.mcc(c, LODGING);
        double room = ctx.params().num("HT-SPEND-03.min_room_eur");
        hotelCandidate = (!c.getCredit() && ctx.mcc(c, LODGING) && c.getAmountEur() >= room && merchantKey(c) != null)
                || (c.getCredit() && c.getRefundOf() != null);
        boolean withdrawals = ctx.params().flag("HT-SPEND-04.count_withdrawals");
        bookingCashCandidate = place(c.getTown()) != null && !(!c.getCredit() && ctx.mcc(c, LODGING))
                && (FeatureContext.cashIn(c) || (withdrawals && FeatureContext.cashOut(c)));
        currentRide = !c.getCredit() && ctx.mcc(c, "taxi");
        currentFlight = !c.getCredit() && ctx.mcc(c, "airline");
        currentFoodOrder = foodOrder(ctx, c);
        currentAppearance = appearance(ctx, c);
    }

    /**
     * Whether another history entry carries the screened transaction's id. Flags that match window entries to the
     * screened transaction by id are then decided by their group even when the screened transaction itself
     * cannot qualify.
     */
    /** A place name folded for comparison, or null. */
    private static String place(String name) {
        return name == null || name.isBlank() ? null : ReferenceData.fold(name.trim());
    }

    /** The merchant of a card payment: merchant id (kept as terminal id) or the counterparty key. */
    private static String merchantKey(HistoryEntry e) {
        return e.getTerminalId() != null ? e.getTerminalId() : e.getCounterparty();
    }


    /**
     * Whether the first card-present or cash entry in the window at the screened transaction's place (town or
     * country, folded) is the screened transaction; stops at that first entry.
     */
    private boolean firstAtPlaceIsCurrent(String windowKey, Function<HistoryEntry, String> placeOf) {
        HistoryEntry current = ctx.current();
        String key = place(placeOf.apply(current));
        if (key == null) {
            return false;
        }
        for (HistoryEntry e : ctx.windowDays(windowKey)) {
            if (located(e) && key.equals(place(placeOf.apply(e)))) {
                return ctx.hasCurrentId(e);
            }
        }
        return false;
    }

    private static boolean located(HistoryEntry e) {
        return e.getChannel() == Channel.CARD_PRESENT || FeatureContext.cashIn(e) || FeatureContext.cashOut(e);
    }

    // ---- HT-SPEND-01 ----

    private void adverts() {
        if (done.already(0)) {
            return;
        }
        double unit = ctx.params().num("HT-SPEND-01.max_unit_eur");
        Map<String, Integer> small = new HashMap<>();
        Map<String, Integer> payments = new HashMap<>();
        Map<String, Double> paid = new HashMap<>();
        List<HistoryEntry> hits = new ArrayList<>();
        int listed = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-01.window_days")) {
            if (!advert(ctx, e)) {
                continue;
            }
            hits.add(e);
            if (FeatureContext.flag(e, EntryFlag.ADULT_MERCHANT)) {
                listed++;
            }
            String m = merchantKey(e) != null ? merchantKey(e) : e.getTxId();
            payments.merge(m, 1, Integer::sum);
            paid.merge(m, e.getAmountEur(), Double::sum);
            if (e.getAmountEur() <= unit) {
                advertRepeat = Math.max(advertRepeat, small.merge(m, 1, Integer::sum));
            }
        }
        for (Map.Entry<String, Integer> m : payments.entrySet()) {
            if (m.getValue() >= 2) {
                advertTotal += paid.get(m.getKey());
            }
        }
        advertListed = listed;
        advertEvidence = FeatureContext.evidence(hits);
    }

    private static boolean advert(FeatureContext ctx, HistoryEntry e) {
        return !e.getCredit() && (FeatureContext.flag(e, EntryFlag.ADULT_MERCHANT) || ctx.mcc(e, "adult_adverts"));
    }

    // ---- HT-SPEND-02 ----

    private void lodging() {
        if (done.already(1)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> towns = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-02.window_days")) {
            if (!e.getCredit() && ctx.mcc(e, LODGING)) {
                hits.add(e);
                String town = place(e.getTown());
                if (town != null) {
                    towns.add(town);
                }
            }
        }
        lodgingCount = hits.size();
        lodgingTotal = FeatureContext.sum(hits);
        lodgingTowns = towns.size();
        lodgingEvidence = FeatureContext.evidence(hits);
    }

    // ---- HT-SPEND-03 ----

    private void hotelAnomalies() {
        if (done.already(2)) {
            return;
        }
        Parameters p = ctx.params();
        double room = p.num("HT-SPEND-03.min_room_eur");
        long refundGap = p.daysMillis("HT-SPEND-03.max_refund_days");
        long windowStart = ctx.now() - p.daysMillis("HT-SPEND-03.window_days");
        HistoryEntry current = ctx.current();
        Map<String, HistoryEntry> charges = new HashMap<>();
        Map<String, HistoryEntry> firstRoomOfDay = new HashMap<>();
        Set<String> pairedDays = new HashSet<>();
        Set<HistoryEntry> evidence = new LinkedHashSet<>();
        for (HistoryEntry e : ctx.between(windowStart - refundGap, ctx.now())) {
            boolean inWindow = e.getTime() > windowStart;
            if (!e.getCredit() && (ctx.mcc(e, LODGING) || ctx.mcc(e, "car_rental"))) {
                charges.put(e.getTxId(), e);
            }
            if (!inWindow) {
                continue;
            }
            if (!e.getCredit() && ctx.mcc(e, LODGING) && e.getAmountEur() >= room && merchantKey(e) != null) {
                String key = e.getLocalDay() + "|" + merchantKey(e);
                HistoryEntry first = firstRoomOfDay.putIfAbsent(key, e);
                if (first != null) {
                    if (pairedDays.add(key)) {
                        evidence.add(first);
                    }
                    evidence.add(e);
                    currentHotelAnomaly |= ctx.hasCurrentId(e);
                }
            } else if (e.getCredit() && e.getRefundOf() != null) {
                HistoryEntry charge = charges.get(e.getRefundOf());
                if (charge != null && Math.abs(charge.getAmountEur() - e.getAmountEur()) < 0.005
                        && e.getTime() - charge.getTime() <= refundGap && sameMerchant(charge, e)) {
                    fullRefunds++;
                    evidence.add(charge);
                    evidence.add(e);
                    currentHotelAnomaly |= ctx.hasCurrentId(e);
                }
            }
        }
        doubleRoomDays = pairedDays.size();
        hotelAnomalyEvidence = FeatureContext.evidence(new ArrayList<>(evidence));
    }

    /** The refund comes from the charged merchant, where both name one (the refund link already ties them). */
    private static boolean sameMerchant(HistoryEntry charge, HistoryEntry refund) {
        return charge.getTerminalId() == null || refund.getTerminalId() == null
                || charge.getTerminalId().equals(refund.getTerminalId());
    }

    // ---- HT-SPEND-04 ----

    private void bookingCash() {
        if (done.already(3)) {
            return;
        }
        long after = ctx.params().daysMillis("HT-SPEND-04.max_days_after");
        boolean withdrawals = ctx.params().flag("HT-SPEND-04.count_withdrawals");
        HistoryEntry current = ctx.current();
        Map<String, HistoryEntry> lastBooking = new HashMap<>();
        Set<String> towns = new HashSet<>();
        Set<HistoryEntry> evidence = new LinkedHashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-04.window_days")) {
            String town = place(e.getTown());
            if (town == null) {
                continue;
            }
            if (!e.getCredit() && ctx.mcc(e, LODGING)) {
                lastBooking.put(town, e);
            } else if (FeatureContext.cashIn(e) || (withdrawals && FeatureContext.cashOut(e))) {
                HistoryEntry booking = lastBooking.get(town);
                if (booking != null && e.getTime() - booking.getTime() <= after) {
                    towns.add(town);
                    evidence.add(booking);
                    evidence.add(e);
                    currentBookingCash |= ctx.hasCurrentId(e);
                }
            }
        }
        bookingCashTowns = towns.size();
        bookingCashEvidence = FeatureContext.evidence(new ArrayList<>(evidence));
    }

    // ---- HT-SPEND-05 ----

    private void movement() {
        if (done.already(4)) {
            return;
        }
        Map<String, HistoryEntry> firstInTown = new HashMap<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-05.town_window_days")) {
            String town = place(e.getTown());
            if (town != null && located(e)) {
                firstInTown.putIfAbsent(town, e);
            }
        }
        Map<String, HistoryEntry> firstInCountry = new HashMap<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-05.country_window_days")) {
            String country = place(e.getCountry());
            if (country != null && located(e)) {
                firstInCountry.putIfAbsent(country, e);
            }
        }
        movementTowns = firstInTown.size();
        movementCountries = firstInCountry.size();
        Set<HistoryEntry> evidence = new LinkedHashSet<>(firstInTown.values());
        evidence.addAll(firstInCountry.values());
        List<HistoryEntry> ordered = new ArrayList<>(evidence);
        ordered.sort((a, b) -> Long.compare(a.getTime(), b.getTime()));
        movementEvidence = FeatureContext.evidence(ordered);
    }

    // ---- HT-SPEND-06 ----

    private void transport() {
        if (done.already(5)) {
            return;
        }
        List<HistoryEntry> rideHits = new ArrayList<>();
        List<HistoryEntry> flights = new ArrayList<>();
        Set<Integer> days = new HashSet<>();
        Map<String, Integer> firstDayOfPassenger = new HashMap<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-06.window_days")) {
            if (e.getCredit()) {
                continue;
            }
            if (ctx.mcc(e, "taxi")) {
                rideHits.add(e);
            } else if (ctx.mcc(e, "airline")) {
                flights.add(e);
                days.add(e.getLocalDay());
                String name = place(e.getPassenger());
                if (name != null) {
                    firstDayOfPassenger.putIfAbsent(name.replaceAll("\\s+", " "), e.getLocalDay());
                }
            }
        }
        rides = rideHits.size();
        rideEvidence = FeatureContext.evidence(rideHits);
        flightDays = days.size();
        passengers = firstDayOfPassenger.size();
        passengerDays = new HashSet<>(firstDayOfPassenger.values()).size();
        flightEvidence = FeatureContext.evidence(flights);
    }

    // ---- HT-SPEND-07 ----

    private void food() {
        if (done.already(6)) {
            return;
        }
        int perDay = ctx.params().count("HT-SPEND-07.min_orders_per_day");
        double dayEur = ctx.params().num("HT-SPEND-07.min_day_eur");
        Map<Integer, List<HistoryEntry>> byDay = new HashMap<>();
        List<HistoryEntry> orders = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-07.window_days")) {
            if (foodOrder(ctx, e)) {
                orders.add(e);
                byDay.computeIfAbsent(e.getLocalDay(), d -> new ArrayList<>()).add(e);
            }
        }
        Set<Integer> busy = new HashSet<>();
        byDay.forEach((day, list) -> {
            if (list.size() >= perDay && FeatureContext.sum(list) >= dayEur) {
                busy.add(day);
            }
        });
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : orders) {
            if (busy.contains(e.getLocalDay())) {
                hits.add(e);
            }
        }
        HistoryEntry c = ctx.current();
        currentBusyFoodDay = currentFoodOrder && busy.contains(c.getLocalDay());
        busyFoodDays = busy.size();
        foodEvidence = FeatureContext.evidence(hits);
    }

    /** A food order placed online: a card-not-present payment at a fast-food or restaurant merchant. */
    private static boolean foodOrder(FeatureContext ctx, HistoryEntry e) {
        return !e.getCredit() && e.getChannel() == Channel.CARD_NOT_PRESENT
                && (ctx.mcc(e, "fast_food") || ctx.mcc(e, "restaurants"));
    }

    // ---- HT-SPEND-08 ----

    private void appearance() {
        if (done.already(7)) {
            return;
        }
        Parameters p = ctx.params();
        long window = p.daysMillis("HT-SPEND-08.window_days");
        long windowStart = ctx.now() - window;
        long baselineStart = windowStart - p.daysMillis("HT-SPEND-08.baseline_days");
        List<HistoryEntry> hits = new ArrayList<>();
        double baseline = 0;
        for (HistoryEntry e : ctx.between(baselineStart, ctx.now())) {
            if (!appearance(ctx, e)) {
                continue;
            }
            if (e.getTime() > windowStart) {
                hits.add(e);
            } else {
                baseline += e.getAmountEur();
            }
        }
        List<HistoryEntry> all = ctx.all();
        long coveredFrom = all.isEmpty() ? ctx.now() : Math.max(baselineStart, all.get(0).getTime());
        long covered = windowStart - coveredFrom;
        appearanceBaselineKnown = covered >= p.daysMillis("HT-SPEND-08.min_baseline_days");
        appearanceBaseline = appearanceBaselineKnown ? baseline * window / covered : 0;
        appearanceSpend = FeatureContext.sum(hits);
        appearanceCount = hits.size();
        appearanceEvidence = FeatureContext.evidence(hits);
    }

    private static boolean appearance(FeatureContext ctx, HistoryEntry e) {
        return !e.getCredit() && (ctx.mcc(e, "beauty") || ctx.mcc(e, "pharmacy"));
    }

    /** The holder's declared occupation means frequent travel (keyword class {@code travel_occupation}). */
    public boolean isTravelOccupation() { return travelOccupation; }

    /** The screened transaction is a payment to an adult-advert merchant (listed, or in the MCC group). */
    public boolean isCurrentAdvert() { return currentAdvert; }
    /** Payments to merchants on the adult-advert list in the window. */
    public int getAdvertListed() { adverts(); return advertListed; }
    /** Most small payments to one advert merchant in the window. */
    public int getAdvertRepeat() { adverts(); return advertRepeat; }
    /** Total paid to advert merchants paid at least twice in the window, EUR. */
    public double getAdvertTotal() { adverts(); return advertTotal; }
    public List<String> getAdvertEvidence() { adverts(); return advertEvidence; }

    /** The screened transaction is a lodging payment. */
    public boolean isCurrentLodging() { return currentLodging; }
    public int getLodgingCount() { lodging(); return lodgingCount; }
    public double getLodgingTotal() { lodging(); return lodgingTotal; }
    public int getLodgingTowns() { lodging(); return lodgingTowns; }
    public List<String> getLodgingEvidence() { lodging(); return lodgingEvidence; }

    /** The screened transaction completes a hotel anomaly (second room the same day, or a full refund). */
    public boolean isCurrentHotelAnomaly() {
        if (!hotelCandidate && !ctx.currentIdElsewhere()) {
            return false;
        }
        hotelAnomalies();
        return currentHotelAnomaly;
    }
    /** Days (per merchant) with two or more room charges at the same lodging merchant. */
    public int getDoubleRoomDays() { hotelAnomalies(); return doubleRoomDays; }
    /** Lodging or car-rental charges refunded in full within the refund limit. */
    public int getFullRefunds() { hotelAnomalies(); return fullRefunds; }
    /** Double-room days plus full refunds. */
    public int getHotelAnomalies() { hotelAnomalies(); return doubleRoomDays + fullRefunds; }
    public List<String> getHotelAnomalyEvidence() { hotelAnomalies(); return hotelAnomalyEvidence; }

    /** The screened transaction is cash in a town where lodging was booked shortly before. */
    public boolean isCurrentBookingCash() {
        if (!bookingCashCandidate && !ctx.currentIdElsewhere()) {
            return false;
        }
        bookingCash();
        return currentBookingCash;
    }
    /** Distinct towns where a lodging booking was followed by cash. */
    public int getBookingCashTowns() { bookingCash(); return bookingCashTowns; }
    public List<String> getBookingCashEvidence() { bookingCash(); return bookingCashEvidence; }

    /** The screened transaction is the first card-present or cash activity in its town within the window. */
    public boolean isCurrentNewTown() {
        if (!done.already(9)) {
            currentNewTown = firstAtPlaceIsCurrent("HT-SPEND-05.town_window_days", HistoryEntry::getTown);
        }
        return currentNewTown;
    }
    /** The screened transaction is the first card-present or cash activity in its country within the window. */
    public boolean isCurrentNewCountry() {
        if (!done.already(10)) {
            currentNewCountry = firstAtPlaceIsCurrent("HT-SPEND-05.country_window_days", HistoryEntry::getCountry);
        }
        return currentNewCountry;
    }
    public int getMovementTowns() { movement(); return movementTowns; }
    public int getMovementCountries() { movement(); return movementCountries; }
    public List<String> getMovementEvidence() { movement(); return movementEvidence; }

    /** The screened transaction is a taxi or ride-hailing payment. */
    public boolean isCurrentRide() { return currentRide; }
    public int getRides() { transport(); return rides; }
    public List<String> getRideEvidence() { transport(); return rideEvidence; }
    /** The screened transaction is an airline purchase. */
    public boolean isCurrentFlight() { return currentFlight; }
    /** Distinct local days with airline purchases. */
    public int getFlightDays() { transport(); return flightDays; }
    /** Distinct passenger names on airline purchases. */
    public int getPassengers() { transport(); return passengers; }
    /** Distinct days on which a passenger name first appeared. */
    public int getPassengerDays() { transport(); return passengerDays; }
    public List<String> getFlightEvidence() { transport(); return flightEvidence; }

    /** The screened transaction is an online food order on a busy delivery day. */
    public boolean isCurrentBusyFoodDay() {
        if (!currentFoodOrder) {
            return false;
        }
        food();
        return currentBusyFoodDay;
    }
    public int getBusyFoodDays() { food(); return busyFoodDays; }
    public List<String> getFoodEvidence() { food(); return foodEvidence; }

    /** The screened transaction is a beauty, clothing or pharmacy purchase. */
    public boolean isCurrentAppearance() { return currentAppearance; }
    public double getAppearanceSpend() { appearance(); return appearanceSpend; }
    public int getAppearanceCount() { appearance(); return appearanceCount; }
    /** The account has enough earlier history for a baseline. */
    public boolean isAppearanceBaselineKnown() { appearance(); return appearanceBaselineKnown; }
    /** Earlier appearance spending scaled to one window, EUR (0 when unknown). */
    public double getAppearanceBaseline() { appearance(); return appearanceBaseline; }
    public List<String> getAppearanceEvidence() { appearance(); return appearanceEvidence; }
}
