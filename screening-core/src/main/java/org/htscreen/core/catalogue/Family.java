package org.htscreen.core.catalogue;

/** Indicator families of the catalogue; an alert needs signals from several of them by default. */
public enum Family {
    CASH, FLOW, SPEND, NET, KYC, LAB, SHAM, CRIM, SMUG, GEO;

    /** The DRL file that holds this family's rules, relative to the rule-set root. */
    public String drlFile() {
        return "drl/" + name().toLowerCase(java.util.Locale.ROOT) + ".drl";
    }
}
