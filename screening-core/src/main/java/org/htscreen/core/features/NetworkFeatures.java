package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.network.IdentifierKind;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the NET family (HT-NET-01, 03, 05): identifiers of the holder shared with other customers, rent
 * and municipality payments for several properties, and signs that someone else runs the account (many
 * devices on it, or a registered device shared by several customers).
 *
 * <p>Findings that last (a shared identifier) are reported on the account's first transaction after the finding
 * and again on the first transaction of each later signal window ({@code engine.signal_window_days}), so the
 * signal stays active while the finding holds without being raised on every transaction.
 *
 * <p>Only the cheap flags about the screened transaction and the holder are computed up front; each group (the
 * identifier findings, the property payments, the devices) is computed on first access to one of its getters.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class NetworkFeatures {

    /** Keyword class of NACE divisions of real-estate businesses (reference/keywords.yaml). */
    static final String REAL_ESTATE_SECTORS = "sector_real_estate";
    /** Engine parameter: how long a signal counts towards a score. */
    static final String SIGNAL_WINDOW = Catalogue.ENGINE + ".signal_window_days";

    private int sharedAddressParties;
    private int sharedPhoneParties;
    private int sharedEmailParties;
    private boolean sharedIdentifierDue;

    private boolean propertyBusiness;
    private boolean currentRent;
    private boolean currentMunicipality;
    private int rentLandlords;
    private int municipalities;
    private List<String> rentEvidence = List.of();
    private List<String> municipalityEvidence = List.of();

    private boolean currentDevice;
    private int accessDevices;
    private List<String> deviceEvidence = List.of();
    private int sharedDeviceParties;
    private boolean sharedDeviceDue;

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /** Computes only the flags about the screened transaction and the holder that need no scan. */
    public NetworkFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        CustomerProfile p = ctx.profile();
        propertyBusiness = p.isBusiness() && inSectorClass(ctx, p.getSector(), REAL_ESTATE_SECTORS);
        HistoryEntry c = ctx.current();
        boolean payment = !c.getCredit() && c.getCounterparty() != null;
        currentRent = payment && rentLike(ctx, c);
        currentMunicipality = payment && propertyFee(c);
        currentDevice = c.getDeviceId() != null && !c.getCredit();
    }

    private void sharedIdentifiers() {
        if (done.already(0)) {
            return;
        }
        int minAddress = ctx.params().count("HT-NET-01.min_address_parties");
        int minPhone = ctx.params().count("HT-NET-01.min_phone_parties");
        int minEmail = ctx.params().count("HT-NET-01.min_email_parties");
        int minDevice = ctx.params().count("HT-NET-05.min_device_parties");
        for (IdentifierLink l : ctx.links()) {
            if (l.getTime() > ctx.now()) {
                continue;
            }
            IdentifierKind kind = kind(l);
            if (kind == null) {
                continue;
            }
            int parties = l.getPartyCount();
            boolean due = firstInPeriod(ctx, l.getTime());
            switch (kind) {
                case ADDRESS -> {
                    sharedAddressParties = Math.max(sharedAddressParties, parties);
                    sharedIdentifierDue |= due && parties >= minAddress;
                }
                case PHONE -> {
                    sharedPhoneParties = Math.max(sharedPhoneParties, parties);
                    sharedIdentifierDue |= due && parties >= minPhone;
                }
                case EMAIL -> {
                    sharedEmailParties = Math.max(sharedEmailParties, parties);
                    sharedIdentifierDue |= due && parties >= minEmail;
                }
                case DEVICE -> {
                    sharedDeviceParties = Math.max(sharedDeviceParties, parties);
                    sharedDeviceDue |= due && parties >= minDevice;
                }
            }
        }
    }

    private static IdentifierKind kind(IdentifierLink l) {
        try {
            return IdentifierKind.valueOf(l.getKind());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether the screened transaction is the account's first one in the current period of a lasting finding:
     * periods are {@code engine.signal_window_days} long and start at the finding's time. Findings made after
     * the screened transaction's event time do not count.
     */
    static boolean firstInPeriod(FeatureContext ctx, long findingTime) {
        long now = ctx.now();
        if (findingTime > now) {
            return false;
        }
        long period = Math.max(1, ctx.params().daysMillis(SIGNAL_WINDOW));
        long periodStart = findingTime + (now - findingTime) / period * period;
        HistoryEntry current = ctx.current();
        List<HistoryEntry> all = ctx.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            HistoryEntry e = all.get(i);
            if (e.getTime() < periodStart) {
                return true;
            }
            if (AccountHistory.ORDER.compare(e, current) < 0) {
                return false;
            }
        }
        return true;
    }

    private void properties() {
        if (done.already(1)) {
            return;
        }
        Set<String> landlords = new HashSet<>();
        Set<String> towns = new HashSet<>();
        List<HistoryEntry> rents = new ArrayList<>();
        List<HistoryEntry> fees = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-NET-03.window_days")) {
            if (e.getCredit() || e.getCounterparty() == null) {
                continue;
            }
            if (rentLike(ctx, e)) {
                landlords.add(e.getCounterparty());
                rents.add(e);
            }
            if (propertyFee(e)) {
                towns.add(e.getCounterparty());
                fees.add(e);
            }
        }
        rentLandlords = landlords.size();
        municipalities = towns.size();
        rentEvidence = FeatureContext.evidence(rents);
        municipalityEvidence = FeatureContext.evidence(fees);
    }

    /**
     * A municipal fee that may be property tax or a utility: civil-marriage fees (marriage in the reference) are
     * evidence for the sham-marriage rules, not for rented properties.
     */
    private static boolean propertyFee(HistoryEntry e) {
        return FeatureContext.flag(e, EntryFlag.MUNICIPALITY) && !FeatureContext.flag(e, EntryFlag.MARRIAGE_TEXT);
    }

    /** A rent payment: the reference says rent, or the payee is a real-estate agent or manager (MCC group rentals). */
    private static boolean rentLike(FeatureContext ctx, HistoryEntry e) {
        return FeatureContext.flag(e, EntryFlag.RENT_TEXT) || ctx.mcc(e, "rentals");
    }

    /**
     * Whether a NACE code falls in a keyword class of NACE divisions; only the division (the digits before the
     * first dot) is compared, so that "56" covers 56.10 and 56.30 but never matches inside another code.
     */
    static boolean inSectorClass(FeatureContext ctx, String nace, String keywordClass) {
        if (nace == null || nace.isBlank()) {
            return false;
        }
        String trimmed = nace.trim();
        int dot = trimmed.indexOf('.');
        String division = dot < 0 ? trimmed : trimmed.substring(0, dot);
        return ctx.ref().keywordClasses(division).contains(keywordClass);
    }

    private void devicesOnAccount() {
        if (done.already(2)) {
            return;
        }
        CustomerProfile p = ctx.profile();
        Set<String> registered = p.isKnown() ? new HashSet<>(p.raw().getDeviceIds()) : Set.of();
        Set<String> foreign = new HashSet<>();
        boolean ownUsed = false;
        List<HistoryEntry> used = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-NET-05.window_days")) {
            String d = e.getDeviceId();
            if (d == null || e.getCredit()) {
                continue;   // a credit carries the payer's device: not access to this account
            }
            used.add(e);
            if (registered.contains(d)) {
                ownUsed = true;
            } else {
                foreign.add(d);
            }
        }
        accessDevices = foreign.size() + (ownUsed ? 1 : 0);
        deviceEvidence = FeatureContext.evidence(used);
    }

    /** Most customers sharing the holder's address, over the address findings of the account. */
    public int getSharedAddressParties() { sharedIdentifiers(); return sharedAddressParties; }
    /** Most customers sharing the holder's phone number. */
    public int getSharedPhoneParties() { sharedIdentifiers(); return sharedPhoneParties; }
    /** Most customers sharing the holder's e-mail address. */
    public int getSharedEmailParties() { sharedIdentifiers(); return sharedEmailParties; }
    /** An address, phone or e-mail finding at its threshold is due to be reported on this transaction. */
    public boolean isSharedIdentifierDue() { sharedIdentifiers(); return sharedIdentifierDue; }

    /** The holder is a real-estate business (paying landlords and municipalities is its trade). */
    public boolean isPropertyBusiness() { return propertyBusiness; }
    /** The screened transaction is a rent payment. */
    public boolean isCurrentRent() { return currentRent; }
    /** The screened transaction is a payment to a municipality. */
    public boolean isCurrentMunicipality() { return currentMunicipality; }
    /** Distinct payees of rent payments in the window. */
    public int getRentLandlords() { properties(); return rentLandlords; }
    /** Distinct municipalities paid in the window. */
    public int getMunicipalities() { properties(); return municipalities; }
    public List<String> getRentEvidence() { properties(); return rentEvidence; }
    public List<String> getMunicipalityEvidence() { properties(); return municipalityEvidence; }

    /** The screened transaction was made from an e-banking or mobile device. */
    public boolean isCurrentDevice() { return currentDevice; }
    /** Devices used on the account in the window; the holder's registered devices count as one. */
    public int getAccessDevices() { devicesOnAccount(); return accessDevices; }
    public List<String> getDeviceEvidence() { devicesOnAccount(); return deviceEvidence; }
    /** Most customers sharing one of the holder's registered devices. */
    public int getSharedDeviceParties() { sharedIdentifiers(); return sharedDeviceParties; }
    /** A shared-device finding at its threshold is due to be reported on this transaction. */
    public boolean isSharedDeviceDue() { sharedIdentifiers(); return sharedDeviceDue; }
}
