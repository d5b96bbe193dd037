package dev.contrail.application.airport;

import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.MovementKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A take-off or landing, as the Airport context understands what Flight Tracking published: translated at the
 * edge from its integration events, never from its model.
 */
public record FlightMovement(MovementKind kind, String flightId, String icao24, String callsign, Instant occurredAt, AircraftFix fix) {

    public FlightMovement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(icao24, "icao24");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
