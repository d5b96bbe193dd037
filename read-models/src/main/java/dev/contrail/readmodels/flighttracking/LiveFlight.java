package dev.contrail.readmodels.flighttracking;

import java.time.Instant;

/**
 * The current state of one aircraft, as served to queries and subscribers. Altitudes in metres, speeds in m/s.
 *
 * <p>Only an aircraft that both topics have told about is a {@code LiveFlight}: Flight Tracking has detected its
 * flight (an event) and it has been heard from (an observation), so {@code flightId}, {@code firstSeen} and
 * {@code lastSeen} are never null.
 *
 * @param latitude    of the last known position: an observation without a position keeps the previous one
 * @param emergency   the {@code EmergencyKind} the aircraft declared (e.g. {@code GENERAL_EMERGENCY}), null if none
 * @param tookOffAt   when the current flight left the ground, if it was seen doing so
 * @param landedAt    when the current flight touched down, if it has
 * @param lost        its flight was declared lost and it has not been heard from since
 */
public record LiveFlight(
        String icao24,
        String flightId,
        String callsign,
        String originCountry,
        Double latitude,
        Double longitude,
        Double barometricAltitudeM,
        Double geometricAltitudeM,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps,
        String squawk,
        String emergency,
        Instant firstSeen,
        Instant lastSeen,
        Instant tookOffAt,
        Instant landedAt,
        boolean lost) {

    public Phase phase() {
        return Phase.of(lost, onGround, verticalRateMps);
    }
}
