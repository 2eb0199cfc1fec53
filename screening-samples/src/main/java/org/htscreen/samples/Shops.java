package org.htscreen.samples;

import java.util.List;
import java.util.Random;

/**
 * Card acceptors the sample customers pay at, with MCCs from rules/reference/mcc-groups.yaml: groceries 5411/5499,
 * restaurants 5812, fast food and cafés 5814, fuel 5541, pharmacies 5912, hair salons 7230, cosmetics 5977,
 * women's clothing 5621, lingerie 5631, parking 7523, public transport 4111, taxis 4121, telecom 4814, utilities
 * 4900, insurance 6300, furniture 5712, hardware 5200, lodging 7011, airlines 4511, education 8220, luxury 5944,
 * 5511 and 8099, car rental 7512.
 */
final class Shops {

    static final Shop FOOD_DELIVERY = Shop.online("Foody Cyprus", "5814", "CY");
    static final Shop WOLT = Shop.online("Wolt Cyprus", "5814", "CY");
    static final Shop CYTA = Shop.online("Cyta", "4814", "CY");
    static final Shop EPIC = Shop.online("Epic Mobile", "4814", "CY");
    static final Shop PRIMETEL = Shop.online("Primetel", "4814", "CY");
    static final Shop CYTA_PREPAID = Shop.online("Cyta Prepaid Top-up", "4814", "CY");
    static final Shop INSURANCE = Shop.online("Hydra Insurance", "6300", "CY");
    static final Shop AIRLINE_CY = Shop.online("Cyprus Airways", "4511", "CY");
    static final Shop AIRLINE_GR = Shop.online("Aegean Airlines", "4511", "GR");
    static final Shop AIRLINE_LOWCOST = Shop.online("Wizz Air", "4511", "HU");
    static final Shop AIRLINE_PT = Shop.online("TAP Air Portugal", "4511", "PT");
    static final Shop BUS = Shop.online("Cyprus Public Transport", "4111", "CY");

    private static final List<String> GROCERS = List.of("Alphamega", "Sklavenitis", "Lidl", "Metro Supermarket");
    private static final List<String> RESTAURANTS = List.of("Taverna Mezedes", "Meze House", "Fish Tavern",
            "Trattoria Bella", "Sushi Bar");
    private static final List<String> CAFES = List.of("Coffee Island", "Souvlaki Corner", "Costa Coffee",
            "Pita Gyros", "Bakery Zorbas");
    private static final List<String> FUEL = List.of("Petrolina", "EKO", "Esso", "Shell");

    private Shops() {
    }

    static Shop grocery(Town t, Random r) {
        return r.nextInt(6) == 0 ? Shop.in(t, "Periptero Kiosk", "5499") : Shop.in(t, Names.pick(r, GROCERS), "5411");
    }

    static Shop restaurant(Town t, Random r) {
        return Shop.in(t, Names.pick(r, RESTAURANTS), "5812");
    }

    static Shop cafe(Town t, Random r) {
        return Shop.in(t, Names.pick(r, CAFES), "5814");
    }

    static Shop fuel(Town t, Random r) {
        return Shop.in(t, Names.pick(r, FUEL), "5541");
    }

    static Shop pharmacy(Town t) {
        return Shop.in(t, "Central Pharmacy", "5912");
    }

    static Shop hairSalon(Town t) {
        return Shop.in(t, "Hair Studio", "7230");
    }

    static Shop cosmetics(Town t) {
        return Shop.in(t, "Beauty Line", "5977");
    }

    static Shop nailBar(Town t) {
        return Shop.in(t, "Nails and Spa", "7230");
    }

    static Shop lingerie(Town t) {
        return Shop.in(t, "Intimissimi", "5631");
    }

    static Shop fashion(Town t) {
        return Shop.in(t, "Bershka", "5621");
    }

    static Shop parking(Town t, int n) {
        return Shop.in(t, "Municipal Parking " + n, "7523");
    }

    static Shop utilities(Town t) {
        return Shop.in(t, "Water Board", "4900");
    }

    static Shop furniture(Town t) {
        return Shop.in(t, "Home Furnishings", "5712");
    }

    static Shop hardware(Town t) {
        return Shop.in(t, "Hardware Store", "5200");
    }

    static Shop college(Town t) {
        return Shop.in(t, "College Bookshop and Fees", "8220");
    }

    static Shop taxi(Town t) {
        return Shop.in(t, "Taxi Express", "4121");
    }

    /** A short-stay hotel or rooms in a town. */
    static Shop shortStay(Town t, int n) {
        List<String> names = List.of("Sea Breeze Rooms", "City Inn", "Harbour Studios", "Palm Apartments",
                "Central Rooms");
        return Shop.in(t, names.get(n % names.size()), "7011");
    }

    /** A holiday hotel or resort in a town. */
    static Shop resort(Town t) {
        return Shop.in(t, "Resort and Spa", "7011");
    }

    /** Jewellery, cars, cosmetic medicine: the luxury group. */
    static Shop jeweller(Town t) {
        return Shop.in(t, "Gold Jewellers", "5944");
    }

    static Shop carDealer(Town t) {
        return Shop.in(t, "Prestige Cars", "5511");
    }

    static Shop aestheticClinic(Town t) {
        return Shop.in(t, "Aesthetic Clinic", "8099");
    }

    static Shop carRental(Town t) {
        return Shop.in(t, "Rent a Car", "7512");
    }

    /** A city break abroad: city and country. */
    record Destination(String city, String country) {
    }

    static final List<Destination> DESTINATIONS = List.of(new Destination("Athens", "GR"),
            new Destination("Rome", "IT"), new Destination("London", "GB"), new Destination("Vienna", "AT"),
            new Destination("Barcelona", "ES"), new Destination("Paris", "FR"), new Destination("Berlin", "DE"),
            new Destination("Thessaloniki", "GR"), new Destination("Prague", "CZ"));
}
