package org.htscreen.samples;

/** Which ordinary population the scenarios are planted in. */
public enum Population {
    /**
     * The original small population: salaried people, students, domestic workers, small businesses, a hotel and a
     * payroll employer (the demo and the golden tests use it).
     */
    CLASSIC,
    /**
     * A Cyprus bank's segments at realistic shares, each with the behaviour that resembles a red flag (landlords,
     * multi-branch retailers, 24-hour kiosks, hotels, night-shift workers, event organisers, international
     * students, domestic workers, family remitters, recruitment agencies, employers of foreign workers, sales
     * representatives, young hospitality staff, gig couriers, pensioners, salaried); scenarios come in full,
     * subtle and varied forms, and forced-criminality mule rings are planted too.
     */
    BANK,
    /**
     * Transfers only (no cash, no cards), as in AMLSim-style data: people and firms paying salaries, rent and
     * invoices by transfer, with general-laundering shapes planted (fan-in then fan-out, cycles, scatter-gather).
     */
    TRANSFER_ONLY
}
