package dev.contrail.readmodels.airport;

import java.time.Instant;

/**
 * One departure or arrival on an airport's board.
 *
 * @param kind DEPARTURE or ARRIVAL
 */
public record AirportMovementView(String movementId, String airportIdent, String kind, String flightId, String icao24, String callsign,
                                  String runway, Instant occurredAt, double latitude, double longitude) {
}
