package dev.contrail.domain.airspace;

import java.time.Instant;

/** An aircraft entered an airspace; {@code occupants} is how many are inside now, it included. */
public record AircraftEnteredAirspace(String airspaceId, String icao24, String flightId, Instant enteredAt, AircraftPosition position,
                                      int occupants) {
}
