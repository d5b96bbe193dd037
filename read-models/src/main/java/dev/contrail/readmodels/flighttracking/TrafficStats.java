package dev.contrail.readmodels.flighttracking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The traffic heard in a window of whole minutes, as the dashboard shows it. Every aircraft heard in the window
 * counts once; its ground state is the one of its latest observation in the window; its speed and altitude are
 * the highest it reported in the window.
 *
 * @param window          the window asked for
 * @param from            the first minute covered (inclusive): the minute that was current {@code window} ago
 * @param to              the end of the minutes covered (exclusive): the end of the current minute
 * @param aircraft        aircraft heard in the window
 * @param airborne        of those, aircraft in the air at their latest observation
 * @param onGround        of those, aircraft on the ground at their latest observation
 * @param byOriginCountry aircraft per country of registration, most first
 * @param fastest         the aircraft with the highest ground speeds, fastest first
 * @param highest         the aircraft with the highest barometric altitudes, highest first
 */
public record TrafficStats(
        Duration window,
        Instant from,
        Instant to,
        int aircraft,
        int airborne,
        int onGround,
        List<CountryTraffic> byOriginCountry,
        List<AircraftTraffic> fastest,
        List<AircraftTraffic> highest) {

    /** How many aircraft of one country of registration were heard; {@code originCountry} null when unknown. */
    public record CountryTraffic(String originCountry, int aircraft) {
    }

    /**
     * One aircraft over the window: its latest callsign, origin country and ground state, its highest ground speed
     * (m/s) and barometric altitude (m), and when it was last heard.
     */
    public record AircraftTraffic(String icao24, String callsign, String originCountry, boolean onGround,
                                  Double groundSpeedMps, Double barometricAltitudeM, Instant lastSeen) {
    }

    /** The one-minute bucket an instant falls in: UTC whole minutes, the unit the statistics are kept and asked in. */
    public static Instant minuteOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES);
    }
}
