package dev.contrail.domain.airspace;

import java.time.Instant;

/** An aircraft left an airspace it had entered; {@code occupants} is how many remain inside. */
public record AircraftExitedAirspace(String airspaceId, String icao24, String flightId, Instant exitedAt, AircraftPosition position,
                                     ExitReason reason, int occupants) {
}
