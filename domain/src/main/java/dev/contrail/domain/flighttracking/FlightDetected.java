package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** An aircraft was heard from while it had no flight in progress: a new flight starts here. */
public record FlightDetected(
        String icao24,
        String flightId,
        Instant detectedAt,
        String callsign,
        String originCountry,
        Position position,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps,
        String squawk) {
}
