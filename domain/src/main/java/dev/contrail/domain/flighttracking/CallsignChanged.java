package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The aircraft started to transmit another callsign. */
public record CallsignChanged(String icao24, String flightId, Instant observedAt, String previousCallsign, String callsign) {
}
