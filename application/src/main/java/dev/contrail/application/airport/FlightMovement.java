package dev.contrail.application.airport;

import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.MovementKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A take-off or landing, as the Airport context understands what Flight Tracking published: translated at the
 * edge from its integration events, never from its model.
 *
 * @param fix   where the aircraft was at the movement, or null when it reported no position
 * @param track its positions around the movement, oldest first: an arrival's final approach, a departure's take-off
 *              roll and initial climb (ADR 0023); empty when Flight Tracking published none
 */
public record FlightMovement(MovementKind kind, String flightId, String icao24, String callsign, Instant occurredAt, AircraftFix fix,
                             List<AircraftFix> track) {

    public FlightMovement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(icao24, "icao24");
        Objects.requireNonNull(occurredAt, "occurredAt");
        track = track == null ? List.of() : List.copyOf(track);
    }

    public FlightMovement(MovementKind kind, String flightId, String icao24, String callsign, Instant occurredAt, AircraftFix fix) {
        this(kind, flightId, icao24, callsign, occurredAt, fix, List.of());
    }
}
