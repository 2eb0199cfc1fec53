package org.htscreen.core.catalogue;

import org.htscreen.avro.Typology;

/** Short typology codes used in the catalogue (SEX, LAB, ...) and their Avro {@link Typology}. */
public enum TypologyCode {
    SEX(Typology.SEXUAL_EXPLOITATION, "sexual exploitation"),
    LAB(Typology.LABOUR_EXPLOITATION, "labour exploitation"),
    CRIM(Typology.FORCED_CRIMINALITY, "forced criminality"),
    SHAM(Typology.SHAM_MARRIAGE, "sham marriage"),
    SMUG(Typology.MIGRANT_SMUGGLING, "migrant smuggling"),
    GEN(Typology.GENERAL_LAUNDERING, "general laundering of trafficking proceeds");

    private final Typology typology;
    private final String words;

    TypologyCode(Typology typology, String words) {
        this.typology = typology;
        this.words = words;
    }

    public Typology typology() {
        return typology;
    }

    /** The typology in plain words. */
    public String words() {
        return words;
    }

    public static TypologyCode of(Typology typology) {
        for (TypologyCode c : values()) {
            if (c.typology == typology) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown typology " + typology);
    }
}
