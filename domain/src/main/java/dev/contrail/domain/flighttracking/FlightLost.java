package dev.contrail.domain.flighttracking;

import java.time.Instant;

/**
 * Nothing was heard from the aircraft for longer than Flight Tracking waits: its flight is over. The next
 * observation of the aircraft starts a new flight.
 *
 * @param declaredAt when the loss was noticed (the observation stream's time, not the wall clock)
 */
public record FlightLost(String icao24, String flightId, Instant declaredAt, Instant lastContactAt, Position lastPosition, boolean onGround) {
}
