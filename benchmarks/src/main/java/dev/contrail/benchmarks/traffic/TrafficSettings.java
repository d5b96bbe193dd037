package dev.contrail.benchmarks.traffic;

/**
 * What the load generator simulates.
 *
 * @param aircraft                how many aircraft fly at once (each one reports once per period)
 * @param seed                    the same seed gives the same traffic, vector for vector
 * @param startEpochSecond        simulated time of the first report
 * @param reportPeriodSeconds     how often each aircraft reports, in simulated seconds (OpenSky: 5 s for authenticated users)
 * @param appearanceSpreadSeconds over how long, from the start, the aircraft come into coverage: aircraft {@code i}
 *                                first reports {@code i / aircraft} of the way into it, rounded down to a whole
 *                                period. Real traffic never shows up all in one instant, and a fleet that did would
 *                                do everything periodic (e.g. a position sampled every 30 s) in lockstep for ever
 */
public record TrafficSettings(int aircraft, long seed, long startEpochSecond, double reportPeriodSeconds,
                              double appearanceSpreadSeconds) {

    public static final int DEFAULT_AIRCRAFT = 10_000;
    public static final double DEFAULT_REPORT_PERIOD_SECONDS = 5;
    public static final double DEFAULT_APPEARANCE_SPREAD_SECONDS = 30;

    public TrafficSettings {
        if (aircraft < 1 || aircraft > 1 << 24) {
            throw new IllegalArgumentException("aircraft must be within [1, 2^24] (one icao24 each), was " + aircraft);
        }
        if (!(reportPeriodSeconds > 0)) {
            throw new IllegalArgumentException("reportPeriodSeconds must be positive, was " + reportPeriodSeconds);
        }
        if (!(appearanceSpreadSeconds >= 0)) {
            throw new IllegalArgumentException("appearanceSpreadSeconds must not be negative, was " + appearanceSpreadSeconds);
        }
    }

    /**
     * Where traffic fed to a running Contrail starts: a day before {@code now}. Benchmarks accelerate simulated time, and
     * Contrail dead-letters a state vector dated more than 60 s after its clock (ADR 0024): a day back keeps any run
     * shorter than a day at up to 2× real time behind the clock (and 7 days, the oldest Contrail accepts, in front).
     */
    public static long startBehind(java.time.Instant now) {
        return now.minus(java.time.Duration.ofDays(1)).getEpochSecond();
    }

    /** The default fleet: 10,000 aircraft reporting every 5 s, coming into coverage over the first half minute. */
    public static TrafficSettings of(long seed, long startEpochSecond) {
        return new TrafficSettings(DEFAULT_AIRCRAFT, seed, startEpochSecond, DEFAULT_REPORT_PERIOD_SECONDS, DEFAULT_APPEARANCE_SPREAD_SECONDS);
    }

    /** The same fleet with another size. */
    public TrafficSettings withAircraft(int count) {
        return new TrafficSettings(count, seed, startEpochSecond, reportPeriodSeconds, appearanceSpreadSeconds);
    }

    /** The same fleet, every aircraft reporting from the first period on. */
    public TrafficSettings allAtOnce() {
        return new TrafficSettings(aircraft, seed, startEpochSecond, reportPeriodSeconds, 0);
    }

    /** State vectors per second of simulated time once every aircraft has appeared. */
    public double vectorsPerSimulatedSecond() {
        return aircraft / reportPeriodSeconds;
    }

    /** Simulated time by which every aircraft has reported at least once. */
    public double everyAircraftSeenBy() {
        return startEpochSecond + Math.max(1, appearanceRounds()) * reportPeriodSeconds;
    }

    /** Whole periods over which the aircraft appear (0: all in the first one). */
    int appearanceRounds() {
        return (int) Math.floor(appearanceSpreadSeconds / reportPeriodSeconds);
    }
}
