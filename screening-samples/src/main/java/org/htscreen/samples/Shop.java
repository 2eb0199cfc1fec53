package org.htscreen.samples;

/**
 * A card acceptor.
 *
 * @param id      merchant id at the acquirer
 * @param name    merchant name
 * @param mcc     ISO 18245 merchant category code (from rules/reference/mcc-groups.yaml)
 * @param city    town, or null for an online merchant
 * @param country ISO country
 */
record Shop(String id, String name, String mcc, String city, String country) {

    /** A merchant in a Cyprus town. */
    static Shop in(Town town, String name, String mcc) {
        return new Shop(id(name + " " + town.city()), name + " " + town.city(), mcc, town.city(), "CY");
    }

    /** An online merchant (no town). */
    static Shop online(String name, String mcc, String country) {
        return new Shop(id(name), name, mcc, null, country);
    }

    /** A merchant abroad. */
    static Shop abroad(String name, String mcc, String city, String country) {
        return new Shop(id(name + " " + city), name, mcc, city, country);
    }

    private static String id(String name) {
        return "M-" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "-");
    }
}
