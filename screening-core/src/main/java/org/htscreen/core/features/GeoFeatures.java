package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the GEO family (HT-GEO-01): payments and travel involving victim-source or conduit countries, i.e.
 * the reference lists {@code victim_source} and {@code transit}. A country-risk context only: it never alerts
 * on its own, and the holder's nationality is not used. The window group is computed on first access.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class GeoFeatures {

    static final String VICTIM_SOURCE = "victim_source";
    static final String TRANSIT = "transit";

    private boolean currentRiskCountry;
    private int riskCountryTransactions;
    private String riskCountries = "";
    private List<String> riskCountryEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /**
     * Computes only whether the screened transaction involves a listed country; the window group is computed on
     * first access, so transactions that do not never pay for it.
     */
    public GeoFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        currentRiskCountry = involvesRiskCountry(ctx, ctx.ref(), ctx.current());
    }

    private void riskCountries() {
        if (done.already(0)) {
            return;
        }
        ReferenceData ref = ctx.ref();
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> countries = new TreeSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-GEO-01.window_days")) {
            if (involvesRiskCountry(ctx, ref, e)) {
                hits.add(e);
                countries.add(e.getCountry());
            }
        }
        riskCountryTransactions = hits.size();
        riskCountries = String.join(", ", countries);
        riskCountryEvidence = FeatureContext.evidence(hits);
    }

    /**
     * A payment to or from a counterparty in a listed country (any transfer), money or card used there in person
     * (travel: card present, cash, ATM), or a travel purchase (airline, lodging) from a merchant there. Online
     * shopping at other merchants does not count: it says nothing about travel or about the people paid.
     */
    private static boolean involvesRiskCountry(FeatureContext ctx, ReferenceData ref, HistoryEntry e) {
        String c = e.getCountry();
        if (c == null || !(ref.inCountryList(VICTIM_SOURCE, c) || ref.inCountryList(TRANSIT, c))) {
            return false;
        }
        return switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE,
                    CARD_PRESENT, CASH_BRANCH, ATM_DEPOSIT, ATM_WITHDRAWAL -> true;
            case CARD_NOT_PRESENT -> ctx.mcc(e, "airline") || ctx.mcc(e, "lodging");
            default -> false;
        };
    }

    /** The screened transaction involves a victim-source or conduit country. */
    public boolean isCurrentRiskCountry() { return currentRiskCountry; }
    /** Transactions involving those countries in the HT-GEO-01 window. */
    public int getRiskCountryTransactions() { riskCountries(); return riskCountryTransactions; }
    /** The countries involved, comma-separated. */
    public String getRiskCountries() { riskCountries(); return riskCountries; }
    public List<String> getRiskCountryEvidence() { riskCountries(); return riskCountryEvidence; }
}
