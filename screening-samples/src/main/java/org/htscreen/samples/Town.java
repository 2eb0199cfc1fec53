package org.htscreen.samples;

/** Cyprus towns where the sample customers live, shop and use ATMs and branches. */
enum Town {
    NICOSIA("Nicosia", "Nicosia", "NIC"),
    LIMASSOL("Limassol", "Limassol", "LIM"),
    LARNACA("Larnaca", "Larnaca", "LAR"),
    PAPHOS("Paphos", "Paphos", "PAF"),
    AYIA_NAPA("Ayia Napa", "Famagusta", "AYN");

    /** ATMs of the bank per town. */
    static final int ATMS_PER_TOWN = 6;

    private final String city;
    private final String district;
    private final String code;

    Town(String city, String district, String code) {
        this.city = city;
        this.district = district;
        this.code = code;
    }

    String city() {
        return city;
    }

    String district() {
        return district;
    }

    /** The bank's ATM number {@code n} (1-based) in this town. */
    String atm(int n) {
        return "ATM-" + code + "-" + String.format("%02d", n);
    }

    /** The bank's main branch in this town. */
    String branch() {
        return "BR-" + code + "-01";
    }

    /** Where most people live: Nicosia and Limassol weigh most. */
    static Town home(java.util.Random r) {
        int x = r.nextInt(100);
        return x < 38 ? NICOSIA : x < 68 ? LIMASSOL : x < 84 ? LARNACA : x < 96 ? PAPHOS : AYIA_NAPA;
    }
}
