package org.htscreen.core.history;

/**
 * Facts about a transaction found at ingest from the reference data (keyword dictionary, merchant and payee
 * lists) and kept as bits on its {@link org.htscreen.avro.HistoryEntry}.
 */
public enum EntryFlag {
    /** Reference text or counterparty name contains an escort-related term. */
    ESCORT_TEXT,
    /** Reference text shows an alias in brackets next to an e-mail or phone alias. */
    ALIAS_IN_BRACKETS,
    /** Reference says family, gift, loan, tuition, living expenses, consulting or travel. */
    VAGUE_PURPOSE,
    /** Reference mentions rent. */
    RENT_TEXT,
    /** Reference mentions marriage or civil-marriage documents. */
    MARRIAGE_TEXT,
    /** Salary: purpose code SALA or a salary term in the reference. */
    SALARY,
    /** State benefit: purpose code BENE or a benefit payer. */
    BENEFIT,
    /** Merchant on the adult/escort advert list. */
    ADULT_MERCHANT,
    /** Payee is the social-insurance fund. */
    SOCIAL_INSURANCE,
    /** Payee is the tax department (PAYE). */
    TAX,
    /** Payee is a municipality. */
    MUNICIPALITY,
    /** Payee is the migration department or another permit/visa authority. */
    MIGRATION_AUTHORITY,
    /** Counterparty is a licensed employment agency. */
    LICENSED_AGENCY,
    /** Reference mentions recruitment or placement fees. */
    RECRUITMENT_TEXT,
    /** A utility, rent or insurance payment: the ordinary costs of a life. */
    LIVING_COST;

    /** The bit of this flag. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether a flag set holds this flag. */
    public boolean in(int flags) {
        return (flags & bit()) != 0;
    }
}
