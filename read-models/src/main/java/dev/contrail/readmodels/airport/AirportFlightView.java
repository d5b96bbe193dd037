package dev.contrail.readmodels.airport;

import java.time.Instant;

/** A flight with the airports it departed from and arrived at, as far as the Airport context attributed them. */
public record AirportFlightView(String flightId, String icao24, String callsign, String originIdent, Instant departedAt,
                                String departureRunway, String destinationIdent, Instant arrivedAt, String arrivalRunway) {
}
