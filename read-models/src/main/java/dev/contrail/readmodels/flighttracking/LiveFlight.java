package dev.contrail.readmodels.flighttracking;

import java.time.Instant;

/** The current state of one aircraft, as served to queries and subscribers. Altitudes in metres, speeds in m/s. */
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
        Instant firstSeen,
        Instant lastSeen) {
}
