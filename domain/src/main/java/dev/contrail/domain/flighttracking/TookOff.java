package dev.contrail.domain.flighttracking;

import java.time.Instant;

/**
 * The aircraft left the ground. When it had landed before, this take-off starts a new flight: {@code flightId}
 * is the new flight's and {@code previousFlightId} the one that ended with that landing.
 */
public record TookOff(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg,
                      String previousFlightId) {
}
