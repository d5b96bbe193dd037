package dev.contrail.domain.airport;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a flight departed from, or arrived at, an airport. Addressed to the movement's deterministic id
 * ({@link Movement#idOf}), so sending it twice — a redelivered take-off, say — records it once.
 *
 * @param runway the runway end's designator when attribution could tell, else null
 */
public record RecordMovement(@TargetAggregateIdentifier String movementId, MovementKind kind, String airportIdent, String runway,
                             String flightId, String icao24, String callsign, Instant occurredAt, double latitude, double longitude) {

    public RecordMovement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(airportIdent, "airportIdent");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(icao24, "icao24");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!Movement.idOf(flightId, kind).equals(movementId)) {
            throw new IllegalArgumentException("movement id " + movementId + " is not the " + kind + " of flight " + flightId);
        }
    }

    public RecordMovement(MovementKind kind, String airportIdent, String runway, String flightId, String icao24, String callsign,
                          Instant occurredAt, double latitude, double longitude) {
        this(Movement.idOf(flightId, kind), kind, airportIdent, runway, flightId, icao24, callsign, occurredAt, latitude, longitude);
    }
}
