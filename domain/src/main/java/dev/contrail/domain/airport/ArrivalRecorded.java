package dev.contrail.domain.airport;

import java.time.Instant;

/** A flight landed at an airport (on its runway, when known). */
public record ArrivalRecorded(String movementId, String airportIdent, String runway, String flightId, String icao24, String callsign,
                              Instant arrivedAt, double latitude, double longitude) {
}
