package org.htscreen.samples;

import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: the seed, the size of the ordinary (benign) customer population, how many days of traffic
 * from which instant, and how many of each planted trafficking scenario. The same config always gives the same
 * {@link Sample}.
 *
 * @param seed             seed of every random choice
 * @param benignCustomers  ordinary customers (persons and businesses, a hotel and a payroll employer included)
 * @param days             days of traffic; day 0 is the first local (Asia/Nicosia) calendar day starting at or
 *                         after {@code start}
 * @param start            earliest instant of the traffic; every profile is dated before it
 * @param sexRings         sexual-exploitation rings (a controller and three victims each)
 * @param labourRings      labour-exploitation rings (an agency, four workers and a wage collector each)
 * @param shamFacilitators sham-marriage facilitators (each with one bride)
 * @param funnels          funnel accounts
 * @param smugglers        smuggling beneficiaries collecting fees by fan-in
 * @param muleRings        forced-criminality mule rings (a controller and his mules; {@link Population#BANK} only)
 * @param population       the ordinary population and its mode (see {@link Population}); in
 *                         {@link Population#TRANSFER_ONLY} {@code funnels} counts the laundering shapes and the
 *                         other scenarios, which need cash or cards, are not planted
 */
public record SampleConfig(long seed, int benignCustomers, int days, Instant start,
        int sexRings, int labourRings, int shamFacilitators, int funnels, int smugglers, int muleRings,
        Population population) {

    /** Start of the demo traffic: 1 September 2026, 00:00 in Nicosia. */
    public static final Instant DEMO_START = Instant.parse("2026-08-31T21:00:00Z");

    public SampleConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(population, "population");
        if (benignCustomers < 0 || days < 1 || sexRings < 0 || labourRings < 0 || shamFacilitators < 0
                || funnels < 0 || smugglers < 0 || muleRings < 0) {
            throw new IllegalArgumentException("counts must be >= 0 and days >= 1");
        }
    }

    /** The classic population without mule rings. */
    public SampleConfig(long seed, int benignCustomers, int days, Instant start, int sexRings, int labourRings,
            int shamFacilitators, int funnels, int smugglers) {
        this(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators, funnels, smugglers, 0,
                Population.CLASSIC);
    }

    /** Demo size: 200 benign customers, 60 days from {@link #DEMO_START}, one of each scenario, seed 42. */
    public static SampleConfig small() {
        return new SampleConfig(42L, 200, 60, DEMO_START, 1, 1, 1, 1, 1);
    }

    /** The same config with another seed. */
    public SampleConfig withSeed(long seed) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config with another number of benign customers. */
    public SampleConfig withBenignCustomers(int benignCustomers) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config over another number of days. */
    public SampleConfig withDays(int days) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config starting at another instant. */
    public SampleConfig withStart(Instant start) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config with other scenario counts. */
    public SampleConfig withScenarios(int sexRings, int labourRings, int shamFacilitators, int funnels,
            int smugglers) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config with another population, and {@code muleRings} forced-criminality rings. */
    public SampleConfig withPopulation(Population population, int muleRings) {
        return new SampleConfig(seed, benignCustomers, days, start, sexRings, labourRings, shamFacilitators,
                funnels, smugglers, muleRings, population);
    }

    /** The same config with no planted scenario: benign traffic only. */
    public SampleConfig benignOnly() {
        return withScenarios(0, 0, 0, 0, 0).withPopulation(population, 0);
    }
}
