package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The aircraft stopped squawking the emergency code; {@code squawk} is the code it squawks now, if any. */
public record EmergencyCleared(String icao24, String flightId, Instant observedAt, EmergencyKind kind, String squawk) {
}
