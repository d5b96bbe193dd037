package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The aircraft touched down: its flight has ended, though it is still tracked while it taxies. */
public record Landed(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg) {
}
