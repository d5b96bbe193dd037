package dev.contrail.domain.airport;

import java.time.Instant;

/** A flight took off from an airport (from its runway, when known). */
public record DepartureRecorded(String movementId, String airportIdent, String runway, String flightId, String icao24, String callsign,
                                Instant departedAt, double latitude, double longitude) {
}
