package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The transponder code changed; either may be null when the aircraft did not report one. */
public record SquawkChanged(String icao24, String flightId, Instant observedAt, String previousSquawk, String squawk) {
}
