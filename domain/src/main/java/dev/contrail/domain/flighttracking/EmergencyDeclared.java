package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The aircraft squawks an emergency code. */
public record EmergencyDeclared(String icao24, String flightId, Instant observedAt, EmergencyKind kind, String squawk, Position position) {
}
